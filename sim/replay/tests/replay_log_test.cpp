// The replay's CSV reader: the columns of the `lfpbms replay` contract in any order, comments,
// optional values; every bad input refused with "file:line: message".
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "sim/replay/replay_log.hpp"

namespace lfpbms::sim {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

ReplayLog parse(const std::string& text) {
  std::istringstream in(text);
  return parse_replay_log(in, "log.csv");
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ReplayError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(REPLAY_log, single_cell_columns_read_in_any_order) {
  const ReplayLog log = parse("voltage_V,time_s,current_A\n3.30,0,-1.5\n3.29,1.5,+2\n");
  EXPECT_TRUE(log.single_cell());
  EXPECT_FALSE(log.has_temperature);
  EXPECT_FALSE(log.has_soc_ref);
  ASSERT_EQ(log.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(log.rows[1].time_s, 1.5);
  EXPECT_DOUBLE_EQ(log.rows[1].current_A, 2.0);
  EXPECT_DOUBLE_EQ(log.rows[0].cell_V[0], 3.30);
  EXPECT_EQ(log.rows[1].line, 3u);
  EXPECT_TRUE(std::isnan(log.rows[0].soc_ref));
}

TEST(REPLAY_log, cell_columns_make_a_string) {
  std::string header = "time_s,current_A";
  std::string row = "0,0";
  for (int i = 1; i <= 4; ++i) {
    header += ",cell" + std::to_string(i) + "_V";
    row += ",3." + std::to_string(i);
  }
  const ReplayLog log = parse(header + "\n" + row + "\n");
  EXPECT_EQ(log.cell_columns, 4u);
  EXPECT_DOUBLE_EQ(log.rows[0].cell_V[3], 3.4);
}

TEST(REPLAY_log, one_cell_column_is_a_single_cell) {
  const ReplayLog log = parse("time_s,current_A,cell1_V\n0,0,3.3\n");
  EXPECT_TRUE(log.single_cell());
  EXPECT_DOUBLE_EQ(log.rows[0].cell_V[0], 3.3);
}

TEST(REPLAY_log, comments_blank_lines_crlf_and_other_columns_pass) {
  const ReplayLog log = parse(
      "\xEF\xBB\xBF# source: a tester\r\ntime_s, current_A "
      ",voltage_V,step,temperature_C,soc_ref\r\n"
      "\r\n0,0,3.3,1,25,0.5\r\n# a note\n10,-1,3.2,2,,\n");
  EXPECT_THAT(log.ignored_columns, ElementsAre("step"));
  ASSERT_EQ(log.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(log.rows[0].temperature_C, 25);
  EXPECT_DOUBLE_EQ(log.rows[0].soc_ref, 0.5);
  EXPECT_TRUE(std::isnan(log.rows[1].temperature_C));  // empty: keeps the previous value
  EXPECT_TRUE(std::isnan(log.rows[1].soc_ref));        // empty: no reference for that row
  EXPECT_EQ(log.rows[1].line, 6u);
}

TEST(REPLAY_log, missing_columns_are_named_with_the_header_line) {
  EXPECT_THAT(error_of("# x\ncurrent_A,voltage_V\n1,3\n"),
              StartsWith("log.csv:2: missing column time_s (columns: current_A, voltage_V)"));
  EXPECT_THAT(error_of("time_s,voltage_V\n0,3\n"),
              StartsWith("log.csv:1: missing column current_A"));
  EXPECT_THAT(error_of("time_s,current_A\n0,3\n"),
              StartsWith("log.csv:1: missing column voltage_V (one cell) or cell1_V...cellN_V"));
}

TEST(REPLAY_log, cell_columns_must_be_complete_and_alone) {
  EXPECT_EQ(error_of("time_s,current_A,cell1_V,cell3_V\n"),
            "log.csv:1: cell3_V without cell2_V: cell columns run cell1_V...cellN_V");
  EXPECT_EQ(error_of("time_s,current_A,cell1_V,cell2_V,voltage_V\n"),
            "log.csv:1: voltage_V and cell1_V...: give one or the other");
  EXPECT_EQ(error_of("time_s,current_A,cell17_V\n"),
            "log.csv:1: cell17_V: at most 16 cells in series");
  EXPECT_EQ(error_of("time_s,current_A,voltage_V,time_s\n"),
            "log.csv:1: column time_s appears twice");
}

TEST(REPLAY_log, bad_values_name_line_and_column) {
  const std::string h = "time_s,current_A,voltage_V,soc_ref\n0,0,3.3,0.5\n";
  EXPECT_EQ(error_of(h + "1,abc,3.3,0.5\n"), "log.csv:3: current_A: 'abc' is not a number");
  EXPECT_EQ(error_of(h + "1,2x,3.3,0.5\n"), "log.csv:3: current_A: '2x' is not a number");
  EXPECT_EQ(error_of(h + "1,nan,3.3,0.5\n"), "log.csv:3: current_A: 'nan' is not a number");
  EXPECT_EQ(error_of(h + "1,,3.3,0.5\n"), "log.csv:3: current_A: empty");
  EXPECT_EQ(error_of(h + "1,0,3.3\n"), "log.csv:3: 3 fields, the header has 4");
  EXPECT_EQ(error_of(h + "1,0,3300,0.5\n"),
            "log.csv:3: voltage_V: 3300 is not a cell voltage in volts");
  EXPECT_EQ(error_of(h + "1,0,3.3,55\n"),
            "log.csv:3: soc_ref: 55 is outside 0...1 (a fraction, not percent)");
}

TEST(REPLAY_log, time_must_increase) {
  EXPECT_EQ(error_of("time_s,current_A,voltage_V\n0,0,3.3\n5,0,3.3\n5,0,3.3\n"),
            "log.csv:4: time_s 5 is not after the previous row's 5 (line 3)");
  EXPECT_THAT(error_of("time_s,current_A,voltage_V\n5,0,3.3\n4,0,3.3\n"),
              StartsWith("log.csv:3: time_s 4 is not after"));
}

TEST(REPLAY_log, a_log_needs_a_header_and_rows) {
  EXPECT_EQ(error_of(""), "log.csv: empty: no header row");
  EXPECT_EQ(error_of("# only a comment\n"), "log.csv: empty: no header row");
  EXPECT_EQ(error_of("time_s,current_A,voltage_V\n\n"), "log.csv:2: no data rows after the header");
}

TEST(REPLAY_log, a_missing_file_says_so) {
  try {
    read_replay_log("/nonexistent/log.csv");
    FAIL() << "no error";
  } catch (const ReplayError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/log.csv: cannot open");
  }
}

}  // namespace
}  // namespace lfpbms::sim
