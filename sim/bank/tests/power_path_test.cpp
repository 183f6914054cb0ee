// The power path of one pack on the bus: the FETs and their body diodes in each direction, the
// current-limiting module, pre-charge into the inverter's link capacitor, the short-circuit
// comparator and its re-arm rule, in-rush. Since the bus solves the circuit, the pack takes
// the inverter's current less what the link capacitor and its leak take while the bus moves
// (kLinkShare_A), and its terminals show the FETs' and the diodes' drops.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/bank/tests/power_path_rig.hpp"

namespace lfpbms::sim {
namespace {

// ---- each FET and diode combination, each direction --------------------------------------

struct Combination {
  bool chg, dsg;
  bool charge_passes, discharge_passes;
};

TEST(TWIN_power_path, each_fet_combination_passes_or_blocks_each_direction) {
  // Back to back: a charge current needs the charge FET (the discharge FET's body diode
  // passes it), a discharge current needs the discharge FET (the charge FET's diode passes it).
  const Combination table[] = {
      {false, false, false, false},
      {true, false, true, false},
      {false, true, false, true},
      {true, true, true, true},
  };
  for (const auto& c : table) {
    OnePack in = tied(gates(c.chg, c.dsg));
    EXPECT_EQ(in.path.charge_closed(), c.chg);
    EXPECT_EQ(in.path.discharge_closed(), c.dsg);
    const BranchResult chg = in.step(40.0);
    EXPECT_NEAR(chg.current_A, c.charge_passes ? 40.0 : 0.0, kLinkShare_A) << c.chg << c.dsg;
    OnePack out = tied(gates(c.chg, c.dsg));
    const BranchResult dsg = out.step(-40.0);
    EXPECT_NEAR(dsg.current_A, c.discharge_passes ? -40.0 : 0.0, kLinkShare_A) << c.chg << c.dsg;
    // What the pack does not take stays on the bus: nothing is lost.
    EXPECT_NEAR(chg.current_A + in.last.link_A, in.last.inverter_A, 1e-9);
    EXPECT_FALSE(chg.short_trip || dsg.short_trip);
  }
}

TEST(TWIN_power_path, terminal_voltage_with_current_is_the_pack_behind_its_resistance) {
  // The terminals are outside the FETs: the pack's resistance and both FETs' (was the pack's
  // alone before the bus); the cable's drop is between the terminals and the bus.
  OnePack p = tied(gates(true, true));
  BranchResult r = p.steady(50.0);
  EXPECT_NEAR(r.current_A, 50.0, kLeak_A);
  EXPECT_NEAR(r.terminal_V, kPackV + r.current_A * kInsideOhm, 1e-9);
  EXPECT_NEAR(p.link_V(), r.terminal_V + r.current_A * kCableOhm, 1e-9);
  r = p.steady(-80.0);
  EXPECT_NEAR(r.terminal_V, kPackV + r.current_A * kInsideOhm, 1e-9);
  EXPECT_NEAR(p.steady(0.0).terminal_V, kPackV, 1e-3);  // tied through the discharge FET
}

TEST(TWIN_power_path, limiter_caps_charge_at_its_current) {
  OnePack p = tied(gates(false, true, false, true));
  EXPECT_DOUBLE_EQ(p.step(80.0).current_A, 20.0);  // PK-6 default; the rest lifts the bus
  EXPECT_DOUBLE_EQ(p.link_V(), kChargerV);         // to the charger's voltage
  // Below its current it passes all (once the link has given back what it took above).
  EXPECT_NEAR(p.steady(12.0).current_A, 12.0, kLeak_A);
  p.path.set_limiter_A(10.0);
  EXPECT_DOUBLE_EQ(p.step(80.0).current_A, 10.0);
  EXPECT_NEAR(p.steady(-30.0).current_A, -30.0, kLeak_A);  // discharge through the FET
}

TEST(TWIN_power_path, limiter_is_bypassed_by_a_closed_charge_fet) {
  OnePack p = tied(gates(true, true, false, true));
  EXPECT_NEAR(p.step(80.0).current_A, 80.0, kLinkShare_A);
}

TEST(TWIN_power_path, limiter_alone_passes_no_discharge) {
  OnePack p = tied(gates(false, false, false, true));
  EXPECT_NEAR(p.step(15.0).current_A, 15.0, kLinkShare_A);  // the discharge diode passes charge
  const BranchResult r = p.step(-15.0);  // only what the link held above the pack comes back
  EXPECT_GE(r.current_A, 0.0);
  EXPECT_NEAR(r.current_A, 0.0, kLinkShare_A);
}

// ---- pre-charge ---------------------------------------------------------------------------

TEST(TWIN_power_path, precharge_raises_the_link_with_tau_r_times_c) {
  // Through the 100 ohm and the open charge FET's diode: towards the pack less 0.7 V. The bus
  // is solved by implicit Euler, within a few % of the exponential at tau = R C.
  PowerPathParams pp;
  DcBusParams bp;
  const double tau = pp.precharge_ohm * bp.link_F;  // 1 s
  ASSERT_DOUBLE_EQ(tau, 1.0);
  const double target_V = kPackV - pp.diode_V;
  OnePack p;
  p.path.command(gates(false, false, true));
  double t = 0;
  double charge_As = 0;
  for (int i = 0; i < 30; ++i) {
    const double before = p.link_V();
    const BranchResult r = p.step(0.0);
    t += kDt;
    EXPECT_NEAR(p.link_V(), target_V * (1 - std::exp(-t / tau)), 0.03 * target_V) << t;
    EXPECT_DOUBLE_EQ(r.terminal_V, p.link_V() - r.current_A * kCableOhm);
    // The current charging the link comes out of the pack: C dV/dt (the leak pauses).
    EXPECT_NEAR(r.current_A, -bp.link_F * (p.link_V() - before) / kDt, 1e-9);
    EXPECT_LT(r.current_A, 0.0);
    charge_As -= r.current_A * kDt;
  }
  EXPECT_NEAR(charge_As, bp.link_F * p.link_V(), 1e-9);  // Q = C V
  for (int i = 0; i < 70; ++i) p.step(0.0);
  EXPECT_NEAR(p.link_V(), target_V, 0.001 * target_V);  // 10 tau
}

TEST(TWIN_power_path, precharge_current_starts_near_v_over_r) {
  OnePack p;
  p.path.command(gates(false, false, true));
  const BranchResult r = p.step(0.0);
  // Implicit Euler's first step: V/R / (1 + dt/tau), V the pack less a diode drop (was the
  // exponential's mean over the step from the full pack voltage, 0.487 A).
  const double ohm = 100.0 + kBranchOhm;
  EXPECT_NEAR(r.current_A, -(kPackV - 0.7) / ohm / (1 + kDt / (ohm * 0.010)), 1e-9);
  EXPECT_NEAR(r.current_A, -0.459, 0.001);
}

TEST(TWIN_power_path, link_discharges_by_itself_when_idle) {
  OnePack p = tied(gates(false, false));
  const double start = p.link_V();
  for (int i = 0; i < 300; ++i) p.step(0.0);  // 30 s: one idle tau
  // Implicit Euler: (1 + dt/tau)^-300 is e^-0.9983.
  EXPECT_NEAR(p.link_V(), start * std::exp(-1.0), 0.005 * start);
  EXPECT_NEAR(p.link_V(), start * std::pow(1 + kDt / 30.0, -300), 1e-9);
}

// ---- in-rush and the comparator -----------------------------------------------------------

TEST(TWIN_power_path, closing_the_discharge_fet_onto_an_empty_link_trips_the_comparator) {
  OnePack p;
  p.path.command(gates(true, true));
  const BranchResult r = p.step(0.0);
  EXPECT_TRUE(r.short_trip);
  EXPECT_NEAR(r.peak_A, kPackV / kBranchOhm, 1e-6);
  EXPECT_DOUBLE_EQ(r.current_A, 0.0);
  EXPECT_DOUBLE_EQ(r.terminal_V, 0.0);
  EXPECT_FALSE(p.path.charge_closed());
  EXPECT_FALSE(p.path.discharge_closed());
}

TEST(TWIN_power_path, trip_holds_until_the_firmware_commands_both_fets_open) {
  OnePack p;
  p.path.command(gates(true, true));
  ASSERT_TRUE(p.step(0.0).short_trip);
  // The firmware keeps commanding the FETs: the comparator keeps them open.
  p.path.command(gates(true, true));
  EXPECT_FALSE(p.path.discharge_closed());
  EXPECT_DOUBLE_EQ(p.step(-20.0).current_A, 0.0);
  PortState charger;  // a charger just above the pack lifts the link to its voltage
  charger.source_V = kPackV + 1.0;
  EXPECT_DOUBLE_EQ(p.step(20.0, charger).current_A, 0.0);
  EXPECT_DOUBLE_EQ(p.link_V(), kPackV + 1.0);
  // Opening only one is not enough.
  p.path.command(gates(true, false));
  EXPECT_FALSE(p.path.charge_closed());
  p.path.command(gates(false, true));
  EXPECT_FALSE(p.path.discharge_closed());
  // Both open: re-armed; pre-charge and the link is ready for the FET again.
  p.path.command(gates(false, false, true));
  for (int i = 0; i < 60; ++i) EXPECT_FALSE(p.step(0.0).short_trip);
  p.path.command(gates(true, true));
  EXPECT_TRUE(p.path.discharge_closed());
  const BranchResult r = p.step(-30.0);
  EXPECT_FALSE(r.short_trip);
  EXPECT_NEAR(r.current_A, -30.0, kLinkShare_A);
}

TEST(TWIN_power_path, a_tripped_path_does_not_precharge) {
  OnePack p;
  p.path.command(gates(false, true, true));
  ASSERT_TRUE(p.step(0.0).short_trip);
  p.path.command(gates(false, true, true));  // discharge still commanded: not re-armed
  p.step(0.0);
  EXPECT_DOUBLE_EQ(p.link_V(), 0.0);
}

TEST(TWIN_power_path, a_precharged_link_takes_the_discharge_fet_without_a_trip) {
  OnePack p;
  p.path.command(gates(false, false, true));
  for (int i = 0; i < 40; ++i) p.step(0.0);  // 4 tau: 98 % of the pack less a diode drop
  const double gap_V = kPackV - p.link_V();
  p.path.command(gates(true, true));
  const BranchResult r = p.step(0.0);
  EXPECT_FALSE(r.short_trip);
  EXPECT_NEAR(r.peak_A, gap_V / kBranchOhm, 1e-6);
  EXPECT_LT(r.peak_A, 300.0);
  EXPECT_TRUE(p.path.discharge_closed());
}

TEST(TWIN_power_path, inrush_is_judged_once_when_the_fet_closes) {
  OnePack p;
  p.path.command(gates(false, false, true));  // pre-charged through the diode: 0.7 V short
  for (int i = 0; i < 100; ++i) p.step(0.0);
  p.path.command(gates(true, true));
  EXPECT_NEAR(p.step(0.0).peak_A, 0.7 / kBranchOhm, 1.0);  // the closing step
  // Then only the link's leak and the last of its charge flow (was exactly 0 before).
  EXPECT_NEAR(p.step(0.0).peak_A, 0.0, kLinkShare_A);
  EXPECT_NEAR(p.step(-25.0).peak_A, 25.0, kLinkShare_A);
}

TEST(TWIN_power_path, comparator_threshold_is_configurable) {
  OnePack p = tied(gates(true, true));
  p.step(0.0);
  p.path.configure_short_circuit(100.0, 300.0);
  EXPECT_FALSE(p.steady(-99.0).short_trip);
  const BranchResult r = p.step(-100.0);  // at the level trips (100 A and the leak)
  EXPECT_TRUE(r.short_trip);
  EXPECT_DOUBLE_EQ(r.current_A, 0.0);
  EXPECT_NEAR(r.peak_A, 100.0, kLeak_A);
  EXPECT_FALSE(p.path.discharge_closed());
}

TEST(TWIN_power_path, a_charge_current_beyond_the_threshold_trips_too) {
  OnePack p = tied(gates(true, true));
  p.step(0.0);
  p.path.configure_short_circuit(150.0, 300.0);
  EXPECT_TRUE(p.step(160.0).short_trip);
  EXPECT_FALSE(p.path.charge_closed());
}

}  // namespace
}  // namespace lfpbms::sim
