// The summary of a run and the verdict on its expectations: check_expectations refuses names
// it does not know, summarize() judges each expectation, passed() needs no violation and every
// expectation met.
#include <gtest/gtest.h>

#include <string>

#include "sim/profile/product_profile.hpp"
#include "sim/runner/accuracy.hpp"
#include "sim/runner/event_names.hpp"
#include "sim/runner/outputs.hpp"

namespace lfpbms::sim {
namespace {

Expectation event_count(const std::string& code, std::optional<double> min,
                        std::optional<double> max = std::nullopt) {
  Expectation x;
  x.text = code;
  x.kind = Expectation::Kind::EventCount;
  x.subject = code;
  x.min = min;
  x.max = max;
  return x;
}

Expectation metric(const std::string& key, std::optional<double> min,
                   std::optional<double> max = std::nullopt) {
  Expectation x = event_count(key, min, max);
  x.kind = Expectation::Kind::Metric;
  return x;
}

Scenario with(std::vector<Expectation> expectations) {
  Scenario s;
  s.source = "test.toml";
  s.expectations = std::move(expectations);
  return s;
}

// ---- check_expectations -------------------------------------------------------------------

TEST(TWIN_recorder, check_expectations_accepts_known_events_and_metrics) {
  EXPECT_NO_THROW(check_expectations(with({
      event_count("protect:SV_H", 1),
      event_count("alarm_clear:SV_L", 0),
      event_count("system:FullyCharged", 1),
      event_count("fault:short_circuit", 1),
      event_count("violation", std::nullopt, 0),
      metric("soc_rmse_pct", std::nullopt, 5),
      metric("final_soc_true_pct", 20),
      metric("awake_pct", 50),
      metric("soc_max_rate_pct_min", std::nullopt, 1),
      metric("soh_err_pct", std::nullopt, 2),
      metric("top_spread_mV", std::nullopt, 20),
      metric("weak_cell", 5, 5),
      metric("cycle_count", 10),
  })));
  EXPECT_NO_THROW(check_expectations(with({})));
}

TEST(TWIN_recorder, check_expectations_refuses_unknown_names) {
  const char* events[] = {"protect:SV_X", "system:Fully",  "fault:cell_melt",
                          "protect",      "protectSV_H",   "bogus:SV_H",
                          "system:SV_H",  "alarm:PowerOn", ""};
  for (const char* code : events) {
    EXPECT_THROW(check_expectations(with({event_count(code, 1)})), ScenarioError) << code;
  }
  for (const char* key : {"soc_rmse", "final_state", "seed", "violations", ""}) {
    EXPECT_THROW(check_expectations(with({metric(key, 1)})), ScenarioError) << key;
  }
}

TEST(TWIN_recorder, check_expectations_names_the_file_and_the_subject) {
  try {
    check_expectations(with({metric("soc_rmse_pct", 1), event_count("protect:NOPE", 1)}));
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()), "test.toml: expect: unknown event \"protect:NOPE\"");
  }
  try {
    check_expectations(with({metric("nope_pct", 1)}));
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()), "test.toml: expect: unknown metric \"nope_pct\"");
  }
}

// ---- passed -------------------------------------------------------------------------------

nlohmann::ordered_json verdict(std::size_t violations, std::vector<bool> passes) {
  nlohmann::ordered_json j;
  j["safety_violations"] = violations;
  auto& ex = j["expectations"] = nlohmann::ordered_json::array();
  for (bool p : passes) ex.push_back({{"expect", "x"}, {"value", 1}, {"pass", p}});
  return j;
}

TEST(TWIN_recorder, passed_needs_no_violation_and_every_expectation) {
  EXPECT_TRUE(passed(verdict(0, {})));
  EXPECT_TRUE(passed(verdict(0, {true, true})));
  EXPECT_FALSE(passed(verdict(0, {true, false})));
  EXPECT_FALSE(passed(verdict(1, {})));
  EXPECT_FALSE(passed(verdict(2, {true})));
}

// ---- summarize on a short run -------------------------------------------------------------

class TWIN_recorder_summary : public ::testing::Test {
 protected:
  static Scenario short_run(std::vector<Expectation> expectations) {
    Scenario s = default_scenario();
    s.days = 300.0 / 86400.0;  // five minutes from power-on
    s.expectations = std::move(expectations);
    return s;
  }
};

