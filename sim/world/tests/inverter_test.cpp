// The hybrid inverter: closed loop on the BMS's limits (CVL by a CC/CV loop, CCL, DCL, the
// enables, force charge, the low-SOC cut-off), without the BMS, open loop, its faults, the
// activation voltage for a sleeping pack, the generator off-grid and the grid's balance.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/world/tests/inverter_rig.hpp"

namespace lfpbms::sim {
namespace {

// ---- closed loop: CCL, DCL, the enables ----------------------------------------------------

TEST(TWIN_inverter, surplus_charges_up_to_ccl) {
  Rig r;
  const InverterOutput o = r.step(site_now(6000, 1000), linked());
  EXPECT_DOUBLE_EQ(o.battery_A, 50.0);  // 96 A of surplus, CCL 50 A
  EXPECT_TRUE(o.charging_wanted);
  EXPECT_DOUBLE_EQ(o.port_source_V, 55.2);               // it regulates to CVL
  EXPECT_NEAR(o.grid_W, 1000 - 6000 + 50 * 52.0, 1e-9);  // the rest is exported
}

TEST(TWIN_inverter, a_small_surplus_charges_what_there_is) {
  Rig r;
  const InverterOutput o = r.step(site_now(2040, 1000), linked());
  EXPECT_NEAR(o.battery_A, 20.0, 1e-9);
  EXPECT_NEAR(o.grid_W, 0.0, 1e-9);
}

TEST(TWIN_inverter, ccl_zero_or_charge_disabled_means_no_charge) {
  Rig r;
  BatteryPort p = linked();
  p.limits.charge_current_limit_mA = 0;
  EXPECT_DOUBLE_EQ(r.step(site_now(6000, 1000), p).battery_A, 0.0);
  p = linked();
  p.limits.charge_enable = false;
  const InverterOutput o = r.step(site_now(6000, 1000), p);
  EXPECT_DOUBLE_EQ(o.battery_A, 0.0);
  EXPECT_FALSE(o.charging_wanted);
  EXPECT_NEAR(o.grid_W, -5000.0, 1e-9);
}

TEST(TWIN_inverter, max_charge_current_caps_a_larger_ccl) {
  InverterSetup s;
  s.max_charge_A = 30;
  Rig r(s);
  BatteryPort p = linked();
  p.limits.charge_current_limit_mA = 200000;
  EXPECT_DOUBLE_EQ(r.step(site_now(9000, 0), p).battery_A, 30.0);
}

TEST(TWIN_inverter, deficit_discharges_up_to_dcl) {
  Rig r;
  InverterOutput o = r.step(site_now(0, 3000), linked());
  EXPECT_NEAR(o.battery_A, -3000 / 52.0, 1e-9);
  EXPECT_NEAR(o.grid_W, 0.0, 1e-9);
  EXPECT_FALSE(o.charging_wanted);
  EXPECT_DOUBLE_EQ(o.port_source_V, 0.0);
  BatteryPort p = linked();
  p.limits.discharge_current_limit_mA = 30000;
  o = r.step(site_now(0, 3000), p);
  EXPECT_DOUBLE_EQ(o.battery_A, -30.0);
  EXPECT_NEAR(o.grid_W, 3000 - 30 * 52.0, 1e-9);  // the grid covers the rest
}

TEST(TWIN_inverter, max_discharge_current_caps_a_larger_dcl) {
  Rig r;
  BatteryPort p = linked();
  p.limits.discharge_current_limit_mA = 200000;
  EXPECT_DOUBLE_EQ(r.step(site_now(0, 10000), p).battery_A, -120.0);
}

TEST(TWIN_inverter, discharge_disabled_means_the_grid_serves_the_house) {
  Rig r;
  BatteryPort p = linked();
  p.limits.discharge_enable = false;
  const InverterOutput o = r.step(site_now(500, 3000), p);
  EXPECT_DOUBLE_EQ(o.battery_A, 0.0);
  EXPECT_NEAR(o.grid_W, 2500.0, 1e-9);
}

TEST(TWIN_inverter, below_the_low_soc_cutoff_on_grid_the_house_goes_to_the_grid) {
  Rig r;  // cut-off 10 %
  BatteryPort p = linked();
  p.soc_pct = 9.9;
  EXPECT_DOUBLE_EQ(r.step(site_now(0, 2000), p).battery_A, 0.0);
  p.soc_pct = 10.0;  // at the cut-off: still held back
  EXPECT_DOUBLE_EQ(r.step(site_now(0, 2000), p).battery_A, 0.0);
  p.soc_pct = 10.5;
  EXPECT_LT(r.step(site_now(0, 2000), p).battery_A, 0.0);
  // Charging is not affected by the cut-off.
  p.soc_pct = 5;
  EXPECT_GT(r.step(site_now(3000, 0), p).battery_A, 0.0);
}

TEST(TWIN_inverter, off_grid_the_battery_serves_below_the_cutoff) {
  SiteSetup site;
  site.grid = false;
  Rig r({}, site);
  BatteryPort p = linked();
  p.soc_pct = 5;
  const InverterOutput o = r.step(site_now(0, 2000, false), p);
  EXPECT_NEAR(o.battery_A, -2000 / 52.0, 1e-9);
  EXPECT_DOUBLE_EQ(o.unserved_W, 0.0);
  EXPECT_DOUBLE_EQ(o.grid_W, 0.0);
}

TEST(TWIN_inverter, off_grid_load_it_cannot_serve_is_counted) {
  SiteSetup site;
  site.grid = false;
  Rig r({}, site);
  BatteryPort p = linked();
  p.limits.discharge_enable = false;
  InverterOutput o = r.step(site_now(500, 2000, false), p);
  EXPECT_DOUBLE_EQ(o.unserved_W, 1500.0);
  EXPECT_DOUBLE_EQ(o.grid_W, 0.0);
  p = linked();
  p.limits.discharge_current_limit_mA = 10000;
  o = r.step(site_now(500, 2000, false), p);
  EXPECT_NEAR(o.unserved_W, 1500.0 - 10 * 52.0, 1e-9);
  // A surplus it cannot store is curtailed, not counted.
  p.limits.charge_enable = false;
  o = r.step(site_now(5000, 2000, false), p);
  EXPECT_DOUBLE_EQ(o.unserved_W, 0.0);
  EXPECT_DOUBLE_EQ(o.grid_W, 0.0);
}

TEST(TWIN_inverter, force_charge_charges_from_the_grid_at_ccl) {
  Rig r;
  BatteryPort p = linked();
  p.limits.force_charge = true;
  p.limits.charge_current_limit_mA = 20000;
  const InverterOutput o = r.step(site_now(0, 500), p);  // night
  EXPECT_DOUBLE_EQ(o.battery_A, 20.0);
  EXPECT_TRUE(o.charging_wanted);
  EXPECT_NEAR(o.grid_W, 500 + 20 * 52.0, 1e-9);
}

TEST(TWIN_inverter, force_charge_off_grid_without_a_generator_has_nothing_to_charge_from) {
  SiteSetup site;
  site.grid = false;
  Rig r({}, site);
  BatteryPort p = linked();
  p.limits.force_charge = true;
  EXPECT_LE(r.step(site_now(0, 500, false), p).battery_A, 0.0);
}

TEST(TWIN_inverter, without_the_bms_link_the_closed_loop_leaves_the_battery_alone) {
  Rig r;
  BatteryPort p = linked();
  p.bms_link = false;
  p.limits.force_charge = true;
  for (const SiteNow& n : {site_now(6000, 1000), site_now(0, 3000)}) {
    const InverterOutput o = r.step(n, p);
    EXPECT_DOUBLE_EQ(o.battery_A, 0.0);
    EXPECT_FALSE(o.charging_wanted);
    EXPECT_DOUBLE_EQ(o.port_source_V, 0.0);  // the port is alive: no activation either
    EXPECT_NEAR(o.grid_W, n.load_W - n.pv_W, 1e-9);
  }
}

// ---- the CC/CV loop -----------------------------------------------------------------------

TEST(TWIN_inverter, cv_loop_settles_at_cvl) {
  Rig r;
  Battery b{54.8, 0.01};
  for (int i = 0; i < 200; ++i) b.i_A = r.step(site_now(9000, 0), b.port(linked())).battery_A;
  EXPECT_NEAR(b.i_A, 40.0, 1e-6);  // (55.2 - 54.8) / 0.01, below CCL
  EXPECT_NEAR(b.port(linked()).voltage_V, 55.2, 1e-8);
}

TEST(TWIN_inverter, cc_phase_holds_ccl_below_cvl) {
  Rig r;
  Battery b{52.0, 0.01};
  for (int i = 0; i < 50; ++i) b.i_A = r.step(site_now(9000, 0), b.port(linked())).battery_A;
  EXPECT_DOUBLE_EQ(b.i_A, 50.0);
  EXPECT_LT(b.port(linked()).voltage_V, 55.2);
}

TEST(TWIN_inverter, cv_current_tapers_as_the_battery_fills) {
  Rig r;
  Battery b{54.0, 0.01};
  double last_A = 1e9;
  for (int i = 0; i < 12000; ++i) {
    b.i_A = r.step(site_now(9000, 0), b.port(linked())).battery_A;
    b.e_V = std::min(55.19, b.e_V + 1e-4 * b.i_A * kDt);  // the cells rise as they take charge
    if (i > 1000) {
      EXPECT_LE(b.i_A, last_A + 1e-6) << i;
      last_A = b.i_A;
    }
  }
  EXPECT_NEAR(b.i_A, 1.0, 0.01);
  EXPECT_NEAR(b.port(linked()).voltage_V, 55.2, 1e-6);
}

TEST(TWIN_inverter, cv_loop_takes_the_current_down_when_the_port_is_above_cvl) {
  Rig r;
  BatteryPort p = linked(55.4);  // 0.2 V over
  p.current_A = 20.0;
  EXPECT_NEAR(r.step(site_now(9000, 0), p).battery_A, 20.0 - 25.0 * 0.2, 1e-9);
  p.voltage_V = 57.0;
  EXPECT_DOUBLE_EQ(r.step(site_now(9000, 0), p).battery_A, 0.0);  // never discharges
}

TEST(TWIN_inverter, cv_loop_gain_scales_with_the_step) {
  Inverter inv({}, {}, 16);
  BatteryPort p = linked(55.0);
  p.current_A = 10.0;
  EXPECT_NEAR(inv.step(0, 0.05, site_now(9000, 0), p, {}).battery_A, 10.0 + 25 * 0.2 * 0.5, 1e-9);
}

}  // namespace
}  // namespace lfpbms::sim
