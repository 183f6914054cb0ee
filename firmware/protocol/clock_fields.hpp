#pragma once
// The BMS clock on the wire: year, month, day, hour, minute, second - the year as one byte
// (year - 2000) in PACE B1/B2, as two bytes in Pylontech 4D/4E. Both ends use these.
#include <cstdint>

#include "core/civil_time.hpp"
#include "protocol/frame.hpp"
#include "protocol/return_code.hpp"

namespace lfpbms::protocol {

inline void encode_clock(FrameWriter& out, std::uint32_t unix_s, bool two_byte_year) {
  const CivilTime c = civil_from_unix(unix_s);
  if (two_byte_year) {
    out.u16(c.year);
  } else {
    out.u8(static_cast<std::uint8_t>(c.year - 2000));
  }
  out.u8(c.month);
  out.u8(c.day);
  out.u8(c.hour);
  out.u8(c.minute);
  out.u8(c.second);
}

// Ok with `unix_s`; FormatError when INFO is not exactly the six fields; InvalidData for a
// date that does not exist.
inline Rtn decode_clock(InfoReader& in, bool two_byte_year, std::uint32_t& unix_s) {
  CivilTime c;
  c.year = two_byte_year ? in.u16() : static_cast<std::uint16_t>(2000 + in.u8());
  c.month = in.u8();
  c.day = in.u8();
  c.hour = in.u8();
  c.minute = in.u8();
  c.second = in.u8();
  if (!in.ok() || !in.at_end()) return Rtn::FormatError;
  return unix_from_civil(c, unix_s) ? Rtn::Ok : Rtn::InvalidData;
}

}  // namespace lfpbms::protocol
