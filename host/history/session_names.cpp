#include "host/history/session_names.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "core/civil_time.hpp"

namespace lfpbms::host {
namespace {

constexpr const char* kSessionPrefix = "session_";

// Reads `count` decimal digits at `pos`; -1 when any is not a digit.
int digits(const std::string& s, std::size_t pos, std::size_t count) {
  if (pos + count > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::optional<std::uint32_t> to_unix(int y, int mo, int d, int h, int mi, int s) {
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) {
    return std::nullopt;
  }
  CivilTime c{static_cast<std::uint16_t>(y), static_cast<std::uint8_t>(mo),
              static_cast<std::uint8_t>(d),  static_cast<std::uint8_t>(h),
              static_cast<std::uint8_t>(mi), static_cast<std::uint8_t>(s)};
  std::uint32_t t = 0;
  if (!unix_from_civil(c, t)) return std::nullopt;  // also 31 February
  return t;
}

int days_in_month(int year, int month) {
  return days_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) -
         days_from_civil(year, month, 1);
}

}  // namespace

std::string session_table_name(std::uint32_t start_unix_s) {
  const CivilTime c = civil_from_unix(start_unix_s);
  return fmt::format("{}{:04}{:02}{:02}_{:02}{:02}{:02}", kSessionPrefix, c.year, c.month, c.day,
                     c.hour, c.minute, c.second);
}

std::optional<std::uint32_t> session_start(const std::string& table) {
  const std::string prefix = kSessionPrefix;
  if (table.size() != prefix.size() + 15 || table.compare(0, prefix.size(), prefix) != 0 ||
      table[prefix.size() + 8] != '_') {
    return std::nullopt;
  }
  const std::size_t p = prefix.size();
  return to_unix(digits(table, p, 4), digits(table, p + 4, 2), digits(table, p + 6, 2),
                 digits(table, p + 9, 2), digits(table, p + 11, 2), digits(table, p + 13, 2));
}

std::string pack_csv_name(int address, std::uint32_t session_start_unix_s) {
  const CivilTime c = civil_from_unix(session_start_unix_s);
  return fmt::format("pack No{}_{:04}{:02}{:02}{:02}{:02}{:02}.csv", address, c.year, c.month,
                     c.day, c.hour, c.minute, c.second);
}

std::uint32_t two_months_before(std::uint32_t now_unix_s) {
  const CivilTime c = civil_from_unix(now_unix_s);
  int year = c.year;
  int month = c.month - 2;
  if (month < 1) {
    month += 12;
    --year;
  }
  const int day = std::min<int>(c.day, days_in_month(year, month));
  const std::int32_t days = days_from_civil(year, month, day);
  if (days < 0) return 0;
  return static_cast<std::uint32_t>(days) * 86400u + now_unix_s % 86400u;
}

std::string iso_utc(std::uint32_t unix_s) {
  const CivilTime c = civil_from_unix(unix_s);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, c.hour,
                     c.minute, c.second);
}

std::optional<std::uint32_t> parse_iso_utc(const std::string& text) {
  std::string t = text;
  if (!t.empty() && (t.back() == 'Z' || t.back() == 'z')) t.pop_back();
  if (t.size() != 19 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') ||
      t[13] != ':' || t[16] != ':') {
    return std::nullopt;
  }
  return to_unix(digits(t, 0, 4), digits(t, 5, 2), digits(t, 8, 2), digits(t, 11, 2),
                 digits(t, 14, 2), digits(t, 17, 2));
}

}  // namespace lfpbms::host
