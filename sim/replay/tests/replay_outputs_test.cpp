// The replay's files: a trace line per row (empty where the log had no reference), and the
// report's SOC-error panel only when there is a reference.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sim/replay/replay_outputs.hpp"

namespace lfpbms::sim {
namespace {

ReplayResult replay(const std::string& text) {
  std::istringstream in(text);
  ReplayOptions o;
  o.cell_capacity_Ah = 100;
  return run_replay(parse_replay_log(in, "log.csv"), o);
}

std::string written(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class REPLAY_outputs : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() / ("lfpbms-replay-" + std::string(info->name()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(REPLAY_outputs, trace_has_a_line_per_row_and_leaves_missing_references_empty) {
  const ReplayResult r = replay("time_s,current_A,voltage_V,soc_ref\n0,0,3.3,0.5\n10,-1,3.3,\n");
  write_replay_trace_csv(r, dir_ / "trace.csv");
  std::istringstream lines(written(dir_ / "trace.csv"));
  std::string header, first, second, extra;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_FALSE(std::getline(lines, extra));
  EXPECT_EQ(header.rfind("t_s,current_A,sensor_A,soc_est_pct,soc_ref_pct,soc_err_pct,", 0), 0u);
  EXPECT_NE(first.find(",50.000,"), std::string::npos);
  EXPECT_EQ(second.rfind("10.000,-1.0000,-1.000,", 0), 0u);
  EXPECT_NE(second.find(",,"), std::string::npos);  // no reference, no error
}

TEST_F(REPLAY_outputs, report_shows_the_error_panel_only_with_a_reference) {
  const ReplayResult with = replay("time_s,current_A,voltage_V,soc_ref\n0,0,3.3,0.5\n");
  write_replay_report(with, replay_summary(with), dir_ / "with.html");
  EXPECT_NE(written(dir_ / "with.html").find("SOC error"), std::string::npos);
  const ReplayResult without = replay("time_s,current_A,voltage_V\n0,0,3.3\n");
  write_replay_report(without, replay_summary(without), dir_ / "without.html");
  const std::string page = written(dir_ / "without.html");
  EXPECT_NE(page.find("State of charge"), std::string::npos);
  EXPECT_EQ(page.find("SOC error"), std::string::npos);
}

TEST_F(REPLAY_outputs, events_are_listed_with_their_log_time) {
  const ReplayResult r = replay("time_s,current_A,voltage_V\n100,0,3.3\n110,0,3.3\n");
  write_replay_events_csv(r, dir_ / "events.csv");
  const std::string text = written(dir_ / "events.csv");
  EXPECT_NE(text.find("\n100.000,system:PowerOn,system,"), std::string::npos);
}

}  // namespace
}  // namespace lfpbms::sim
