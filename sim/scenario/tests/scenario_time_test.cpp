// Time strings: every documented form, the clock limits, and the text that comes back.
#include <gtest/gtest.h>

#include "sim/scenario/scenario_time.hpp"

namespace lfpbms::sim {
namespace {

TEST(TWIN_scenario_time, documented_forms) {
  EXPECT_EQ(parse_time_s("90s"), 90.0);
  EXPECT_EQ(parse_time_s("30m"), 1800.0);
  EXPECT_EQ(parse_time_s("2h"), 7200.0);
  EXPECT_EQ(parse_time_s("1.5h"), 5400.0);
  EXPECT_EQ(parse_time_s("1d"), 86400.0);
  EXPECT_EQ(parse_time_s("1d 12:00"), 86400.0 + 43200.0);
  EXPECT_EQ(parse_time_s("2d 06:30"), 2 * 86400.0 + 6 * 3600.0 + 1800.0);
  EXPECT_EQ(parse_time_s("12:00"), 43200.0);
  EXPECT_EQ(parse_time_s("6:05"), 6 * 3600.0 + 300.0);
  EXPECT_EQ(parse_time_s("0d 00:00:30"), 30.0);
  EXPECT_EQ(parse_time_s("  1d  23:59  "), 86400.0 + 86340.0);
}

TEST(TWIN_scenario_time, refuses_what_is_not_a_time) {
  for (const char* bad :
       {"",      "s",        "12",         "1w",      "-5s",      "+5s",  "1e3s",
        "inf s", "1 d",      "1.5d 12:00", "24:00",   "12:60",    "12:5", "123:00",
        "1d 12", "12:00:60", "d 12:00",    "1d12:00", "12:00 1d", "1h30m"}) {
    EXPECT_FALSE(parse_time_s(bad)) << '"' << bad << '"';
  }
}

TEST(TWIN_scenario_time, text_for_summaries) {
  EXPECT_EQ(time_text(0), "0d 00:00");
  EXPECT_EQ(time_text(2 * 86400.0), "2d 00:00");
  EXPECT_EQ(time_text(86400.0 + 6 * 3600.0 + 30 * 60.0), "1d 06:30");
  EXPECT_EQ(time_text(3725), "0d 01:02:05");
}

}  // namespace
}  // namespace lfpbms::sim
