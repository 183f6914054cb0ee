#pragma once
// Unix seconds to and from the calendar (UTC, proleptic Gregorian), for the BMS clock on the
// host link. Integer arithmetic on days, valid for 1970...2105.
#include <cstdint>

namespace lfpbms {

struct CivilTime {
  std::uint16_t year = 1970;
  std::uint8_t month = 1;  // 1...12
  std::uint8_t day = 1;    // 1...31
  std::uint8_t hour = 0;
  std::uint8_t minute = 0;
  std::uint8_t second = 0;
};

// Days since 1970-01-01 of a date (March-based year, so February's length sits at the end).
constexpr std::int32_t days_from_civil(std::int32_t y, std::int32_t m, std::int32_t d) {
  y -= m <= 2 ? 1 : 0;
  const std::int32_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int32_t yoe = y - era * 400;
  const std::int32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr CivilTime civil_from_unix(std::uint32_t t) {
  const std::int32_t days = static_cast<std::int32_t>(t / 86400u);
  const std::uint32_t secs = t % 86400u;
  const std::int32_t z = days + 719468;
  const std::int32_t era = z / 146097;
  const std::int32_t doe = z - era * 146097;
  const std::int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int32_t mp = (5 * doy + 2) / 153;
  const std::int32_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int32_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int32_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<std::uint16_t>(y), static_cast<std::uint8_t>(m), static_cast<std::uint8_t>(d),
          static_cast<std::uint8_t>(secs / 3600), static_cast<std::uint8_t>(secs / 60 % 60),
          static_cast<std::uint8_t>(secs % 60)};
}

// False for a date that does not exist or lies outside 1970...2105.
constexpr bool unix_from_civil(const CivilTime& c, std::uint32_t& out) {
  if (c.year < 1970 || c.year > 2105 || c.month < 1 || c.month > 12 || c.day < 1 || c.hour > 23 ||
      c.minute > 59 || c.second > 59) {
    return false;
  }
  const std::int32_t days = days_from_civil(c.year, c.month, c.day);
  if (civil_from_unix(static_cast<std::uint32_t>(days) * 86400u).day != c.day) return false;
  out = static_cast<std::uint32_t>(days) * 86400u + c.hour * 3600u + c.minute * 60u + c.second;
  return true;
}

}  // namespace lfpbms
