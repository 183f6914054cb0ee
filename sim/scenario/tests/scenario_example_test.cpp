// A file using every key reads into exactly the struct it describes; a file that leaves keys
// out gets the struct's defaults; files load from disk, and the example in the docs parses.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "params/param_table.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/tests/docs_example.hpp"

namespace lfpbms::sim {
namespace {

constexpr const char* kFull = R"toml(name = "winter-cabin"
description = "Off-grid cabin, a cold week"
profile = "VE-ESS-R5120"
days = 3
seed = 42

[pack]
capacity_Ah = 280
initial_soc = 0.45
initial_soc_spread_pct = 2.0
capacity_spread_pct = 3
resistance_spread_pct = 10.0
self_discharge_pct_month = 1.5
temperature_C = 5.0

[ambient]
mean_C = -2.0
day_swing_C = 6.0
season_swing_C = -10.0

[[ambient.cold_snap]]
start_day = 1
days = 1.5
delta_C = -8.0

[site]
pv_peak_kW = 3.2
sunrise_h = 8.0
sunset_h = 16.5
cloudiness = 0.6
load_base_W = 120
load_daily_kWh = 4.5
grid = false
generator = true
generator_kW = 2.5

[inverter]
max_charge_A = 80
max_discharge_A = 90
follows_bms = false
charge_voltage_V = 56.8
low_soc_cutoff_pct = 20
activate_battery = false
communication = false

[params]
cell_ov_protect_mV = 3650
chg_ut_protect_dC = -30

[[fault]]
at = "1d 06:00"
duration = "2h"
kind = "ntc_open"
target = 5

[[fault]]
at = 3600
kind = "cell_leak"
target = 7
value = 0.05

[[expect]]
event = "protect:C_T_L"
min = 1
max = 4
after = "12:00"
before = "2d"

[[expect]]
metric = "min_cell_mV"
min = 2600
)toml";

TEST(TWIN_scenario_example, every_key_reads_into_the_struct) {
  const Scenario s = parse_scenario(kFull, "scenarios/winter.toml");
  EXPECT_EQ(s.name, "winter-cabin");
  EXPECT_EQ(s.description, "Off-grid cabin, a cold week");
  EXPECT_EQ(s.source, "scenarios/winter.toml");
  EXPECT_EQ(s.profile, "VE-ESS-R5120");
  EXPECT_EQ(s.days, 3.0);
  EXPECT_EQ(s.seed, 42u);

  EXPECT_EQ(s.pack.capacity_Ah, 280.0);
  EXPECT_EQ(s.pack.initial_soc, 0.45);
  EXPECT_EQ(s.pack.initial_soc_spread_pct, 2.0);
  EXPECT_EQ(s.pack.capacity_spread_pct, 3.0);
  EXPECT_EQ(s.pack.resistance_spread_pct, 10.0);
  EXPECT_EQ(s.pack.self_discharge_pct_month, 1.5);
  EXPECT_EQ(s.pack.temperature_C, 5.0);

  EXPECT_EQ(s.ambient.mean_C, -2.0);
  EXPECT_EQ(s.ambient.day_swing_C, 6.0);
  EXPECT_EQ(s.ambient.season_swing_C, -10.0);
  ASSERT_EQ(s.ambient.snaps.size(), 1u);
  EXPECT_EQ(s.ambient.snaps[0].start_day, 1.0);
  EXPECT_EQ(s.ambient.snaps[0].days, 1.5);
  EXPECT_EQ(s.ambient.snaps[0].delta_C, -8.0);

  EXPECT_EQ(s.site.pv_peak_kW, 3.2);
  EXPECT_EQ(s.site.sunrise_h, 8.0);
  EXPECT_EQ(s.site.sunset_h, 16.5);
  EXPECT_EQ(s.site.cloudiness, 0.6);
  EXPECT_EQ(s.site.load_base_W, 120.0);
  EXPECT_EQ(s.site.load_daily_kWh, 4.5);
  EXPECT_FALSE(s.site.grid);
  EXPECT_TRUE(s.site.generator);
  EXPECT_EQ(s.site.generator_kW, 2.5);

  EXPECT_EQ(s.inverter.max_charge_A, 80.0);
  EXPECT_EQ(s.inverter.max_discharge_A, 90.0);
  EXPECT_FALSE(s.inverter.follows_bms);
  EXPECT_EQ(s.inverter.charge_voltage_V, 56.8);
  EXPECT_EQ(s.inverter.low_soc_cutoff_pct, 20.0);
  EXPECT_FALSE(s.inverter.activate_battery);
  EXPECT_FALSE(s.inverter.communication);
}

TEST(TWIN_scenario_example, params_keep_file_order_and_lines) {
  const Scenario s = parse_scenario(kFull, "winter.toml");
  ASSERT_EQ(s.params.size(), 2u);
  // The file order, not the alphabetical order toml++ iterates in.
  EXPECT_EQ(s.params[0].id, find_param("cell_ov_protect_mV"));
  EXPECT_EQ(s.params[0].value, 3650);
  EXPECT_EQ(s.params[1].id, find_param("chg_ut_protect_dC"));
  EXPECT_EQ(s.params[1].value, -30);
  ASSERT_EQ(s.param_where.size(), 2u);
  EXPECT_EQ(s.param_where[0], "winter.toml:47");
  EXPECT_EQ(s.param_where[1], "winter.toml:48");
}

TEST(TWIN_scenario_example, faults_and_expectations) {
  const Scenario s = parse_scenario(kFull, "winter.toml");
  ASSERT_EQ(s.faults.size(), 2u);
  EXPECT_EQ(s.faults[0].kind, FaultKind::NtcOpen);
  EXPECT_EQ(s.faults[0].at_s, 86400.0 + 6 * 3600.0);
  EXPECT_EQ(s.faults[0].duration_s, 7200.0);
  EXPECT_EQ(s.faults[0].target, 5);
  EXPECT_EQ(s.faults[1].kind, FaultKind::CellLeak);
  EXPECT_EQ(s.faults[1].at_s, 3600.0);
  EXPECT_EQ(s.faults[1].duration_s, 0.0);
  EXPECT_EQ(s.faults[1].target, 7);
  EXPECT_EQ(s.faults[1].value, 0.05);

  ASSERT_EQ(s.expectations.size(), 2u);
  const Expectation& e = s.expectations[0];
  EXPECT_EQ(e.kind, Expectation::Kind::EventCount);
  EXPECT_EQ(e.subject, "protect:C_T_L");
  EXPECT_EQ(e.min, 1.0);
  EXPECT_EQ(e.max, 4.0);
  EXPECT_EQ(e.after_s, 12 * 3600.0);
  EXPECT_EQ(e.before_s, 2 * 86400.0);
  EXPECT_EQ(e.text, "protect:C_T_L between 1 and 4 from 0d 12:00 before 2d 00:00");
  const Expectation& m = s.expectations[1];
  EXPECT_EQ(m.kind, Expectation::Kind::Metric);
  EXPECT_EQ(m.subject, "min_cell_mV");
  EXPECT_EQ(m.min, 2600.0);
  EXPECT_FALSE(m.max);
  EXPECT_FALSE(m.before_s);
  EXPECT_EQ(m.text, "min_cell_mV at least 2600");
}

TEST(TWIN_scenario_example, expectation_texts) {
  const Scenario s = parse_scenario(R"toml(
[[expect]]
event = "protect:SV_H"
before = "2d"
[[expect]]
event = "lock:S_C"
max = 0
[[expect]]
event = "system:AutoWakeTry"
min = 2
max = 2
[[expect]]
metric = "soc_max_err_pct"
max = 10
[[expect]]
metric = "min_cell_mV"
min = 2600
max = 3650
)toml",
                                    "t.toml");
  ASSERT_EQ(s.expectations.size(), 5u);
  EXPECT_EQ(s.expectations[0].text, "protect:SV_H at least 1 before 2d 00:00");
  EXPECT_EQ(s.expectations[1].text, "lock:S_C never");
  EXPECT_EQ(s.expectations[2].text, "system:AutoWakeTry exactly 2");
  EXPECT_EQ(s.expectations[3].text, "soc_max_err_pct at most 10");
  EXPECT_EQ(s.expectations[4].text, "min_cell_mV between 2600 and 3650");
}