TEST_F(TWIN_recorder_summary, summary_reports_the_run_and_judges_expectations) {
  const Scenario sc = short_run({
      event_count("system:PowerOn", 1),                // it powers on
      event_count("system:PowerOn", std::nullopt, 0),  // ... so this fails
      event_count("protect:SV_H", std::nullopt, 0),    // no over-voltage in 5 minutes
      metric("max_cell_mV", 3000, 3600),
      metric("safety_violations", std::nullopt, 0),
  });
  check_expectations(sc);
  Simulation sim(sc, load_profile(sc.profile));
  sim.run();
  EXPECT_NEAR(sim.t_s(), 300.0, 1e-6);
  const nlohmann::ordered_json j = summarize(sim, 0.5);
  EXPECT_EQ(j["scenario"], "default");
  EXPECT_EQ(j["profile"], "VE-ESS-R5120");
  EXPECT_EQ(j["seed"], 1);
  EXPECT_DOUBLE_EQ(j["simulated_s"].get<double>(), 300.0);
  EXPECT_DOUBLE_EQ(j["wall_s"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(j["speedup"].get<double>(), 600.0);
  EXPECT_EQ(j["safety_violations"], 0);
  EXPECT_TRUE(j["violations"].empty());
  EXPECT_GE(j["events"]["system:PowerOn"].get<int>(), 1);
  const double max_mV = j["max_cell_mV"].get<double>();
  EXPECT_EQ(max_mV, std::round(sim.recorder().stats().max_cell_V * 1000));
  EXPECT_GT(max_mV, 3000);
  EXPECT_LT(max_mV, 3600);
  EXPECT_LE(j["min_cell_mV"].get<double>(), max_mV);
  EXPECT_DOUBLE_EQ(j["final_soc_true_pct"].get<double>(),
                   std::round(100.0 * sim.pack().usable_soc() * 100) / 100);
  EXPECT_DOUBLE_EQ(j["final_soc_est_pct"].get<double>(), sim.bms().status().soc_pptt / 100.0);
  EXPECT_DOUBLE_EQ(j["soc_rmse_pct"].get<double>(), 0.0);  // before the 10 minutes settle
  EXPECT_GT(j["awake_pct"].get<double>(), 99.0);
  EXPECT_TRUE(j.contains("final_state"));
  for (const char* key : {"charged_kWh", "discharged_kWh", "pv_kWh", "load_kWh", "grid_import_kWh",
                          "max_cell_temp_C", "min_cell_temp_C", "soc_max_err_pct"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  const auto& ex = j["expectations"];
  ASSERT_EQ(ex.size(), 5u);
  EXPECT_TRUE(ex[0]["pass"].get<bool>());
  EXPECT_FALSE(ex[1]["pass"].get<bool>());
  EXPECT_EQ(ex[1]["value"].get<double>(), j["events"]["system:PowerOn"].get<double>());
  EXPECT_TRUE(ex[2]["pass"].get<bool>());
  EXPECT_EQ(ex[2]["value"].get<double>(), 0.0);
  EXPECT_TRUE(ex[3]["pass"].get<bool>());
  EXPECT_EQ(ex[3]["value"].get<double>(), max_mV);
  EXPECT_TRUE(ex[4]["pass"].get<bool>());
  EXPECT_FALSE(j["passed"].get<bool>());  // one expectation failed
  EXPECT_FALSE(passed(j));
}

// ST-3: what the firmware logs goes to the flash of the twin's board as well, in order,
// stamped with the board's wall clock, for a host link to read.
TEST_F(TWIN_recorder_summary, the_firmware_logs_every_event_to_the_boards_flash_too) {
  const Scenario sc = short_run({});
  Simulation sim(sc, load_profile(sc.profile));
  sim.run();
  EventLog& log = sim.event_log();
  ASSERT_GE(log.next_sequence(), 1u);
  EXPECT_EQ(log.first_sequence(), 0u);
  const auto& recorded = sim.recorder().events();
  std::size_t at = 0;
  for (std::uint32_t n = log.first_sequence(); n < log.next_sequence(); ++n) {
    LogRecord r;
    ASSERT_TRUE(log.read(n, r)) << n;
    Event e;
    e.kind = static_cast<EventKind>(r.code >> 8);
    e.source = static_cast<std::uint8_t>(r.code & 0xFF);
    while (at < recorded.size() && recorded[at].code != event_code(e)) ++at;
    ASSERT_LT(at, recorded.size()) << "record " << n << " " << event_code(e);
    EXPECT_EQ(r.snapshot.max_cell_mV, recorded[at].snapshot.max_cell_mV) << n;
    EXPECT_EQ(r.unix_time_s, 1774972800u + static_cast<std::uint32_t>(recorded[at].t_s)) << n;
    ++at;
  }
}

TEST_F(TWIN_recorder_summary, event_windows_count_only_their_events) {
  Expectation before = event_count("system:PowerOn", 1);
  before.before_s = 1.0;
  Expectation after = event_count("system:PowerOn", std::nullopt, 0);
  after.after_s = 1.0;
  Expectation none = event_count("system:PowerOn", 1);
  none.after_s = 200.0;
  const Scenario sc = short_run({before, after, none});
  Simulation sim(sc, load_profile(sc.profile));
  sim.run();
  const nlohmann::ordered_json j = summarize(sim, 0.1);
  EXPECT_TRUE(j["expectations"][0]["pass"].get<bool>());
  EXPECT_TRUE(j["expectations"][1]["pass"].get<bool>());
  EXPECT_FALSE(j["expectations"][2]["pass"].get<bool>());
  EXPECT_EQ(j["expectations"][2]["value"].get<double>(), 0.0);
}

TEST_F(TWIN_recorder_summary, a_run_meeting_everything_passes) {
  const Scenario sc = short_run({event_count("system:PowerOn", 1, 1)});
  Simulation sim(sc, load_profile(sc.profile));
  sim.run();
  const nlohmann::ordered_json j = summarize(sim, 0.0);
  EXPECT_DOUBLE_EQ(j["speedup"].get<double>(), 0.0);  // no wall time: no speed-up
  EXPECT_TRUE(j["passed"].get<bool>());
}

TEST_F(TWIN_recorder_summary, health_metrics_compare_the_firmware_with_the_twin) {
  const Scenario sc = short_run({metric("top_spread_mV", std::nullopt, 20),
                                 metric("soh_true_pct", 90), metric("soh_err_pct", 0)});
  Simulation sim(sc, load_profile(sc.profile));
  sim.run();
  const nlohmann::ordered_json j = summarize(sim, 0.1);
  const BmsStatus& fw = sim.bms().status();
  const double soh_true = true_soh_pct(sim.pack(), sim.rated_capacity_Ah());
  EXPECT_DOUBLE_EQ(j["soh_true_pct"].get<double>(), std::round(soh_true * 100) / 100);
  EXPECT_DOUBLE_EQ(j["soh_est_pct"].get<double>(), fw.soh_pptt / 100.0);
  EXPECT_NEAR(j["soh_err_pct"].get<double>(), std::abs(fw.soh_pptt / 100.0 - soh_true), 0.006);
  EXPECT_EQ(j["cycle_count"].get<int>(), fw.cycle_count);
  EXPECT_DOUBLE_EQ(j["bms_charged_kWh"].get<double>(), fw.charged_Wh_total / 1000.0);
  EXPECT_DOUBLE_EQ(j["bms_discharged_kWh"].get<double>(), fw.discharged_Wh_total / 1000.0);
  EXPECT_EQ(j["weak_cell"].get<int>(), fw.weak_cell);
  EXPECT_GE(j["soc_max_rate_pct_min"].get<double>(), 0.0);  // before the 10 minutes settle
  // Five minutes from 60 %: no full charge, so no top spread, and a bound on it fails.
  EXPECT_TRUE(j["top_spread_mV"].is_null());
  const auto& ex = j["expectations"];
  EXPECT_FALSE(ex[0]["pass"].get<bool>());
  EXPECT_TRUE(ex[0]["value"].is_null());
  EXPECT_TRUE(ex[1]["pass"].get<bool>());  // 1.5 % capacity spread: the smallest cell > 90 %
  EXPECT_EQ(ex[2]["value"].get<double>(), j["soh_err_pct"].get<double>());
}

TEST(TWIN_recorder, clock_text_reads_days_and_time) {
  EXPECT_EQ(clock_text(0), "0d 00:00:00");
  EXPECT_EQ(clock_text(2 * 86400 + 6.5 * 3600), "2d 06:30:00");
  EXPECT_EQ(clock_text(86399), "0d 23:59:59");
}

}  // namespace
}  // namespace lfpbms::sim
