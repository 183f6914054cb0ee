#include "protocol/pace_protocol.hpp"

#include "protocol/clock_fields.hpp"
#include "protocol/pack_blocks.hpp"

namespace lfpbms::protocol {

Rtn PaceProtocol::answer(Request& r, FrameWriter& out) {
  const std::uint8_t cid2 = r.header.cid2;
  switch (cid2) {
    case kAnalog:
      return analog(r, out);
    case kAlarms:
      return alarms(r, out);
    case kSwitch:
      return switch_command(r, out);
    case kChargeFet:
      return fet_command(r, out, true);
    case kDischargeFet:
      return fet_command(r, out, false);
    case kShutdown:
      return shutdown(r);
    case kCapacities:
      return capacities(out);
    case kHistoryRecord:
      return history_record(r, out);
    case kReadClock:
      return read_clock(out);
    case kWriteClock:
      return write_clock(r);
    case kVersion:
    case kSerialNumber:
      return identity(cid2, out);
    default:
      break;
  }
  if ((cid2 >= 0xD0 && cid2 <= 0xEE) || cid2 == 0xB5 || cid2 == 0xB6) return settings(r, out);
  if (cid2 >= 0xF0) return extension(r, out);
  return Rtn::InvalidCommand;
}

bool PaceProtocol::select(std::uint8_t info_address, std::uint8_t& first,
                          std::uint8_t& count) const {
  const std::uint8_t packs = d_.bank != nullptr ? d_.bank->pack_count() : 1;
  if (info_address == kAllPacks) {
    first = 0;
    count = packs;
    return true;
  }
  count = 1;
  if (info_address == 0 || info_address == d_.address) {
    first = 0;
    return true;
  }
  for (std::uint8_t i = 1; d_.bank != nullptr && i < packs; ++i) {
    if (d_.bank->address(i) == info_address) {
      first = i;
      return true;
    }
  }
  return false;
}

bool PaceProtocol::block(std::uint8_t index, AnalogBlock& out) const {
  if (index == 0) {
    out = analog_block(d_.bms.status(), d_.bms.params());
    return true;
  }
  return d_.bank != nullptr && d_.bank->analog(index, out);
}

bool PaceProtocol::block(std::uint8_t index, AlarmBlock& out) const {
  if (index == 0) {
    out = alarm_block(d_.bms.status(), d_.bms.params());
    return true;
  }
  return d_.bank != nullptr && d_.bank->alarms(index, out);
}

// INFO FF: flag, pack count, then each pack's block, followed by one byte (00) when there are two
// or more; one pack: flag, its address, its block (docs/protocols.md §1, §2).
template <class Block, class Layout>
Rtn PaceProtocol::per_pack(Request& r, FrameWriter& out, Layout layout) {
  const std::uint8_t info_address = r.info.at_end() ? d_.address : r.info.u8();
  std::uint8_t first = 0, count = 0;
  if (!select(info_address, first, count)) return Rtn::AddressError;
  FieldEncoder enc(out);
  out.u8(0x00);
  const bool all = info_address == kAllPacks;
  out.u8(all ? count : (first == 0 ? d_.address : info_address));
  for (std::uint8_t i = first; i < first + count; ++i) {
    Block b;
    if (!block(i, b)) return Rtn::InterPackError;
    layout(enc, static_cast<const Block&>(b));
    if (all && count > 1) out.u8(0x00);
  }
  return Rtn::Ok;
}

Rtn PaceProtocol::analog(Request& r, FrameWriter& out) {
  return per_pack<AnalogBlock>(r, out, [](FieldEncoder& enc, const AnalogBlock& a) {
    analog_layout(enc, a, kPaceUnits);
    pace_capacity_layout(enc, a);
  });
}

Rtn PaceProtocol::alarms(Request& r, FrameWriter& out) {
  return per_pack<AlarmBlock>(r, out, [](FieldEncoder& enc, const AlarmBlock& a) {
    alarm_layout(enc, a);
    pace_status_layout(enc, a);
  });
}

bool PaceProtocol::may_write(TimeMs now) const {
  return session_.active(now) || d_.bms.params().get(ParamId::open_host_writes) != 0;
}

bool PaceProtocol::admin(TimeMs now) {
  if (!session_.active(now)) return false;
  session_.touch(now);
  return true;
}

Rtn PaceProtocol::switch_command(Request& r, FrameWriter& out) {
  const std::uint8_t command = r.info.u8();
  if (!r.info.ok() || !r.info.at_end()) return Rtn::FormatError;
  if (!may_write(r.now)) return Rtn::PermissionDenied;
  ParamId id = ParamId::None;
  std::int32_t value = 0;
  switch (command) {
    case kLedWarningOff:
      id = ParamId::led_enable;
      value = 0;
      break;
    case kLedWarningOn:
      id = ParamId::led_enable;
      value = 1;
      break;
    case kBuzzerOff:
      id = ParamId::buzzer_enable;
      value = 0;
      break;
    case kBuzzerOn:
      id = ParamId::buzzer_enable;
      value = 1;
      break;
    case kLimiterOn:
    case kLimiterHighGear:
      break;  // the limiter is always on, in its one gear
    default:
      return Rtn::InvalidData;  // turning the limiter off or to a low gear: not here
  }
  if (id != ParamId::None && !d_.bms.set_param(id, value).ok()) return Rtn::ExecutionFailed;
  out.u8(command);
  out.u8(alarm_block(d_.bms.status(), d_.bms.params()).config);
  return Rtn::Ok;
}

// 01 = off (open), 00 = allowed (on); the protections still decide. The host may not turn both
// off: the pack would stop talking to an inverter that can no longer wake it (docs/protocols.md
// §4). The answer is the system status byte.
Rtn PaceProtocol::fet_command(Request& r, FrameWriter& out, bool charge) {
  const std::uint8_t command = r.info.u8();
  if (!r.info.ok() || !r.info.at_end()) return Rtn::FormatError;
  if (command > 1) return Rtn::InvalidData;
  if (!may_write(r.now)) return Rtn::PermissionDenied;
  const bool off = command == 1;
  const bool charge_off = charge ? off : d_.bms.host_charge_off();
  const bool discharge_off = charge ? d_.bms.host_discharge_off() : off;
  if (charge_off && discharge_off) {
    out.u8(alarm_block(d_.bms.status(), d_.bms.params()).system);
    return Rtn::OperationFailed;
  }
  d_.bms.set_host_switches(charge_off, discharge_off);
  out.u8(host_system_status(charge_off, discharge_off));
  return Rtn::Ok;
}

// The system status as it will be after the next tick applies the host's switches.
std::uint8_t PaceProtocol::host_system_status(bool charge_off, bool discharge_off) const {
  std::uint8_t system = alarm_block(d_.bms.status(), d_.bms.params()).system;
  if (charge_off) system = static_cast<std::uint8_t>(system & ~0x02u);
  if (discharge_off) system = static_cast<std::uint8_t>(system & ~0x04u);
  return system;
}

Rtn PaceProtocol::shutdown(Request& r) {
  const std::uint8_t command = r.info.u8();
  if (!r.info.ok() || !r.info.at_end()) return Rtn::FormatError;
  if (command != 1) return Rtn::InvalidData;
  if (!may_write(r.now)) return Rtn::PermissionDenied;
  d_.bms.request_sleep();
  return Rtn::Ok;
}

Rtn PaceProtocol::capacities(FrameWriter& out) {
  const AnalogBlock a = analog_block(d_.bms.status(), d_.bms.params());
  FieldEncoder enc(out);
  enc.scaled_u16(a.remaining_mAh, kPaceUnits.capacity_mAh);
  enc.scaled_u16(a.full_capacity_mAh, kPaceUnits.capacity_mAh);
  enc.scaled_u16(a.design_capacity_mAh, kPaceUnits.capacity_mAh);
  return Rtn::Ok;
}

Rtn PaceProtocol::read_clock(FrameWriter& out) {
  encode_clock(out, d_.clock.unix_time_s(), false);
  return Rtn::Ok;
}

Rtn PaceProtocol::write_clock(Request& r) {
  std::uint32_t t = 0;
  const Rtn rtn = decode_clock(r.info, false, t);
  if (rtn != Rtn::Ok) return rtn;
  if (!may_write(r.now)) return Rtn::PermissionDenied;
  d_.clock.set_unix_time_s(t);
  return Rtn::Ok;
}

Rtn PaceProtocol::identity(std::uint8_t cid2, FrameWriter& out) {
  if (cid2 == kVersion) {
    out.ascii(d_.identity.version, 20);
  } else {
    out.ascii(d_.identity.bms_serial, 20);
    out.ascii(d_.identity.pack_serial, 20);
  }
  return Rtn::Ok;
}

}  // namespace lfpbms::protocol