TEST(TWIN_scenario_defaults, an_empty_file_is_the_structs_defaults) {
  const Scenario s = parse_scenario("", "runs/quiet-week.toml");
  const Scenario d;
  EXPECT_EQ(s.name, "quiet-week");  // the file stem
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.source, "runs/quiet-week.toml");
  EXPECT_EQ(s.profile, d.profile);
  EXPECT_EQ(s.days, d.days);
  EXPECT_EQ(s.seed, d.seed);
  EXPECT_FALSE(s.pack.capacity_Ah);
  EXPECT_FALSE(s.pack.temperature_C);
  EXPECT_EQ(s.pack.initial_soc, d.pack.initial_soc);
  EXPECT_EQ(s.pack.resistance_spread_pct, d.pack.resistance_spread_pct);
  EXPECT_EQ(s.ambient.mean_C, d.ambient.mean_C);
  EXPECT_TRUE(s.ambient.snaps.empty());
  EXPECT_EQ(s.site.pv_peak_kW, d.site.pv_peak_kW);
  EXPECT_EQ(s.site.cloudiness, d.site.cloudiness);
  EXPECT_EQ(s.site.grid, d.site.grid);
  EXPECT_EQ(s.inverter.max_charge_A, d.inverter.max_charge_A);
  EXPECT_EQ(s.inverter.follows_bms, d.inverter.follows_bms);
  EXPECT_TRUE(s.params.empty());
  EXPECT_TRUE(s.faults.empty());
  EXPECT_TRUE(s.expectations.empty());
}

