#include "protocol/pylon_protocol.hpp"

#include "protocol/clock_fields.hpp"
#include "protocol/pack_blocks.hpp"

namespace lfpbms::protocol {

PylonStatus pylon_status(const AlarmBlock& a) {
  auto flag = [](bool on, unsigned i) {
    return on ? static_cast<std::uint8_t>(1u << i) : std::uint8_t{0};
  };
  PylonStatus s;
  s.status1 = flag(a.protect1 & 0x05, 0) | flag(a.protect1 & 0x02, 1) | flag(a.protect1 & 0x10, 2) |
              flag(a.protect1 & 0x60, 4) | flag(a.protect2 & 0x02, 5) | flag(a.protect2 & 0x01, 6) |
              flag(a.protect1 & 0x08, 7);
  s.status2 = flag(a.system & 0x02, 1) | flag(a.system & 0x04, 2) | flag(a.system & 0x08, 3);
  s.status3 = flag(a.config & 0x01, 0) | flag(a.protect2 & 0x80, 3) | flag(a.system & 0x02, 7);
  for (std::uint8_t i = 0; i < a.cell_count && i < 16; ++i) {
    if (a.cell_alarm[i] == kAlarmNormal) continue;
    std::uint8_t& bits = i < 8 ? s.status4 : s.status5;
    bits = static_cast<std::uint8_t>(bits | 1u << (i % 8));
  }
  return s;
}

Rtn PylonProtocol::answer(Request& r, FrameWriter& out) {
  switch (r.header.cid2) {
    case kPylonAnalog:
      return analog(r, out);
    case kPylonAlarms:
      return alarms(r, out);
    case kPylonSystemParams:
      return system_params(out);
    case kPylonReadTime:
      return read_time(out);
    case kPylonWriteTime:
      return write_time(r);
    case kPylonProtocolVersion:
      return Rtn::Ok;  // the answer's VER is the version
    case kPylonManufacturer:
      return manufacturer(out);
    case kPylonChargeManagement:
      return charge_management(r, out);
    case kPylonSerialNumber:
      return serial_number(r, out);
    default:
      return Rtn::InvalidCommand;
  }
}

// INFO: the pack's address, 00 or FF (all packs: a single pack answers for itself).
bool PylonProtocol::for_us(Request& r) const {
  const std::uint8_t a = r.info.at_end() ? d_.address : r.info.u8();
  return a == d_.address || a == 0 || a == kAllPacks;
}

Rtn PylonProtocol::analog(Request& r, FrameWriter& out) {
  if (!for_us(r)) return Rtn::AddressError;
  const AnalogBlock a = analog_block(d_.bms.status(), d_.bms.params());
  FieldEncoder enc(out);
  out.u8(0x00);
  out.u8(d_.address);
  analog_layout(enc, a, kPylonUnits);
  pylon_capacity_layout(enc, a);
  return Rtn::Ok;
}

Rtn PylonProtocol::alarms(Request& r, FrameWriter& out) {
  if (!for_us(r)) return Rtn::AddressError;
  const AlarmBlock a = alarm_block(d_.bms.status(), d_.bms.params());
  FieldEncoder enc(out);
  out.u8(0x00);
  out.u8(d_.address);
  alarm_layout(enc, a);
  const PylonStatus s = pylon_status(a);
  out.u8(s.status1);
  out.u8(s.status2);
  out.u8(s.status3);
  out.u8(s.status4);
  out.u8(s.status5);
  return Rtn::Ok;
}

// Cell and module voltage limits, temperature limits and current limits of the protection
// levels: high = protect, low = alarm, under = protect.
Rtn PylonProtocol::system_params(FrameWriter& out) {
  const ParamSet& p = d_.bms.params();
  FieldEncoder enc(out);
  auto mV = [&](ParamId id) { enc.scaled_u16(p.get(id), 1); };
  auto dC = [&](ParamId id) {
    enc.kelvin(static_cast<std::int16_t>(p.get(id)), kPylonUnits.kelvin_dC);
  };
  out.u8(0x00);
  mV(ParamId::cell_ov_protect_mV);
  mV(ParamId::cell_uv_alarm_mV);
  mV(ParamId::cell_uv_protect_mV);
  dC(ParamId::chg_ot_protect_dC);
  dC(ParamId::chg_ut_protect_dC);
  enc.scaled_s16(p.get(ParamId::ccl_max_mA), kPylonUnits.current_mA);
  mV(ParamId::pack_ov_protect_mV);
  mV(ParamId::pack_uv_alarm_mV);
  mV(ParamId::pack_uv_protect_mV);
  dC(ParamId::dsg_ot_protect_dC);
  dC(ParamId::dsg_ut_protect_dC);
  enc.scaled_s16(-p.get(ParamId::dcl_max_mA), kPylonUnits.current_mA);
  return Rtn::Ok;
}

Rtn PylonProtocol::read_time(FrameWriter& out) {
  encode_clock(out, d_.clock.unix_time_s(), true);
  return Rtn::Ok;
}

Rtn PylonProtocol::write_time(Request& r) {
  std::uint32_t t = 0;
  const Rtn rtn = decode_clock(r.info, true, t);
  if (rtn != Rtn::Ok) return rtn;
  if (d_.bms.params().get(ParamId::open_host_writes) == 0) return Rtn::PermissionDenied;
  d_.clock.set_unix_time_s(t);
  return Rtn::Ok;
}

Rtn PylonProtocol::manufacturer(FrameWriter& out) {
  out.ascii(d_.identity.model, 10);
  out.u8(d_.identity.software_major);
  out.u8(d_.identity.software_minor);
  out.ascii(d_.identity.manufacturer, 20);
  return Rtn::Ok;
}

Rtn PylonProtocol::charge_management(Request& r, FrameWriter& out) {
  if (!for_us(r)) return Rtn::AddressError;
  const ChargeManagement c = protocol::charge_management(d_.bms.status());
  FieldEncoder enc(out);
  out.u8(d_.address);
  charge_management_layout(enc, c);
  return Rtn::Ok;
}

Rtn PylonProtocol::serial_number(Request& r, FrameWriter& out) {
  if (!for_us(r)) return Rtn::AddressError;
  out.u8(d_.address);
  out.ascii(d_.identity.pack_serial, 16);
  return Rtn::Ok;
}

}  // namespace lfpbms::protocol
