// The power path: the FETs and their body diodes in each direction, the current-limiting
// module, pre-charge into the inverter's link capacitor, the short-circuit comparator and its
// re-arm rule, in-rush, shorts, a reversed source, stuck FETs, the port held by the inverter,
// and the path's heat.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/pack/tests/power_path_rig.hpp"

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
    PowerPath p = tied(gates(c.chg, c.dsg));
    EXPECT_EQ(p.charge_closed(), c.chg);
    EXPECT_EQ(p.discharge_closed(), c.dsg);
    const PathResult in = step(p, 40.0);
    EXPECT_DOUBLE_EQ(in.current_A, c.charge_passes ? 40.0 : 0.0) << c.chg << c.dsg;
    const PathResult out = step(p, -40.0);
    EXPECT_DOUBLE_EQ(out.current_A, c.discharge_passes ? -40.0 : 0.0) << c.chg << c.dsg;
    EXPECT_FALSE(in.short_trip || out.short_trip);
  }
}

TEST(TWIN_power_path, terminal_voltage_with_current_is_the_pack_behind_its_resistance) {
  PowerPath p = tied(gates(true, true));
  EXPECT_NEAR(step(p, 50.0).terminal_V, kPackV + 50.0 * kPackOhm, 1e-12);
  EXPECT_NEAR(step(p, -80.0).terminal_V, kPackV - 80.0 * kPackOhm, 1e-12);
  EXPECT_NEAR(step(p, 0.0).terminal_V, kPackV, 1e-12);  // tied through the discharge FET
}

TEST(TWIN_power_path, limiter_caps_charge_at_its_current) {
  PowerPath p = tied(gates(false, true, false, true));
  EXPECT_DOUBLE_EQ(step(p, 80.0).current_A, 20.0);  // PK-6 default
  EXPECT_DOUBLE_EQ(step(p, 12.0).current_A, 12.0);  // below its current it passes all
  p.set_limiter_A(10.0);
  EXPECT_DOUBLE_EQ(step(p, 80.0).current_A, 10.0);
  EXPECT_DOUBLE_EQ(step(p, -30.0).current_A, -30.0);  // discharge through the discharge FET
}

TEST(TWIN_power_path, limiter_is_bypassed_by_a_closed_charge_fet) {
  PowerPath p = tied(gates(true, true, false, true));
  EXPECT_DOUBLE_EQ(step(p, 80.0).current_A, 80.0);
}

TEST(TWIN_power_path, limiter_alone_passes_no_discharge) {
  PowerPath p = tied(gates(false, false, false, true));
  EXPECT_DOUBLE_EQ(step(p, 15.0).current_A, 15.0);  // the discharge FET's diode passes charge
  EXPECT_DOUBLE_EQ(step(p, -15.0).current_A, 0.0);
}

// ---- pre-charge ---------------------------------------------------------------------------

TEST(TWIN_power_path, precharge_raises_the_link_with_tau_r_times_c) {
  PowerPathParams pp;
  const double tau = pp.precharge_ohm * pp.link_F;  // 1 s
  ASSERT_DOUBLE_EQ(tau, 1.0);
  PowerPath p(pp);
  p.command(gates(false, false, true));
  double t = 0;
  double charge_As = 0;
  for (int i = 0; i < 30; ++i) {
    const double before = p.link_V();
    const PathResult r = step(p, 0.0);
    t += kDt;
    EXPECT_NEAR(p.link_V(), kPackV * (1 - std::exp(-t / tau)), 1e-9) << t;
    EXPECT_DOUBLE_EQ(r.terminal_V, p.link_V());
    // The current charging the link comes out of the pack: C dV/dt.
    EXPECT_NEAR(r.current_A, -pp.link_F * (p.link_V() - before) / kDt, 1e-12);
    EXPECT_LT(r.current_A, 0.0);
    charge_As -= r.current_A * kDt;
  }
  EXPECT_NEAR(charge_As, pp.link_F * p.link_V(), 1e-9);  // Q = C V
}

TEST(TWIN_power_path, precharge_current_starts_near_v_over_r) {
  PowerPath p;
  p.command(gates(false, false, true));
  const PathResult r = step(p, 0.0);
  // The first step's mean current: V/R * tau/dt * (1 - e^(-dt/tau)).
  EXPECT_NEAR(r.current_A, -kPackV / 100.0 * 10.0 * (1 - std::exp(-0.1)), 1e-9);
  EXPECT_NEAR(r.current_A, -0.487, 0.001);
}

TEST(TWIN_power_path, link_discharges_by_itself_when_idle) {
  PowerPath p = tied(gates(false, false));
  const double start = p.link_V();
  for (int i = 0; i < 300; ++i) step(p, 0.0);  // 30 s: one idle tau
  EXPECT_NEAR(p.link_V(), start * std::exp(-1.0), 1e-6);
}

