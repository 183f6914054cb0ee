#include "sim/scenario/scenario_time.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace lfpbms::sim {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Plain digits only: from_chars alone would take a sign, an exponent or "inf".
std::optional<double> unsigned_number(std::string_view s) {
  const auto dot = s.find('.');
  const bool plain = dot == std::string_view::npos
                         ? all_digits(s)
                         : all_digits(s.substr(0, dot)) && all_digits(s.substr(dot + 1));
  if (!plain) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<int> two_digits(std::string_view s, int limit) {
  if (s.size() != 2 || !all_digits(s)) return std::nullopt;
  const int v = (s[0] - '0') * 10 + (s[1] - '0');
  if (v >= limit) return std::nullopt;
  return v;
}

// "HH:MM" or "HH:MM:SS" within one day; the hour may have one digit.
std::optional<double> clock_s(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string_view hh = s.substr(0, colon);
  const auto h =
      hh.size() == 1 && all_digits(hh) ? std::optional<int>(hh[0] - '0') : two_digits(hh, 24);
  std::string_view rest = s.substr(colon + 1);
  int sec = 0;
  if (rest.size() == 5 && rest[2] == ':') {
    const auto ss = two_digits(rest.substr(3), 60);
    if (!ss) return std::nullopt;
    sec = *ss;
    rest = rest.substr(0, 2);
  }
  const auto m = two_digits(rest, 60);
  if (!h || !m) return std::nullopt;
  return *h * 3600.0 + *m * 60.0 + sec;
}

// "<number><unit>" with unit s, m, h or d.
std::optional<double> with_unit_s(std::string_view s) {
  if (s.size() < 2) return std::nullopt;
  double unit_s = 0;
  switch (s.back()) {
    case 's':
      unit_s = 1;
      break;
    case 'm':
      unit_s = 60;
      break;
    case 'h':
      unit_s = 3600;
      break;
    case 'd':
      unit_s = kDay_s;
      break;
    default:
      return std::nullopt;
  }
  const auto n = unsigned_number(s.substr(0, s.size() - 1));
  if (!n) return std::nullopt;
  return *n * unit_s;
}

}  // namespace

std::optional<double> parse_time_s(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.find(':') == std::string_view::npos) return with_unit_s(s);
  const auto space = s.find(' ');
  if (space == std::string_view::npos) return clock_s(s);
  // "<days>d HH:MM": whole days, then the time of day.
  const std::string_view day = s.substr(0, space);
  if (day.size() < 2 || day.back() != 'd' || !all_digits(day.substr(0, day.size() - 1))) {
    return std::nullopt;
  }
  const auto days = unsigned_number(day.substr(0, day.size() - 1));
  const auto clock = clock_s(trim(s.substr(space)));
  if (!days || !clock) return std::nullopt;
  return *days * kDay_s + *clock;
}

std::string time_text(double time_s) {
  const auto total = static_cast<long long>(std::llround(time_s));
  const long long days = total / 86400;
  const int hours = static_cast<int>(total % 86400 / 3600);
  const int minutes = static_cast<int>(total % 3600 / 60);
  const int seconds = static_cast<int>(total % 60);
  char buf[48];
  if (seconds == 0) {
    std::snprintf(buf, sizeof buf, "%lldd %02d:%02d", days, hours, minutes);
  } else {
    std::snprintf(buf, sizeof buf, "%lldd %02d:%02d:%02d", days, hours, minutes, seconds);
  }
  return buf;
}

}  // namespace lfpbms::sim
