// How a log maps onto the firmware (series, capacity, current scale, offset, starting SOC) and
// what a replay records, on short logs written here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "sim/replay/replay.hpp"
#include "sim/replay/replay_outputs.hpp"

namespace lfpbms::sim {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

ReplayLog parse(const std::string& text) {
  std::istringstream in(text);
  return parse_replay_log(in, "log.csv");
}

// A single cell resting at `V`, then `A` (+ charges) for `s` seconds in steps of `step_s`.
std::string cell_log(double V, double A, int s, int step_s = 10) {
  std::string out = "time_s,current_A,voltage_V\n0,0," + std::to_string(V) + "\n";
  for (int t = step_s; t <= s; t += step_s) {
    out += std::to_string(t) + "," + std::to_string(A) + "," + std::to_string(V) + "\n";
  }
  return out;
}

std::string error_of(const ReplayLog& log, const ReplayOptions& o) {
  try {
    plan_replay(log, o);
  } catch (const ReplayError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(REPLAY_run, a_single_cell_log_is_a_16s_pack_of_that_cell) {
  ReplayOptions o;
  o.cell_capacity_Ah = 280;
  const ReplaySetup s = plan_replay(parse(cell_log(3.3, 0, 10)), o);
  EXPECT_EQ(s.series, 16);
  EXPECT_DOUBLE_EQ(s.design_capacity_Ah, 280);
  EXPECT_DOUBLE_EQ(s.current_scale, 1);
  o.series = 8;
  EXPECT_EQ(plan_replay(parse(cell_log(3.3, 0, 10)), o).series, 8);
}

TEST(REPLAY_run, a_small_cell_is_read_as_100_Ah_with_its_current_scaled) {
  ReplayOptions o;
  o.cell_capacity_Ah = 2.5;
  const ReplaySetup s = plan_replay(parse(cell_log(3.3, 0, 10)), o);
  EXPECT_DOUBLE_EQ(s.design_capacity_Ah, 100);
  EXPECT_DOUBLE_EQ(s.current_scale, 40);
}

TEST(REPLAY_run, without_a_capacity_100_Ah_cells_are_assumed_with_a_warning) {
  const ReplaySetup s = plan_replay(parse(cell_log(3.3, 0, 10)), {});
  EXPECT_DOUBLE_EQ(s.design_capacity_Ah, 100);
  EXPECT_THAT(s.warnings, Contains(HasSubstr("--cell-capacity-Ah")));
}

TEST(REPLAY_run, options_that_do_not_fit_are_refused) {
  const ReplayLog string4 =
      parse("time_s,current_A,cell1_V,cell2_V,cell3_V,cell4_V\n0,0,3,3,3,3\n");
  ReplayOptions o;
  o.series = 5;
  EXPECT_EQ(error_of(string4, o), "log.csv: --series 5, but the log has 4 cell columns");
  const ReplayLog string3 = parse("time_s,current_A,cell1_V,cell2_V,cell3_V\n0,0,3,3,3\n");
  EXPECT_EQ(error_of(string3, {}), "log.csv: the firmware takes 4...16 cells in series, not 3");
  o = {};
  o.cell_capacity_Ah = 0;
  EXPECT_EQ(error_of(string4, o), "log.csv: --cell-capacity-Ah must be above 0");
  o = {};
  o.initial_soc_pct = 101;
  EXPECT_EQ(error_of(string4, o), "log.csv: --initial-soc must be 0...100 %, not 101");
}

TEST(REPLAY_run, the_firmware_reads_the_scaled_current_plus_the_offset) {
  ReplayOptions o;
  o.cell_capacity_Ah = 2.5;
  o.current_offset_A = 0.3;
  const ReplayResult r = run_replay(parse(cell_log(3.3, -1.25, 60)), o);
  ASSERT_EQ(r.points.size(), 7u);
  EXPECT_DOUBLE_EQ(r.points.back().current_A, -1.25);
  EXPECT_NEAR(r.points.back().sensor_A, -1.25 * 40 + 0.3, 0.001);
}

TEST(REPLAY_run, one_tick_per_row_at_the_row_s_time) {
  ReplayOptions o;
  o.cell_capacity_Ah = 100;
  const ReplayResult r = run_replay(parse(cell_log(3.3, 0, 3600, 600)), o);
  ASSERT_EQ(r.points.size(), 7u);
  EXPECT_DOUBLE_EQ(r.points[6].t_s, 3600);
  const nlohmann::ordered_json j = replay_summary(r);
  EXPECT_EQ(j["rows"], 7);
  EXPECT_DOUBLE_EQ(j["duration_s"].get<double>(), 3600);
  EXPECT_FALSE(j.contains("soc_rmse_pct"));  // no soc_ref in this log
}

TEST(REPLAY_run, the_firmware_starts_from_the_first_row_s_voltage) {
  ReplayOptions o;
  o.cell_capacity_Ah = 100;
  const ReplayResult full = run_replay(parse(cell_log(3.45, 0, 10)), o);
  EXPECT_EQ(full.initial_soc_source, "voltage");
  EXPECT_GE(full.initial_soc_est_pct, 95);
  const ReplayResult empty = run_replay(parse(cell_log(2.9, 0, 10)), o);
  EXPECT_LE(empty.initial_soc_est_pct, 10);
}

TEST(REPLAY_run, initial_soc_starts_the_firmware_there) {
  ReplayOptions o;
  o.cell_capacity_Ah = 100;
  for (double pct : {5.0, 30.0, 95.0}) {
    o.initial_soc_pct = pct;
    const ReplayResult r = run_replay(parse(cell_log(3.3, 0, 10)), o);
    EXPECT_THAT(r.initial_soc_source, HasSubstr("option"));
    EXPECT_NEAR(r.initial_soc_est_pct, pct, 0.5) << pct;  // set by the host, kept while resting
  }
}

TEST(REPLAY_run, a_string_log_shows_each_cell_and_its_temperature) {
  ReplayOptions o;
  o.cell_capacity_Ah = 100;
  const ReplayResult r =
      run_replay(parse("time_s,current_A,cell1_V,cell2_V,cell3_V,cell4_V,temperature_C\n"
                       "0,0,3.30,3.31,3.29,3.30,12.5\n10,0,3.30,3.32,3.28,3.30,\n"),
                 o);
  EXPECT_EQ(r.setup.series, 4);
  EXPECT_DOUBLE_EQ(r.points[1].cell_min_V, 3.28);
  EXPECT_DOUBLE_EQ(r.points[1].cell_max_V, 3.32);
  EXPECT_DOUBLE_EQ(r.points[1].temperature_C, 12.5);  // an empty field keeps the last value
}

TEST(REPLAY_run, without_a_temperature_column_the_cells_are_at_25_C) {
  const ReplayResult r = run_replay(parse(cell_log(3.3, 0, 10)), {});
  EXPECT_DOUBLE_EQ(r.points[0].temperature_C, 25);
}

TEST(REPLAY_run, soc_error_is_taken_against_soc_ref_where_given) {
  ReplayOptions o;
  o.cell_capacity_Ah = 100;
  o.initial_soc_pct = 50;
  const ReplayResult r = run_replay(
      parse("time_s,current_A,voltage_V,soc_ref\n0,0,3.3,0.5\n10,0,3.3,\n20,0,3.3,0.4\n"), o);
  const nlohmann::ordered_json j = replay_summary(r);
  EXPECT_EQ(j["soc_ref_rows"], 2);
  const double e0 = r.points[0].soc_est_pct - 50;
  const double e2 = r.points[2].soc_est_pct - 40;
  EXPECT_NEAR(j["soc_max_err_pct"].get<double>(), std::max(std::abs(e0), std::abs(e2)), 0.001);
  EXPECT_DOUBLE_EQ(j["final_soc_ref_pct"].get<double>(), 40);
}

}  // namespace
}  // namespace lfpbms::sim
