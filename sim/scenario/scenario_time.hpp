#pragma once
// Times in a scenario file: seconds as a number, or text such as "90s", "30m", "2h", "1.5d",
// "1d 12:00", "2d 06:30:15" or "12:00" (day 0). The same text comes back for summaries.
#include <optional>
#include <string>
#include <string_view>

namespace lfpbms::sim {

inline constexpr double kDay_s = 86400.0;

// Seconds from the start of the run, or nothing when `text` is not a time.
std::optional<double> parse_time_s(std::string_view text);
// "2d 00:00", with ":SS" only when the seconds are not zero.
std::string time_text(double time_s);

}  // namespace lfpbms::sim
