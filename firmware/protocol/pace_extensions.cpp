// lfpbms's extensions to PACE v2.5 (PROTOCOLS.md §1.3): log-in, password, parameters by id,
// defaults, counters. Writes are checked whole before anything changes.
#include "params/param_table.hpp"
#include "protocol/pace_protocol.hpp"

namespace lfpbms::protocol {
namespace {

// One F2 entry: value, min, max (s32), unit, scale (u8): 14 bytes.
constexpr std::size_t kParamEntryBytes = 14;

RefusalReason reason(const WriteResult& w, std::int32_t value, std::uint8_t series) {
  switch (w.error) {
    case ParamError::OutOfRange:
      return value < param_min(w.param, series) ? kBelowMin : kAboveMax;
    case ParamError::Ordering:
      return kBreaksOrdering;
    default:
      return kReadOnly;
  }
}

}  // namespace

Rtn PaceProtocol::extension(Request& r, FrameWriter& out) {
  switch (r.header.cid2) {
    case kLogIn:
      return log_in(r);
    case kChangePassword:
      return change_password(r);
    case kReadParams:
      return read_params(r, out);
    case kWriteParams:
      return write_params(r, out);
    case kRestoreDefaults:
      if (!r.info.at_end()) return Rtn::FormatError;
      if (!admin(r.now)) return Rtn::PermissionDenied;
      return d_.bms.restore_defaults() ? Rtn::Ok : Rtn::ExecutionFailed;
    case kReadRecords:
      return read_records(r, out);
    case kDeleteRecords:
      return delete_records(r);
    case kCounters:
      return counters(out);
    case kReboot:
      if (!r.info.at_end()) return Rtn::FormatError;
      if (d_.system == nullptr) return Rtn::InvalidCommand;
      if (!admin(r.now)) return Rtn::PermissionDenied;
      d_.system->request_restart();
      return Rtn::Ok;
    case kSystemView:
      return system_view(r, out);
    case kMemberStatus:
      return member_status(r, out);
    default:
      return Rtn::InvalidCommand;
  }
}

Rtn PaceProtocol::log_in(Request& r) {
  char password[kMaxPasswordChars];
  const std::size_t length = r.info.remaining();
  if (length == 0 || length > kMaxPasswordChars) return Rtn::FormatError;
  r.info.bytes(password, length);
  switch (session_.log_in(password, length, r.now)) {
    case LoginResult::Ok:
      return Rtn::Ok;
    case LoginResult::Wrong:
    case LoginResult::LockedOut:
      break;
  }
  return Rtn::PermissionDenied;
}

// INFO: old length u8, old password, new length u8, new password.
Rtn PaceProtocol::change_password(Request& r) {
  char old_pw[kMaxPasswordChars], new_pw[kMaxPasswordChars];
  const std::uint8_t old_len = r.info.u8();
  if (old_len > kMaxPasswordChars) return Rtn::FormatError;
  r.info.bytes(old_pw, old_len);
  const std::uint8_t new_len = r.info.u8();
  if (new_len == 0 || new_len > kMaxPasswordChars) return Rtn::FormatError;
  r.info.bytes(new_pw, new_len);
  if (!r.info.ok() || !r.info.at_end()) return Rtn::FormatError;
  if (!session_.active(r.now)) return Rtn::PermissionDenied;
  const auto salt = static_cast<std::uint32_t>(d_.clock.unix_time_s() ^ (r.now * 2654435761u));
  return session_.change_password(old_pw, old_len, new_pw, new_len, r.now, salt)
             ? Rtn::Ok
             : Rtn::PermissionDenied;
}

// INFO: first id u16, count u8 -> first id u16, count u8 (what fits), the entries.
Rtn PaceProtocol::read_params(Request& r, FrameWriter& out) {
  const std::uint16_t first = r.info.u16();
  std::uint8_t count = r.info.u8();
  if (!r.info.ok() || !r.info.at_end()) return Rtn::FormatError;
  if (first >= kParamCount) return Rtn::NoData;
  if (count > kParamCount - first) count = static_cast<std::uint8_t>(kParamCount - first);
  const std::size_t room = out.room_bytes();
  const std::size_t fits =
      room > 3 ? (room - 3) / kParamEntryBytes : 0;  // the rest comes next time
  if (count > fits) count = static_cast<std::uint8_t>(fits);
  out.u16(first);
  out.u8(count);
  const std::uint8_t series = d_.bms.params().series_count();
  for (std::uint8_t i = 0; i < count; ++i) {
    const auto id = static_cast<ParamId>(first + i);
    const ParamDef& def = param_def(id);
    out.s32(d_.bms.params().get(id));
    out.s32(param_min(id, series));
    out.s32(param_max(id, series));
    out.u8(static_cast<std::uint8_t>(def.unit));
    out.u8(static_cast<std::uint8_t>(def.scale));
  }
  return Rtn::Ok;
}

// INFO: count u8, then (id u16, value s32) pairs; all or nothing.
Rtn PaceProtocol::write_params(Request& r, FrameWriter& out) {
  constexpr std::size_t kMaxWrites = 64;
  ParamWrite writes[kMaxWrites];
  const std::uint8_t count = r.info.u8();
  if (count == 0 || count > kMaxWrites) return Rtn::FormatError;
  for (std::uint8_t i = 0; i < count; ++i) {
    const std::uint16_t id = r.info.u16();
    writes[i] = {id < kParamCount ? static_cast<ParamId>(id) : ParamId::None, r.info.s32()};
    if (id >= kParamCount) {
      if (!r.info.ok()) return Rtn::FormatError;
      out.u16(id);
      out.u8(kReadOnly);
      return Rtn::InvalidData;
    }
  }
  if (!r.info.ok() || !r.info.at_end()) return Rtn::FormatError;
  if (!admin(r.now)) return Rtn::PermissionDenied;
  return stored(d_.bms.set_params(writes, count), writes, count, out);
}

Rtn PaceProtocol::stored(const WriteResult& result, const ParamWrite* writes, std::size_t count,
                         FrameWriter& out) {
  if (result.ok()) return Rtn::Ok;
  if (result.error == ParamError::StorageFailed) return Rtn::ExecutionFailed;
  std::int32_t value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (writes[i].id == result.param) value = writes[i].value;
  }
  out.u16(static_cast<std::uint16_t>(result.param));
  out.u8(reason(result, value, d_.bms.params().series_count()));
  return Rtn::InvalidData;
}

Rtn PaceProtocol::counters(FrameWriter& out) {
  const BmsStatus& s = d_.bms.status();
  out.u32(s.cycle_count);
  out.u32(s.charged_mAh_total);
  out.u32(s.discharged_mAh_total);
  out.u32(s.charged_Wh_total);
  out.u32(s.discharged_Wh_total);
  out.u16(static_cast<std::uint16_t>(s.soh_pptt));
  out.u32(static_cast<std::uint32_t>(s.full_capacity_mAh));
  out.u16(static_cast<std::uint16_t>(s.soc_pptt));
  out.u8(s.weak_cell);
  return Rtn::Ok;
}

}  // namespace lfpbms::protocol
