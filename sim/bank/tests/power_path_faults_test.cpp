// The power path when something goes wrong: a short at the port, a reversed source, stuck
// FETs; the port held by the inverter; and the heat of FETs, diodes and the limiter. A fault
// sits on the bus, so its current crosses the pack's cable too (kBranchOhm), and the link
// capacitor's charge shares the first step.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/bank/tests/power_path_rig.hpp"

namespace lfpbms::sim {
namespace {

// ---- shorts and reverse connection --------------------------------------------------------

TEST(TWIN_power_path, a_short_with_the_discharge_fet_closed_trips) {
  OnePack p = tied(gates(true, true));
  p.step(0.0);
  PortState port;
  port.short_mOhm = 5.0;
  const BranchResult r = p.step(0.0, port);
  EXPECT_TRUE(r.short_trip);
  EXPECT_NEAR(r.peak_A, kPackV / (kBranchOhm + 5e-3), 0.001 * r.peak_A);  // the link's share
  EXPECT_DOUBLE_EQ(r.current_A, 0.0);
  EXPECT_FALSE(p.path.discharge_closed());
  EXPECT_NEAR(r.terminal_V, 0.0, 0.05);  // what the link still held, into the short
  // The short stays: nothing flows with the FETs held open.
  const BranchResult after = p.step(0.0, port);
  EXPECT_FALSE(after.short_trip);
  EXPECT_DOUBLE_EQ(after.current_A, 0.0);
  EXPECT_NEAR(after.terminal_V, 0.0, 1e-4);
}

TEST(TWIN_power_path, a_short_behind_an_open_discharge_fet_draws_nothing) {
  OnePack p = tied(gates(true, false));
  PortState port;
  port.short_mOhm = 5.0;
  const BranchResult r = p.step(0.0, port);
  EXPECT_FALSE(r.short_trip);
  EXPECT_DOUBLE_EQ(r.current_A, 0.0);
  EXPECT_DOUBLE_EQ(r.peak_A, 0.0);
}

TEST(TWIN_power_path, a_soft_short_below_the_threshold_flows) {
  OnePack p = tied(gates(true, true));
  p.step(0.0);
  PortState port;
  port.short_mOhm = 1000.0;  // 1 ohm: a heavy load, not a trip
  const BranchResult r = p.steady(0.0, port);
  // The pack feeds the short and the link's leak in parallel.
  const double bus_V = kPackV / kBranchOhm / (1 / kBranchOhm + 1.0 + 1 / 3000.0);
  const double a = (bus_V - kPackV) / kBranchOhm;
  EXPECT_FALSE(r.short_trip);
  EXPECT_NEAR(r.current_A, a, 1e-6);
  EXPECT_NEAR(p.link_V(), bus_V, 1e-6);
  EXPECT_NEAR(p.last.fault_A, bus_V / 1.0, 1e-6);
  EXPECT_GT(r.fet_heat_W, 0.0);
}

TEST(TWIN_power_path, a_reversed_source_behind_an_open_discharge_fet_shows_negative) {
  OnePack p = tied(gates(true, false));
  PortState port;
  port.reverse_V = 48.0;
  const BranchResult r = p.step(0.0, port);
  EXPECT_FALSE(r.short_trip);
  EXPECT_DOUBLE_EQ(r.current_A, 0.0);
  // Within the first step the link's charge has gone into the source's leads.
  EXPECT_NEAR(r.terminal_V, -48.0, 0.05);
  p.step(0.0, port);
  EXPECT_NEAR(p.link_V(), -48.0, 1e-3);
}

TEST(TWIN_power_path, a_reversed_source_with_the_discharge_fet_closed_trips) {
  OnePack p = tied(gates(true, true));
  p.step(0.0);
  PortState port;
  port.reverse_V = 48.0;
  const BranchResult r = p.step(0.0, port);
  EXPECT_TRUE(r.short_trip);
  EXPECT_NEAR(r.peak_A, (kPackV + 48.0) / (kBranchOhm + 1.5e-3), 0.001 * r.peak_A);
  EXPECT_DOUBLE_EQ(r.current_A, 0.0);
  EXPECT_NEAR(r.terminal_V, -48.0, 0.05);
  EXPECT_FALSE(p.path.discharge_closed());
}

// ---- stuck FETs ---------------------------------------------------------------------------

TEST(TWIN_power_path, a_stuck_charge_fet_conducts_whatever_the_gates_say) {
  OnePack p = tied(gates(false, false));
  p.path.set_stuck_charge(true);
  EXPECT_NEAR(p.step(30.0).current_A, 30.0, kLinkShare_A);
  EXPECT_TRUE(p.path.charge_closed());
  EXPECT_FALSE(p.path.discharge_closed());
  // Discharge still needs its FET: the pack only takes back what the link held above it.
  const BranchResult r = p.step(-30.0);
  EXPECT_GE(r.current_A, 0.0);
  EXPECT_NEAR(r.current_A, 0.0, kLinkShare_A);
}

TEST(TWIN_power_path, a_stuck_discharge_fet_conducts_whatever_the_gates_say) {
  OnePack p = tied(gates(false, false));
  p.path.set_stuck_discharge(true);
  p.step(0.0);
  EXPECT_NEAR(p.step(-30.0).current_A, -30.0, kLinkShare_A);
  EXPECT_TRUE(p.path.discharge_closed());
  EXPECT_DOUBLE_EQ(p.step(30.0).current_A, 0.0);
}

TEST(TWIN_power_path, a_stuck_discharge_fet_cannot_be_opened_by_the_comparator) {
  OnePack p = tied(gates(true, true));
  p.step(0.0);
  p.path.set_stuck_discharge(true);
  PortState port;
  port.short_mOhm = 5.0;
  const BranchResult r = p.step(0.0, port);
  EXPECT_FALSE(r.short_trip);
  EXPECT_NEAR(r.current_A, -kPackV / (kBranchOhm + 5e-3), 0.001 * kPackV / 5e-3);
  EXPECT_TRUE(p.path.discharge_closed());
}

TEST(TWIN_power_path, a_stuck_discharge_fet_takes_the_inrush_without_a_trip) {
  OnePack p;
  p.path.set_stuck_discharge(true);
  const BranchResult r = p.step(0.0);
  EXPECT_FALSE(r.short_trip);
  EXPECT_GT(r.peak_A, 300.0);
  // The charge FET is open: the link reaches the pack less its diode's drop (was the pack),
  // a step later since the capacitor lags by C/dt against the path's conductance.
  p.step(0.0);
  EXPECT_NEAR(p.link_V(), kPackV - 0.7, 0.01);
}

TEST(TWIN_power_path, stuck_fets_show_in_the_closed_state_and_clear_with_the_fault) {
  OnePack p = tied(gates(false, false));
  p.path.set_stuck_charge(true);
  p.path.set_stuck_discharge(true);
  p.step(0.0);
  EXPECT_TRUE(p.path.charge_closed());
  EXPECT_TRUE(p.path.discharge_closed());
  p.path.set_stuck_charge(false);
  p.path.set_stuck_discharge(false);
  p.step(0.0);
  EXPECT_FALSE(p.path.charge_closed());
  EXPECT_FALSE(p.path.discharge_closed());
}

// ---- the port held by the inverter --------------------------------------------------------

TEST(TWIN_power_path, a_source_on_the_port_shows_at_the_terminals_when_no_current_flows) {
  OnePack p;  // all open, link empty: a sleeping pack
  PortState port;
  port.source_V = 53.6;
  EXPECT_DOUBLE_EQ(p.step(0.0, port).terminal_V, 53.6);
  // Charging into an open charge FET: nothing flows, the charger holds its voltage.
  EXPECT_DOUBLE_EQ(p.step(40.0, port).terminal_V, 53.6);
  EXPECT_DOUBLE_EQ(p.step(40.0, port).current_A, 0.0);
  EXPECT_NEAR(p.last.inverter_A, 53.6 / 3000.0, 1e-9);  // only the link's leak
}

TEST(TWIN_power_path, with_the_discharge_fet_closed_the_stronger_side_holds_the_port) {
  OnePack p = tied(gates(false, true));
  p.step(0.0);
  PortState port;
  port.source_V = 55.0;  // above the pack
  EXPECT_DOUBLE_EQ(p.step(0.0, port).terminal_V, 55.0);
  // Below: the charger lets go, but the pack cannot take the link's charge back through its
  // open charge FET (it did before the bus): the link leaks down (tau 30 s) to where the pack
  // holds it through that FET's diode.
  port.source_V = 50.0;
  EXPECT_GT(p.step(0.0, port).terminal_V, 54.0);
  for (int i = 0; i < 3000; ++i) p.step(0.0, port);
  EXPECT_NEAR(p.link_V(), kPackV - 0.7, 0.01);
  // Once current flows the port is the pack's.
  port.source_V = 55.0;
  OnePack q = tied(gates(true, true));
  const BranchResult r = q.step(10.0, port);
  EXPECT_NEAR(r.terminal_V, kPackV + r.current_A * kInsideOhm, 1e-9);
  EXPECT_NEAR(r.current_A, 10.0, kLinkShare_A);
}

// ---- heat ---------------------------------------------------------------------------------

TEST(TWIN_power_path, heat_of_two_closed_fets_is_i_squared_r) {
  OnePack p = tied(gates(true, true));
  p.step(0.0);
  BranchResult r = p.step(-100.0);
  EXPECT_NEAR(r.fet_heat_W, 2 * r.current_A * r.current_A * 1.2e-3, 1e-9);
  EXPECT_NEAR(r.current_A, -100.0, kLinkShare_A);
  r = p.step(100.0);
  EXPECT_NEAR(r.fet_heat_W, 2 * r.current_A * r.current_A * 1.2e-3, 1e-9);
  EXPECT_NEAR(p.steady(0.0).fet_heat_W, 0.0, 1e-6);  // the leak's 17 mA
}

TEST(TWIN_power_path, a_conducting_body_diode_heats_by_its_drop) {
  // Charging with the discharge FET open: the current crosses its body diode.
  OnePack chg = tied(gates(true, false));
  BranchResult r = chg.step(100.0);
  EXPECT_NEAR(r.fet_heat_W, r.current_A * r.current_A * 1.2e-3 + r.current_A * 0.7, 1e-9);
  // Discharging with the charge FET open.
  OnePack dsg = tied(gates(false, true));
  dsg.step(0.0);
  r = dsg.step(-100.0);
  EXPECT_NEAR(r.fet_heat_W, r.current_A * r.current_A * 1.2e-3 - r.current_A * 0.7, 1e-9);
  EXPECT_NEAR(r.current_A, -100.0, kLinkShare_A);
  // At 100 A the diode dissipates almost six times the FET.
  EXPECT_GT(100.0 * 0.7, 5.5 * 100.0 * 100.0 * 1.2e-3);
}

TEST(TWIN_power_path, limiter_heats_by_its_share_of_the_power) {
  OnePack p = tied(gates(false, true, false, true));
  p.step(0.0);
  const BranchResult r = p.step(50.0);
  ASSERT_DOUBLE_EQ(r.current_A, 20.0);
  EXPECT_NEAR(r.fet_heat_W, 20.0 * 20.0 * 1.2e-3 + 0.03 * 20.0 * kPackV, 1e-9);
}

TEST(TWIN_power_path, nothing_flowing_nothing_heating) {
  OnePack p = tied(gates(false, false));
  EXPECT_DOUBLE_EQ(p.step(50.0).fet_heat_W, 0.0);
  EXPECT_DOUBLE_EQ(p.step(-50.0).fet_heat_W, 0.0);
}

}  // namespace
}  // namespace lfpbms::sim