TEST(TWIN_scenario_defaults, keys_left_out_keep_their_defaults) {
  const Scenario s = parse_scenario(R"toml(
description = ""
[site]
cloudiness = 0.8
[[fault]]
at = "1h"
kind = "short_circuit"
[[expect]]
event = "protect:S_C"
)toml",
                                    "t.toml");
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.site.cloudiness, 0.8);
  EXPECT_EQ(s.site.sunrise_h, SiteSetup{}.sunrise_h);
  EXPECT_EQ(s.site.load_daily_kWh, SiteSetup{}.load_daily_kWh);
  ASSERT_EQ(s.faults.size(), 1u);
  EXPECT_EQ(s.faults[0].value, 5.0) << "short_circuit: 5 mOhm unless given";
  EXPECT_EQ(s.faults[0].duration_s, 0.0) << "until the end";
  ASSERT_EQ(s.expectations.size(), 1u);
  EXPECT_EQ(s.expectations[0].min, 1.0) << "an event alone means: at least once";
  EXPECT_FALSE(s.expectations[0].max);
}

TEST(TWIN_scenario_defaults, flag_parameters_take_booleans) {
  // Any parameter whose unit is flag will do; the test finds one rather than naming it.
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const ParamDef& def = param_def(static_cast<ParamId>(i));
    if (def.unit != Unit::flag) continue;
    const Scenario s = parse_scenario("[params]\n" + std::string(def.name) + " = true\n", "t.toml");
    ASSERT_EQ(s.params.size(), 1u);
    EXPECT_EQ(s.params[0].value, 1);
    return;
  }
  GTEST_SKIP() << "no flag parameters";
}

TEST(TWIN_scenario_example, loads_a_file) {
  const auto file = std::filesystem::path(::testing::TempDir()) / "twin-scenario-load.toml";
  std::ofstream(file) << "days = 2\n[site]\ncloudiness = 0.1\n";
  const Scenario s = load_scenario(file);
  std::filesystem::remove(file);
  EXPECT_EQ(s.name, "twin-scenario-load");
  EXPECT_EQ(s.source, file.string());
  EXPECT_EQ(s.days, 2.0);
  EXPECT_EQ(s.site.cloudiness, 0.1);
}

TEST(TWIN_scenario_example, a_missing_file_or_a_directory_is_a_scenario_error) {
  EXPECT_THROW(load_scenario("/nonexistent/twin.toml"), ScenarioError);
  EXPECT_THROW(load_scenario(::testing::TempDir()), ScenarioError);
}

// The complete example in docs/scenarios.md: the first ```toml block after its heading.
TEST(TWIN_scenario_example, the_docs_example_parses) {
  const Scenario s = parse_scenario(docs_toml_after("## Complete example"), "docs-example.toml");
  EXPECT_FALSE(s.faults.empty());
  EXPECT_FALSE(s.expectations.empty());
  EXPECT_FALSE(s.params.empty());
}

}  // namespace
}  // namespace lfpbms::sim