// ---- in-rush and the comparator -----------------------------------------------------------

TEST(TWIN_power_path, closing_the_discharge_fet_onto_an_empty_link_trips_the_comparator) {
  PowerPath p;
  p.command(gates(true, true));
  const PathResult r = step(p, 0.0);
  EXPECT_TRUE(r.short_trip);
  const double ohm = kPackOhm + 2 * 1.2e-3 + 1.5e-3;
  EXPECT_NEAR(r.peak_A, kPackV / ohm, 1e-6);
  EXPECT_DOUBLE_EQ(r.current_A, 0.0);
  EXPECT_DOUBLE_EQ(r.terminal_V, 0.0);
  EXPECT_FALSE(p.charge_closed());
  EXPECT_FALSE(p.discharge_closed());
}

TEST(TWIN_power_path, trip_holds_until_the_firmware_commands_both_fets_open) {
  PowerPath p;
  p.command(gates(true, true));
  ASSERT_TRUE(step(p, 0.0).short_trip);
  // The firmware keeps commanding the FETs: the comparator keeps them open.
  p.command(gates(true, true));
  EXPECT_FALSE(p.discharge_closed());
  EXPECT_DOUBLE_EQ(step(p, -20.0).current_A, 0.0);
  EXPECT_DOUBLE_EQ(step(p, 20.0).current_A, 0.0);
  // Opening only one is not enough.
  p.command(gates(true, false));
  EXPECT_FALSE(p.charge_closed());
  p.command(gates(false, true));
  EXPECT_FALSE(p.discharge_closed());
  // Both open: re-armed; pre-charge and the link is ready for the FET again.
  p.command(gates(false, false, true));
  for (int i = 0; i < 60; ++i) EXPECT_FALSE(step(p, 0.0).short_trip);
  p.command(gates(true, true));
  EXPECT_TRUE(p.discharge_closed());
  const PathResult r = step(p, -30.0);
  EXPECT_FALSE(r.short_trip);
  EXPECT_DOUBLE_EQ(r.current_A, -30.0);
}

TEST(TWIN_power_path, a_tripped_path_does_not_precharge) {
  PowerPath p;
  p.command(gates(false, true, true));
  ASSERT_TRUE(step(p, 0.0).short_trip);
  p.command(gates(false, true, true));  // discharge still commanded: not re-armed
  step(p, 0.0);
  EXPECT_DOUBLE_EQ(p.link_V(), 0.0);
}

TEST(TWIN_power_path, a_precharged_link_takes_the_discharge_fet_without_a_trip) {
  PowerPath p;
  p.command(gates(false, false, true));
  for (int i = 0; i < 40; ++i) step(p, 0.0);  // 4 tau: 98 % of the pack
  const double gap_V = kPackV - p.link_V();
  p.command(gates(true, true));
  const PathResult r = step(p, 0.0);
  EXPECT_FALSE(r.short_trip);
  EXPECT_NEAR(r.peak_A, gap_V / (kPackOhm + 2.4e-3 + 1.5e-3), 1e-6);
  EXPECT_LT(r.peak_A, 300.0);
  EXPECT_TRUE(p.discharge_closed());
}

TEST(TWIN_power_path, inrush_is_judged_once_when_the_fet_closes) {
  PowerPath p = tied(gates(true, true));
  EXPECT_GT(step(p, 0.0).peak_A, 0.0);  // the closing step
  EXPECT_DOUBLE_EQ(step(p, 0.0).peak_A, 0.0);
  EXPECT_DOUBLE_EQ(step(p, -25.0).peak_A, 25.0);
}

TEST(TWIN_power_path, comparator_threshold_is_configurable) {
  PowerPath p = tied(gates(true, true));
  step(p, 0.0);
  p.configure_short_circuit(100.0, 300.0);
  EXPECT_FALSE(step(p, -99.0).short_trip);
  const PathResult r = step(p, -100.0);  // at the level trips
  EXPECT_TRUE(r.short_trip);
  EXPECT_DOUBLE_EQ(r.current_A, 0.0);
  EXPECT_DOUBLE_EQ(r.peak_A, 100.0);
  EXPECT_FALSE(p.discharge_closed());
}

TEST(TWIN_power_path, a_charge_current_beyond_the_threshold_trips_too) {
  PowerPath p = tied(gates(true, true));
  step(p, 0.0);
  p.configure_short_circuit(150.0, 300.0);
  EXPECT_TRUE(step(p, 160.0).short_trip);
  EXPECT_FALSE(p.charge_closed());
}

}  // namespace
}  // namespace lfpbms::sim
