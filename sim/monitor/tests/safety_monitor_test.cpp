// The independent safety monitor: each rule fires once per episode, at its boundary.
#include <gtest/gtest.h>

#include <string>

#include "sim/monitor/safety_monitor.hpp"

namespace lfpbms::sim {
namespace {

constexpr double kDt = 0.1;

// A healthy pack at rest, mid-range everything.
MonitorSample healthy() {
  MonitorSample s;
  s.max_cell_V = 3.35;
  s.min_cell_V = 3.30;
  s.max_cell_C = 25;
  s.min_cell_C = 22;
  s.charge_gate = s.discharge_gate = s.discharge_path = true;
  return s;
}

MonitorLimits limits_with_currents() {
  MonitorLimits l;
  l.currents = {
      {"charge over-current", 105.0, 5.0},
      {"discharge over-current", -101.0, 300.0},
      {"discharge over-current tier 2", -120.0, 15.0},
      {"short circuit", -201.0, 0.0003},
  };
  return l;
}

struct Rig {
  explicit Rig(MonitorLimits l = {}) : monitor(std::move(l)) {}
  // Runs `steps` steps of `s`, from the current time.
  void run(MonitorSample s, int steps = 1) {
    for (int i = 0; i < steps; ++i) {
      t_s += kDt;
      s.t_s = t_s;
      monitor.check(s, kDt);
    }
  }
  std::size_t violations() const { return monitor.violations().size(); }
  std::size_t notices() const { return monitor.notices().size(); }
  SafetyMonitor monitor;
  double t_s = 0;
};

TEST(TWIN_monitor, a_healthy_pack_raises_nothing) {
  Rig r(limits_with_currents());
  MonitorSample s = healthy();
  s.current_A = 100.0;  // within every level
  r.run(s, 1000);
  s.current_A = -100.0;
  r.run(s, 1000);
  EXPECT_EQ(r.violations(), 0u);
  EXPECT_EQ(r.notices(), 0u);
}

TEST(TWIN_monitor, limits_default_to_the_absolute_ones) {
  const MonitorLimits l;
  EXPECT_DOUBLE_EQ(l.cell_max_V, 3.75);
  EXPECT_DOUBLE_EQ(l.cell_min_V, 2.45);
  EXPECT_DOUBLE_EQ(l.charge_min_C, 0.0);
  EXPECT_DOUBLE_EQ(l.charge_max_C, 60.0);
  EXPECT_DOUBLE_EQ(l.charge_current_A, 1.0);
  EXPECT_DOUBLE_EQ(l.reaction_s, 1.0);
}

// ---- cell voltage -------------------------------------------------------------------------

TEST(TWIN_monitor, over_voltage_fires_above_3_75_V_once_per_episode) {
  Rig r;
  MonitorSample s = healthy();
  s.max_cell_V = 3.75;  // at the limit: allowed
  r.run(s, 10);
  EXPECT_EQ(r.violations(), 0u);
  s.max_cell_V = 3.7501;
  r.run(s, 50);
  ASSERT_EQ(r.violations(), 1u);
  EXPECT_NEAR(r.monitor.violations()[0].t_s, 1.1, 1e-9);
  EXPECT_EQ(r.monitor.violations()[0].text, "cell above 3.75 V: 3.750 V");
  s.max_cell_V = 3.80;  // still the same episode
  r.run(s, 5);
  EXPECT_EQ(r.violations(), 1u);
  s.max_cell_V = 3.60;
  r.run(s);
  s.max_cell_V = 3.76;  // a new episode
  r.run(s);
  ASSERT_EQ(r.violations(), 2u);
  EXPECT_EQ(r.monitor.violations()[1].text, "cell above 3.75 V: 3.760 V");
  // An over-voltage counts whatever the FETs do.
  Rig open;
  s.charge_gate = s.discharge_gate = s.discharge_path = false;
  open.run(s);
  EXPECT_EQ(open.violations(), 1u);
}

TEST(TWIN_monitor, under_voltage_with_the_discharge_path_closed_is_a_violation) {
  Rig r;
  MonitorSample s = healthy();
  s.min_cell_V = 2.45;
  r.run(s, 10);
  EXPECT_EQ(r.violations(), 0u);
  s.min_cell_V = 2.4499;
  r.run(s, 10);
  ASSERT_EQ(r.violations(), 1u);
  EXPECT_EQ(r.monitor.violations()[0].text, "cell below 2.45 V: 2.450 V");
  EXPECT_EQ(r.notices(), 0u);
}

TEST(TWIN_monitor, under_voltage_behind_open_fets_is_a_notice) {
  Rig r;
  MonitorSample s = healthy();
  s.discharge_path = false;
  s.discharge_gate = false;
  s.min_cell_V = 2.30;  // an internal leak drains the cell behind open FETs
  r.run(s, 100);
  EXPECT_EQ(r.violations(), 0u);
  ASSERT_EQ(r.notices(), 1u);
  EXPECT_EQ(r.monitor.notices()[0].text, "cell below 2.45 V behind open FETs: 2.300 V");
  // The path closes onto the low cell: now the BMS lets it drain.
  s.discharge_path = true;
  r.run(s);
  EXPECT_EQ(r.violations(), 1u);
  // and opens again: a new notice episode
  s.discharge_path = false;
  r.run(s, 3);
  EXPECT_EQ(r.notices(), 2u);
  EXPECT_EQ(r.violations(), 1u);
}

TEST(TWIN_monitor, a_recovered_cell_starts_a_new_notice_episode) {
  Rig r;
  MonitorSample s = healthy();
  s.discharge_path = false;
  s.min_cell_V = 2.3;
  r.run(s, 5);
  s.min_cell_V = 2.6;
  r.run(s, 5);
  s.min_cell_V = 2.3;
  r.run(s, 5);
  EXPECT_EQ(r.notices(), 2u);
}

// ---- charging out of temperature ----------------------------------------------------------

TEST(TWIN_monitor, charging_below_0_C_for_longer_than_1_s_is_a_violation) {
  Rig r;
  MonitorSample s = healthy();
  s.min_cell_C = -0.1;
  s.current_A = 5.0;
  r.run(s, 10);  // exactly 1 s: the firmware's reaction time
  EXPECT_EQ(r.violations(), 0u);
  r.run(s);  // 1.1 s
  ASSERT_EQ(r.violations(), 1u);
  EXPECT_NEAR(r.monitor.violations()[0].t_s, 1.1, 1e-9);
  EXPECT_EQ(r.monitor.violations()[0].text, "charging 5.0 A with a cell at -0.1 °C");
  r.run(s, 100);
  EXPECT_EQ(r.violations(), 1u);
}

TEST(TWIN_monitor, charging_above_60_C_for_longer_than_1_s_is_a_violation) {
  Rig r;
  MonitorSample s = healthy();
  s.max_cell_C = 60.5;
  s.current_A = 2.0;
  r.run(s, 11);
  ASSERT_EQ(r.violations(), 1u);
  EXPECT_EQ(r.monitor.violations()[0].text, "charging 2.0 A with a cell at 60.5 °C");
}

TEST(TWIN_monitor, charging_at_the_temperature_limits_is_allowed) {
  Rig r;
  MonitorSample s = healthy();
  s.min_cell_C = 0.0;
  s.max_cell_C = 60.0;
  s.current_A = 50.0;
  r.run(s, 100);
  EXPECT_EQ(r.violations(), 0u);
}

TEST(TWIN_monitor, a_tick_of_charge_or_a_trickle_in_the_cold_is_no_violation) {
  Rig r;
  MonitorSample s = healthy();
  s.min_cell_C = -10;
  // The BMS's own draw and up to 1 A is not charging.
  s.current_A = 1.0;
  r.run(s, 100);
  // Short bursts that stop within 1 s start the count again each time.
  for (int i = 0; i < 20; ++i) {
    s.current_A = 30.0;
    r.run(s, 10);
    s.current_A = -5.0;
    r.run(s);
  }
  EXPECT_EQ(r.violations(), 0u);
  // Discharging in the cold is fine.
  s.current_A = -80.0;
  r.run(s, 100);
  EXPECT_EQ(r.violations(), 0u);
}

TEST(TWIN_monitor, cold_charging_counts_again_in_a_new_episode) {
  Rig r;
  MonitorSample s = healthy();
  s.min_cell_C = -5;
  s.current_A = 10;
  r.run(s, 20);
  s.current_A = 0;
  r.run(s, 5);
  s.current_A = 10;
  r.run(s, 20);
  EXPECT_EQ(r.violations(), 2u);
}

// ---- current beyond a level ---------------------------------------------------------------

TEST(TWIN_monitor, current_beyond_a_level_for_longer_than_delay_plus_1_s) {
  Rig r(limits_with_currents());
  MonitorSample s = healthy();
  s.current_A = 105.0;  // at the level: not beyond
  r.run(s, 200);
  EXPECT_EQ(r.violations(), 0u);
  s.current_A = 110.0;
  r.run(s, 59);  // 5.9 s of the allowed 6
  EXPECT_EQ(r.violations(), 0u);
  r.run(s, 3);
  ASSERT_EQ(r.violations(), 1u);
  EXPECT_EQ(r.monitor.violations()[0].text, "charge over-current: 110.0 A for longer than 6.0 s");
  r.run(s, 100);
  EXPECT_EQ(r.violations(), 1u);
}

TEST(TWIN_monitor, discharge_levels_count_below_their_negative_level) {
  Rig r(limits_with_currents());
  MonitorSample s = healthy();
  s.current_A = -130.0;  // beyond OC1 (300 s) and OC2 (15 s)
  r.run(s, 159);
  EXPECT_EQ(r.violations(), 0u);
  r.run(s, 3);
  ASSERT_EQ(r.violations(), 1u);
  EXPECT_EQ(r.monitor.violations()[0].text,
            "discharge over-current tier 2: -130.0 A for longer than 16.0 s");
  r.run(s, 10 * 300);
  ASSERT_EQ(r.violations(), 2u);
  EXPECT_EQ(r.monitor.violations()[1].text,
            "discharge over-current: -130.0 A for longer than 301.0 s");
}

TEST(TWIN_monitor, a_short_circuit_level_allows_its_delay_plus_1_s) {
  Rig r(limits_with_currents());
  MonitorSample s = healthy();
  s.current_A = -250.0;
  r.run(s, 10);
  EXPECT_EQ(r.violations(), 0u);
  r.run(s, 1);
  ASSERT_EQ(r.violations(), 1u);
  EXPECT_NE(r.monitor.violations()[0].text.find("short circuit"), std::string::npos);
}

TEST(TWIN_monitor, the_time_beyond_a_level_starts_again_when_the_current_drops) {
  Rig r(limits_with_currents());
  MonitorSample s = healthy();
  for (int i = 0; i < 10; ++i) {
    s.current_A = 150.0;
    r.run(s, 50);  // 5 s
    s.current_A = 50.0;
    r.run(s, 1);
  }
  EXPECT_EQ(r.violations(), 0u);
  s.current_A = 150.0;
  r.run(s, 100);
  s.current_A = 50.0;
  r.run(s, 1);
  s.current_A = 150.0;
  r.run(s, 100);
  EXPECT_EQ(r.violations(), 2u);  // two episodes
}

// ---- failure mode and locked paths --------------------------------------------------------

TEST(TWIN_monitor, a_fet_commanded_closed_in_failure_mode_is_a_violation) {
  Rig r;
  MonitorSample s = healthy();
  s.failure_mode = true;
  s.charge_gate = s.discharge_gate = false;
  r.run(s, 10);
  EXPECT_EQ(r.violations(), 0u);
  s.discharge_gate = true;
  r.run(s, 10);
  ASSERT_EQ(r.violations(), 1u);
  EXPECT_EQ(r.monitor.violations()[0].text, "a FET commanded closed in failure mode");
  s.discharge_gate = false;
  r.run(s);
  s.charge_gate = true;
  r.run(s);
  EXPECT_EQ(r.violations(), 2u);
  // A FET stuck closed while both are commanded open is no failure of the firmware.
  Rig stuck;
  MonitorSample t = healthy();
  t.failure_mode = true;
  t.charge_gate = t.discharge_gate = false;
  t.discharge_path = true;
  stuck.run(t, 10);
  EXPECT_EQ(stuck.violations(), 0u);
}

TEST(TWIN_monitor, charging_through_a_locked_charge_path_is_a_violation) {
  Rig r;
  MonitorSample s = healthy();
  s.charge_locked = true;
  s.current_A = -20.0;  // discharge is fine
  r.run(s, 10);
  s.current_A = 1.0;  // no more than the BMS's own
  r.run(s, 10);
  EXPECT_EQ(r.violations(), 0u);
  s.current_A = 1.5;
  r.run(s);
  ASSERT_EQ(r.violations(), 1u);
  EXPECT_EQ(r.monitor.violations()[0].text, "charging 1.5 A through a locked charge path");
}

TEST(TWIN_monitor, discharging_through_a_locked_discharge_path_is_a_violation) {
  Rig r;
  MonitorSample s = healthy();
  s.discharge_locked = true;
  s.current_A = 30.0;
  r.run(s, 10);
  s.current_A = -1.0;
  r.run(s, 10);
  EXPECT_EQ(r.violations(), 0u);
  s.current_A = -12.0;
  r.run(s, 5);
  ASSERT_EQ(r.violations(), 1u);
  EXPECT_EQ(r.monitor.violations()[0].text, "discharging 12.0 A through a locked discharge path");
}

TEST(TWIN_monitor, several_rules_at_once_each_count) {
  Rig r;
  MonitorSample s = healthy();
  s.max_cell_V = 3.9;
  s.failure_mode = true;
  s.charge_locked = true;
  s.current_A = 10.0;
  r.run(s);
  EXPECT_EQ(r.violations(), 3u);
  EXPECT_EQ(r.monitor.new_since(1), 2u);
  EXPECT_EQ(r.monitor.new_since(3), 0u);
}

}  // namespace
}  // namespace lfpbms::sim
