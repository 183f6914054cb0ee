// The power path when something goes wrong: a short at the terminals, a reversed source,
// stuck FETs; and the heat of FETs and diodes.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/pack/tests/power_path_rig.hpp"

namespace lfpbms::sim {
namespace {

// ---- shorts and reverse connection --------------------------------------------------------

TEST(TWIN_power_path, a_short_with_the_discharge_fet_closed_trips) {
  PowerPath p = tied(gates(true, true));
  step(p, 0.0);
  PortState port;
  port.short_mOhm = 5.0;
  const PathResult r = step(p, 0.0, port);
  EXPECT_TRUE(r.short_trip);
  EXPECT_NEAR(r.peak_A, kPackV / (kPackOhm + 2.4e-3 + 5e-3), 1e-6);
  EXPECT_DOUBLE_EQ(r.current_A, 0.0);
  EXPECT_FALSE(p.discharge_closed());
  // The short stays: nothing flows with the FETs held open.
  const PathResult after = step(p, 0.0, port);
  EXPECT_FALSE(after.short_trip);
  EXPECT_DOUBLE_EQ(after.current_A, 0.0);
  EXPECT_DOUBLE_EQ(after.terminal_V, 0.0);
}

TEST(TWIN_power_path, a_short_behind_an_open_discharge_fet_draws_nothing) {
  PowerPath p = tied(gates(true, false));
  PortState port;
  port.short_mOhm = 5.0;
  const PathResult r = step(p, 0.0, port);
  EXPECT_FALSE(r.short_trip);
  EXPECT_DOUBLE_EQ(r.current_A, 0.0);
  EXPECT_DOUBLE_EQ(r.peak_A, 0.0);
}

TEST(TWIN_power_path, a_soft_short_below_the_threshold_flows) {
  PowerPath p = tied(gates(true, true));
  step(p, 0.0);
  PortState port;
  port.short_mOhm = 1000.0;  // 1 ohm: a heavy load, not a trip
  const PathResult r = step(p, 0.0, port);
  const double a = -kPackV / (kPackOhm + 2.4e-3 + 1.0);
  EXPECT_FALSE(r.short_trip);
  EXPECT_NEAR(r.current_A, a, 1e-9);
  EXPECT_NEAR(r.terminal_V, -a * 1.0, 1e-9);
  EXPECT_GT(r.fet_heat_W, 0.0);
}

TEST(TWIN_power_path, a_reversed_source_behind_an_open_discharge_fet_shows_negative) {
  PowerPath p = tied(gates(true, false));
  PortState port;
  port.reverse_V = 48.0;
  const PathResult r = step(p, 0.0, port);
  EXPECT_FALSE(r.short_trip);
  EXPECT_DOUBLE_EQ(r.current_A, 0.0);
  EXPECT_DOUBLE_EQ(r.terminal_V, -48.0);
  EXPECT_DOUBLE_EQ(p.link_V(), -48.0);
}

TEST(TWIN_power_path, a_reversed_source_with_the_discharge_fet_closed_trips) {
  PowerPath p = tied(gates(true, true));
  step(p, 0.0);
  PortState port;
  port.reverse_V = 48.0;
  const PathResult r = step(p, 0.0, port);
  EXPECT_TRUE(r.short_trip);
  EXPECT_NEAR(r.peak_A, (kPackV + 48.0) / (kPackOhm + 1.5e-3), 1e-6);
  EXPECT_DOUBLE_EQ(r.current_A, 0.0);
  EXPECT_DOUBLE_EQ(r.terminal_V, -48.0);
  EXPECT_FALSE(p.discharge_closed());
}

// ---- stuck FETs ---------------------------------------------------------------------------

TEST(TWIN_power_path, a_stuck_charge_fet_conducts_whatever_the_gates_say) {
  PowerPath p = tied(gates(false, false));
  PortState port;
  port.stuck_charge = true;
  EXPECT_DOUBLE_EQ(step(p, 30.0, port).current_A, 30.0);
  EXPECT_TRUE(p.charge_closed());
  EXPECT_FALSE(p.discharge_closed());
  EXPECT_DOUBLE_EQ(step(p, -30.0, port).current_A, 0.0);  // discharge still needs its FET
}

TEST(TWIN_power_path, a_stuck_discharge_fet_conducts_whatever_the_gates_say) {
  PowerPath p = tied(gates(false, false));
  PortState port;
  port.stuck_discharge = true;
  step(p, 0.0, port);
  EXPECT_DOUBLE_EQ(step(p, -30.0, port).current_A, -30.0);
  EXPECT_TRUE(p.discharge_closed());
  EXPECT_DOUBLE_EQ(step(p, 30.0, port).current_A, 0.0);
}

TEST(TWIN_power_path, a_stuck_discharge_fet_cannot_be_opened_by_the_comparator) {
  PowerPath p = tied(gates(true, true));
  step(p, 0.0);
  PortState port;
  port.stuck_discharge = true;
  port.short_mOhm = 5.0;
  const PathResult r = step(p, 0.0, port);
  EXPECT_FALSE(r.short_trip);
  EXPECT_NEAR(r.current_A, -kPackV / (kPackOhm + 2.4e-3 + 5e-3), 1e-6);
  EXPECT_TRUE(p.discharge_closed());
}

TEST(TWIN_power_path, a_stuck_discharge_fet_takes_the_inrush_without_a_trip) {
  PowerPath p;
  PortState port;
  port.stuck_discharge = true;
  const PathResult r = step(p, 0.0, port);
  EXPECT_FALSE(r.short_trip);
  EXPECT_GT(r.peak_A, 300.0);
  EXPECT_DOUBLE_EQ(p.link_V(), kPackV);
}

TEST(TWIN_power_path, stuck_fets_show_in_the_closed_state_and_clear_with_the_fault) {
  PowerPath p = tied(gates(false, false));
  PortState port;
  port.stuck_charge = true;
  port.stuck_discharge = true;
  step(p, 0.0, port);
  EXPECT_TRUE(p.charge_closed());
  EXPECT_TRUE(p.discharge_closed());
  step(p, 0.0, {});
  EXPECT_FALSE(p.charge_closed());
  EXPECT_FALSE(p.discharge_closed());
}

// ---- the port held by the inverter --------------------------------------------------------

TEST(TWIN_power_path, a_source_on_the_port_shows_at_the_terminals_when_no_current_flows) {
  PowerPath p;  // all open, link empty: a sleeping pack
  PortState port;
  port.source_V = 53.6;
  EXPECT_DOUBLE_EQ(step(p, 0.0, port).terminal_V, 53.6);
  // Charging into an open charge FET: nothing flows, the charger holds its voltage.
  EXPECT_DOUBLE_EQ(step(p, 40.0, port).terminal_V, 53.6);
  EXPECT_DOUBLE_EQ(step(p, 40.0, port).current_A, 0.0);
}

TEST(TWIN_power_path, with_the_discharge_fet_closed_the_stronger_side_holds_the_port) {
  PowerPath p = tied(gates(false, true));
  step(p, 0.0);
  PortState port;
  port.source_V = 55.0;  // above the pack
  EXPECT_DOUBLE_EQ(step(p, 0.0, port).terminal_V, 55.0);
  port.source_V = 50.0;  // below: the pack holds it through the FET
  EXPECT_DOUBLE_EQ(step(p, 0.0, port).terminal_V, kPackV);
  // Once current flows the port is the pack's.
  port.source_V = 55.0;
  PowerPath q = tied(gates(true, true));
  EXPECT_NEAR(step(q, 10.0, port).terminal_V, kPackV + 10.0 * kPackOhm, 1e-12);
}

// ---- heat ---------------------------------------------------------------------------------

TEST(TWIN_power_path, heat_of_two_closed_fets_is_i_squared_r) {
  PowerPath p = tied(gates(true, true));
  step(p, 0.0);
  EXPECT_NEAR(step(p, -100.0).fet_heat_W, 2 * 100.0 * 100.0 * 1.2e-3, 1e-9);
  EXPECT_NEAR(step(p, 100.0).fet_heat_W, 2 * 100.0 * 100.0 * 1.2e-3, 1e-9);
  EXPECT_DOUBLE_EQ(step(p, 0.0).fet_heat_W, 0.0);
}

TEST(TWIN_power_path, a_conducting_body_diode_heats_by_its_drop) {
  // Charging with the discharge FET open: the current crosses its body diode.
  PowerPath chg = tied(gates(true, false));
  EXPECT_NEAR(step(chg, 100.0).fet_heat_W, 100.0 * 100.0 * 1.2e-3 + 100.0 * 0.7, 1e-9);
  // Discharging with the charge FET open.
  PowerPath dsg = tied(gates(false, true));
  step(dsg, 0.0);
  EXPECT_NEAR(step(dsg, -100.0).fet_heat_W, 100.0 * 100.0 * 1.2e-3 + 100.0 * 0.7, 1e-9);
  // At 100 A the diode dissipates almost six times the FET.
  EXPECT_GT(100.0 * 0.7, 5.5 * 100.0 * 100.0 * 1.2e-3);
}

TEST(TWIN_power_path, limiter_heats_by_its_share_of_the_power) {
  PowerPath p = tied(gates(false, true, false, true));
  step(p, 0.0);
  const PathResult r = step(p, 50.0);
  ASSERT_DOUBLE_EQ(r.current_A, 20.0);
  EXPECT_NEAR(r.fet_heat_W, 20.0 * 20.0 * 1.2e-3 + 0.03 * 20.0 * kPackV, 1e-9);
}

TEST(TWIN_power_path, nothing_flowing_nothing_heating) {
  PowerPath p = tied(gates(false, false));
  EXPECT_DOUBLE_EQ(step(p, 50.0).fet_heat_W, 0.0);
  EXPECT_DOUBLE_EQ(step(p, -50.0).fet_heat_W, 0.0);
}

}  // namespace
}  // namespace lfpbms::sim
