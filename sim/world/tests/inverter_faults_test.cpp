// The inverter off its normal path: open loop, its own faults, the activation voltage for a
// sleeping pack, the generator off-grid.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/world/tests/inverter_rig.hpp"

namespace lfpbms::sim {
namespace {

// ---- open loop ----------------------------------------------------------------------------

TEST(TWIN_inverter, open_loop_charges_to_its_own_voltage_ignoring_the_bms) {
  InverterSetup s;
  s.follows_bms = false;
  Rig r(s);
  BatteryPort p = linked();
  p.bms_link = false;
  p.limits = {};  // nothing received
  InverterOutput o = r.step(site_now(5000, 0), p);
  EXPECT_NEAR(o.battery_A, 5000 / 52.0, 1e-9);
  EXPECT_DOUBLE_EQ(o.port_source_V, 3.5 * 16);  // 56 V when none is set
  EXPECT_TRUE(o.charging_wanted);
  s.charge_voltage_V = 54.0;
  Rig own(s);
  o = own.step(site_now(5000, 0), p);
  EXPECT_DOUBLE_EQ(o.port_source_V, 54.0);
  EXPECT_DOUBLE_EQ(o.battery_A, 50.0);  // CV: (54 - 52) V * 25 A/V
}

TEST(TWIN_inverter, open_loop_discharges_to_its_cutoff_of_2_9_V_per_cell) {
  InverterSetup s;
  s.follows_bms = false;
  Rig r(s);
  BatteryPort p = linked();
  p.limits.discharge_enable = false;  // ignored
  EXPECT_NEAR(r.step(site_now(0, 2000), p).battery_A, -2000 / 52.0, 1e-9);
  p.voltage_V = 2.9 * 16 + 0.01;
  EXPECT_LT(r.step(site_now(0, 2000), p).battery_A, 0.0);
  p.voltage_V = 2.9 * 16;
  EXPECT_DOUBLE_EQ(r.step(site_now(0, 2000), p).battery_A, 0.0);
  p.voltage_V = 52;
  EXPECT_DOUBLE_EQ(r.step(site_now(0, 20000), p).battery_A, -120.0);  // its own maximum
}

// ---- faults -------------------------------------------------------------------------------

TEST(TWIN_inverter, a_failed_charger_charges_nothing_but_still_discharges) {
  Rig r;
  InverterFaults f;
  f.charger_failed = true;
  BatteryPort p = linked();
  InverterOutput o = r.step(site_now(6000, 1000), p, f);
  EXPECT_DOUBLE_EQ(o.battery_A, 0.0);
  EXPECT_FALSE(o.charging_wanted);
  EXPECT_DOUBLE_EQ(o.port_source_V, 0.0);
  p.limits.force_charge = true;
  EXPECT_DOUBLE_EQ(r.step(site_now(0, 500), p, f).battery_A, 0.0);
  p.limits.force_charge = false;
  EXPECT_LT(r.step(site_now(0, 2000), p, f).battery_A, 0.0);
}

TEST(TWIN_inverter, an_over_voltage_charger_pushes_to_its_voltage_whatever_the_bms_says) {
  Rig r;
  InverterFaults f;
  f.over_voltage_V = 60.0;
  BatteryPort p = linked();
  p.bms_link = false;
  p.limits.charge_enable = false;
  p.limits.charge_current_limit_mA = 0;
  InverterOutput o = r.step(site_now(0, 500), p, f);
  EXPECT_DOUBLE_EQ(o.battery_A, 100.0);  // its maximum: (60 - 52) V * 25 A/V is more
  EXPECT_DOUBLE_EQ(o.port_source_V, 60.0);
  EXPECT_TRUE(o.charging_wanted);
  // Its loop regulates to 60 V, far above any CVL.
  Battery b{59.5, 0.01};
  for (int i = 0; i < 200; ++i) b.i_A = r.step(site_now(0, 0), b.port(p), f).battery_A;
  EXPECT_NEAR(b.i_A, 50.0, 1e-6);
  EXPECT_NEAR(b.port(p).voltage_V, 60.0, 1e-6);
}

// ---- activation ---------------------------------------------------------------------------

TEST(TWIN_inverter, activation_puts_3_35_V_per_cell_on_a_dead_port_60_s_every_15_min) {
  Rig r;
  BatteryPort dead;  // no link, 0 V
  const double t0 = 1000.0;
  auto at = [&](double t) { return r.step(site_now(0, 300), dead, {}, t0 + t).port_source_V; };
  for (int i = 0; i <= 2200 * 10; ++i) {
    const double t = i * kDt;
    const double phase = std::fmod(t, 900.0);
    const bool on = t >= 5.0 && phase < 60.0 - 1e-9;
    ASSERT_DOUBLE_EQ(at(t), on ? 3.35 * 16 : 0.0) << t;
  }
}

TEST(TWIN_inverter, activation_needs_a_source_and_the_setting) {
  BatteryPort dead;
  InverterSetup off;
  off.activate_battery = false;
  Rig no_setting(off);
  Rig night_off_grid;
  Rig sunny_off_grid;
  for (int i = 0; i < 200; ++i) {
    EXPECT_DOUBLE_EQ(no_setting.step(site_now(0, 300), dead, {}, i * kDt).port_source_V, 0.0);
    EXPECT_DOUBLE_EQ(
        night_off_grid.step(site_now(100, 300, false), dead, {}, i * kDt).port_source_V, 0.0);
  }
  EXPECT_DOUBLE_EQ(sunny_off_grid.step(site_now(900, 300, false), dead, {}, 0).port_source_V, 0.0);
  EXPECT_DOUBLE_EQ(sunny_off_grid.step(site_now(900, 300, false), dead, {}, 6).port_source_V,
                   3.35 * 16);
}

TEST(TWIN_inverter, a_live_port_before_the_first_window_cancels_it) {
  Rig r;
  BatteryPort dead;
  BatteryPort alive;
  alive.voltage_V = 50.0;
  r.step(site_now(0, 300), dead, {}, 0);
  r.step(site_now(0, 300), alive, {}, 3);  // the pack came back within the wait
  EXPECT_DOUBLE_EQ(r.step(site_now(0, 300), dead, {}, 4).port_source_V, 0.0);  // dead again
  EXPECT_DOUBLE_EQ(r.step(site_now(0, 300), dead, {}, 8.9).port_source_V, 0.0);
  EXPECT_GT(r.step(site_now(0, 300), dead, {}, 9).port_source_V, 0.0);
  // 2.4 V per cell is not dead; 1.5 V per cell is the line.
  Rig fresh;
  alive.voltage_V = 24.0;
  EXPECT_DOUBLE_EQ(fresh.step(site_now(0, 300), alive, {}, 0).port_source_V, 0.0);
  EXPECT_DOUBLE_EQ(fresh.step(site_now(0, 300), alive, {}, 10).port_source_V, 0.0);
}

TEST(TWIN_inverter, its_own_voltage_on_the_port_does_not_end_the_cycle) {
  Rig r;
  BatteryPort port;
  r.step(site_now(0, 300), port, {}, 0);
  ASSERT_GT(r.step(site_now(0, 300), port, {}, 10).port_source_V, 0.0);
  port.voltage_V = 53.6;  // what the port shows now: its own voltage, no BMS answering
  EXPECT_GT(r.step(site_now(0, 300), port, {}, 30).port_source_V, 0.0);
  port.voltage_V = 40.0;  // the DC link's remains after the window
  EXPECT_DOUBLE_EQ(r.step(site_now(0, 300), port, {}, 100).port_source_V, 0.0);
  EXPECT_GT(r.step(site_now(0, 300), port, {}, 905).port_source_V, 0.0) << "next window";
}

TEST(TWIN_inverter, activation_stops_when_the_bms_answers) {
  Rig r;
  BatteryPort port;
  r.step(site_now(0, 300), port, {}, 0);
  ASSERT_GT(r.step(site_now(0, 300), port, {}, 5).port_source_V, 0.0);
  port.voltage_V = 53.6;  // its own voltage, and the pack's BMS is awake now
  port.bms_link = true;
  port.limits = linked().limits;
  port.soc_pct = 50;
  const InverterOutput o = r.step(site_now(0, 300), port, {}, 5.1);
  EXPECT_DOUBLE_EQ(o.port_source_V, 0.0);
  EXPECT_LT(o.battery_A, 0.0);  // and it uses the battery
}

// ---- the generator off-grid ---------------------------------------------------------------

TEST(TWIN_inverter, generator_starts_at_20_percent_and_stops_at_80) {
  SiteSetup site;
  site.grid = false;
  site.generator = true;
  site.generator_kW = 4.0;
  Rig r({}, site);
  BatteryPort p = linked();
  p.limits.charge_current_limit_mA = 100000;
  const SiteNow night = site_now(0, 1000, false);
  p.soc_pct = 25;
  EXPECT_DOUBLE_EQ(r.step(night, p).generator_W, 0.0);
  p.soc_pct = 19.9;
  InverterOutput o = r.step(night, p);
  EXPECT_DOUBLE_EQ(o.generator_W, 4000.0);
  EXPECT_NEAR(o.battery_A, 3000 / 52.0, 1e-9);  // its surplus charges the battery
  EXPECT_DOUBLE_EQ(o.unserved_W, 0.0);
  p.soc_pct = 50;  // runs on between the two levels
  EXPECT_DOUBLE_EQ(r.step(night, p).generator_W, 4000.0);
  p.soc_pct = 80;
  EXPECT_DOUBLE_EQ(r.step(night, p).generator_W, 4000.0);
  p.soc_pct = 80.1;
  EXPECT_DOUBLE_EQ(r.step(night, p).generator_W, 0.0);
  p.soc_pct = 50;  // and stays off on the way down
  EXPECT_DOUBLE_EQ(r.step(night, p).generator_W, 0.0);
}

TEST(TWIN_inverter, generator_starts_on_force_charge) {
  SiteSetup site;
  site.grid = false;
  site.generator = true;
  Rig r({}, site);
  BatteryPort p = linked();
  p.soc_pct = 60;
  p.limits.force_charge = true;
  p.limits.charge_current_limit_mA = 20000;
  const InverterOutput o = r.step(site_now(0, 500, false), p);
  EXPECT_DOUBLE_EQ(o.generator_W, 3000.0);
  EXPECT_DOUBLE_EQ(o.battery_A, 20.0);  // force charge takes CCL from the generator
}

TEST(TWIN_inverter, no_generator_on_grid_or_when_not_fitted) {
  SiteSetup on_grid;
  on_grid.generator = true;
  Rig a({}, on_grid);
  SiteSetup none;
  none.grid = false;
  Rig b({}, none);
  BatteryPort p = linked();
  p.soc_pct = 5;
  EXPECT_DOUBLE_EQ(a.step(site_now(0, 1000), p).generator_W, 0.0);
  EXPECT_DOUBLE_EQ(b.step(site_now(0, 1000, false), p).generator_W, 0.0);
}

// ---- the grid's balance -------------------------------------------------------------------

TEST(TWIN_inverter, grid_balances_load_pv_and_battery) {
  Rig r;
  for (double pv : {0.0, 800.0, 4000.0}) {
    for (double load : {300.0, 2500.0}) {
      BatteryPort p = linked(51.0);
      const InverterOutput o = r.step(site_now(pv, load), p);
      EXPECT_NEAR(o.grid_W, load - pv + o.battery_A * 51.0, 1e-9) << pv << " " << load;
    }
  }
}

}  // namespace
}  // namespace lfpbms::sim
