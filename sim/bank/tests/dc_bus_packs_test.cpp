// PA-4: packs in parallel on one bus share the current by the circuit. A pack that opens moves
// its current onto the others, packs at different voltages equalize through the bus (as far
// as their switches let them), a short trips every pack that feeds it, and a pack closing onto
// a bus far from its own voltage trips on the in-rush.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/bank/tests/bank_rig.hpp"

namespace lfpbms::sim {
namespace {

TEST(TWIN_dc_bus, PA_4_equal_packs_share_equally) {
  BankRig b(4);
  b.tie();
  b.steady(-100.0);
  for (const auto& r : b.results) {
    EXPECT_NEAR(r.current_A, b.results[0].current_A, 1e-9);
    EXPECT_NEAR(r.current_A, -25.0, kLeak_A);
  }
  EXPECT_NEAR(b.packs_A(), -100.0 - b.last.link_A, 1e-9);
}

TEST(TWIN_dc_bus, PA_4_current_splits_by_resistance) {
  BankRig b(3);
  b.branches[1].pack_ohm = 0.018;   // an older pack
  b.branches[2].cable_ohm = 0.006;  // a longer cable
  b.tie();
  b.steady(-120.0);
  // Same cells' voltage, same bus: each drop I R is the same, the currents go as 1 / R.
  const double i0 = b.results[0].current_A;
  EXPECT_NEAR(b.results[1].current_A / i0, b.branch_ohm(0) / b.branch_ohm(1), 1e-9);
  EXPECT_NEAR(b.results[2].current_A / i0, b.branch_ohm(0) / b.branch_ohm(2), 1e-9);
  EXPECT_NEAR(b.packs_A(), -120.0, kLeak_A);
  EXPECT_LT(std::abs(b.results[1].current_A), std::abs(i0));
}

TEST(TWIN_dc_bus, PA_4_a_pack_opening_its_discharge_fet_moves_its_current_onto_the_others) {
  BankRig b(3);
  b.tie();
  b.steady(-90.0);
  for (const auto& r : b.results) EXPECT_NEAR(r.current_A, -30.0, kLeak_A);
  b.paths[1].command(gates(true, false));  // e.g. its under-voltage protection
  b.steady(-90.0);
  EXPECT_DOUBLE_EQ(b.results[1].current_A, 0.0);
  EXPECT_NEAR(b.results[0].current_A, -45.0, kLeak_A);
  EXPECT_NEAR(b.results[2].current_A, -45.0, kLeak_A);
  EXPECT_NEAR(b.packs_A(), -90.0, kLeak_A);  // the inverter still gets all it asks
  EXPECT_NEAR(b.last.inverter_A, -90.0, 1e-9);
}

TEST(TWIN_dc_bus, PA_4_packs_at_different_voltages_equalize_with_the_difference_over_both) {
  BankRig b(2);
  b.branches[0].pack_V = kPackV + 0.5;
  b.tie();
  b.steady(0.0);
  const double equalize_A = 0.5 / (b.branch_ohm(0) + b.branch_ohm(1));  // 19.4 A
  EXPECT_NEAR(b.results[1].current_A, equalize_A, kLeak_A);
  EXPECT_NEAR(b.results[0].current_A, -equalize_A, kLeak_A);
  EXPECT_NEAR(b.packs_A(), -b.last.link_A, 1e-9);  // only the link's leak leaves the packs
  EXPECT_NEAR(b.last.inverter_A, 0.0, 1e-9);
}

TEST(TWIN_dc_bus, PA_4_the_lower_pack_with_the_limiter_on_equalizes_at_the_limiter_current) {
  BankRig b(2);
  b.branches[0].pack_V = kPackV + 2.0;  // 77 A through closed FETs
  b.tie();
  b.paths[1].command(gates(false, true, false, true));
  b.steady(0.0);
  EXPECT_DOUBLE_EQ(b.results[1].current_A, 20.0);
  EXPECT_NEAR(b.results[0].current_A, -20.0, kLeak_A);
  EXPECT_GT(b.results[1].fet_heat_W, 0.03 * 20.0 * kPackV);  // the limiter's loss
}

TEST(TWIN_dc_bus, PA_4_with_the_charge_fet_open_and_no_limiter_a_pack_takes_nothing) {
  BankRig b(2);
  b.branches[0].pack_V = kPackV + 0.2;  // holds the bus above the other
  b.tie();
  b.paths[1].command(gates(false, true));
  b.steady(0.0);
  EXPECT_DOUBLE_EQ(b.results[1].current_A, 0.0);
  // It can still discharge, through its charge FET's diode, once the bus is below it by the
  // diode's drop.
  b.steady(-100.0);
  const BranchResult& low = b.results[1];
  EXPECT_LT(low.current_A, -5.0);
  EXPECT_NEAR(low.current_A + b.results[0].current_A, -100.0, kLeak_A);
  const double bus_V = b.bus.bus_V();
  EXPECT_NEAR(low.current_A, (bus_V - (kPackV - 0.7)) / b.branch_ohm(1), 1e-9);
  EXPECT_NEAR(low.fet_heat_W, low.current_A * low.current_A * 1.2e-3 - low.current_A * 0.7, 1e-9);
}

TEST(TWIN_dc_bus, PA_4_a_short_on_the_bus_trips_every_pack_whose_discharge_fet_is_closed) {
  BankRig b(4);
  b.tie();
  b.paths[3].command(gates(true, false));
  b.steady(0.0);
  PortState port;
  port.short_mOhm = 5.0;
  const BusResult r = b.step(0.0, port);
  EXPECT_EQ(r.trips, 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(b.results[i].short_trip) << i;
    EXPECT_GT(b.results[i].peak_A, 300.0) << i;
    EXPECT_FALSE(b.paths[i].discharge_closed()) << i;
  }
  EXPECT_FALSE(b.results[3].short_trip);
  EXPECT_DOUBLE_EQ(b.results[3].peak_A, 0.0);
  EXPECT_NEAR(b.packs_A(), 0.0, 1e-12);
  EXPECT_NEAR(r.bus_V, 0.0, 0.05);
}

TEST(TWIN_dc_bus, PA_4_a_pack_closing_onto_the_bus_trips_only_far_below_it) {
  for (const double below_V : {0.8, 5.0}) {
    BankRig b(4);
    b.branches[3].pack_V = kPackV - below_V;
    b.tie(3);  // it stays open meanwhile
    ASSERT_FALSE(b.paths[3].charge_closed() || b.paths[3].discharge_closed());
    b.paths[3].command(gates(true, true));
    const BusResult r = b.step(0.0);
    // The in-rush at the instant it closes: the bus is where the other packs held it.
    const double inrush_A = below_V / b.branch_ohm(3);
    EXPECT_NEAR(b.results[3].peak_A, inrush_A, 0.01 * inrush_A) << below_V;
    EXPECT_EQ(b.results[3].short_trip, below_V > 1.0) << below_V;
    EXPECT_EQ(r.trips, below_V > 1.0 ? 1 : 0);
    if (below_V < 1.0) {
      // It goes on charging from the others, at its share of their resistance.
      const double share_A = below_V / (b.branch_ohm(3) + b.branch_ohm(0) / 3);
      EXPECT_NEAR(b.results[3].current_A, share_A, 0.05 * share_A);
    }
  }
}

TEST(TWIN_dc_bus, PA_4_a_disconnected_pack_carries_nothing) {
  BankRig b(3);
  b.tie();
  b.branches[1].connected = false;  // its DC breaker
  b.branches[1].pack_V = kPackV - 1.0;
  b.steady(-100.0);
  EXPECT_DOUBLE_EQ(b.results[1].current_A, 0.0);
  EXPECT_DOUBLE_EQ(b.results[1].terminal_V, kPackV - 1.0);  // its own cells, through its FETs
  EXPECT_NEAR(b.results[0].current_A, -50.0, kLeak_A);
  EXPECT_NEAR(b.results[2].current_A, -50.0, kLeak_A);
  b.paths[1].command(gates(false, false));
  b.step(-100.0);
  EXPECT_DOUBLE_EQ(b.results[1].terminal_V, 0.0);
}

}  // namespace
}  // namespace lfpbms::sim
