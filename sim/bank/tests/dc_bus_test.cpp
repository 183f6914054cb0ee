// The bus node and the inverter: a charger's voltage caps the bus, a discharging inverter
// never pulls it below zero and draws nothing while no pack can deliver, packs above the
// charger hold the bus; and Kirchhoff's current law holds every step, for up to 32 packs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "sim/bank/tests/bank_rig.hpp"

namespace lfpbms::sim {
namespace {

TEST(TWIN_dc_bus, a_charging_inverter_cannot_lift_the_bus_above_its_voltage) {
  OnePack p = tied(gates(true, true));
  PortState port;
  port.source_V = kPackV + 1.0;  // 200 A would need 2.6 V
  const BranchResult r = p.steady(200.0, port);
  EXPECT_DOUBLE_EQ(p.link_V(), port.source_V);
  EXPECT_NEAR(r.current_A, 1.0 / kBranchOhm, kLeak_A);  // what flows there: CV
  EXPECT_NEAR(p.last.inverter_A, r.current_A + port.source_V / 3000.0, 1e-9);
}

TEST(TWIN_dc_bus, packs_above_the_charger_hold_the_bus_and_take_nothing) {
  OnePack p = tied(gates(true, true));
  PortState port;
  port.source_V = kPackV - 1.0;
  const BranchResult r = p.steady(50.0, port);
  EXPECT_NEAR(p.link_V(), kPackV, 1e-3);
  EXPECT_NEAR(r.current_A, 0.0, kLeak_A);  // the pack feeds the leak
  EXPECT_NEAR(p.last.inverter_A, 0.0, 1e-9);
}

TEST(TWIN_dc_bus, a_discharging_inverter_draws_nothing_while_no_pack_can_deliver) {
  // Pre-charging with the inverter asking for 50 A: it waits for a battery, as before the bus.
  OnePack quiet;
  OnePack asking;
  quiet.path.command(gates(true, false, true));
  asking.path.command(gates(true, false, true));
  for (int i = 0; i < 60; ++i) {
    quiet.step(0.0);
    asking.step(-50.0);
    EXPECT_DOUBLE_EQ(asking.link_V(), quiet.link_V());
    EXPECT_NEAR(asking.last.inverter_A, 0.0, 1e-9);
  }
  EXPECT_NEAR(asking.link_V(), kPackV, 0.05 * kPackV);
}

TEST(TWIN_dc_bus, a_discharging_inverter_cannot_pull_the_bus_below_zero) {
  OnePack p = tied(gates(true, true));
  p.path.configure_short_circuit(1e6, 300);
  const BranchResult r = p.step(-1e5);
  EXPECT_DOUBLE_EQ(p.link_V(), 0.0);
  EXPECT_NEAR(r.current_A, -kPackV / kBranchOhm, 1e-6);  // all the pack can give at 0 V
  EXPECT_NEAR(p.last.inverter_A, r.current_A - 0.010 * kPackV / kDt, 1e-3);  // and the link
}

TEST(TWIN_dc_bus, a_reversed_source_pulls_the_bus_below_zero_against_any_inverter) {
  OnePack p = tied(gates(true, false));
  PortState port;
  port.reverse_V = 24.0;
  p.step(-80.0, port);
  p.step(-80.0, port);
  EXPECT_NEAR(p.link_V(), -24.0, 1e-3);
  EXPECT_NEAR(p.last.inverter_A, 0.0, 1e-9);
  EXPECT_NEAR(p.last.fault_A, -p.last.link_A, 1e-9);
}

// The bus as the tests' own arithmetic sees it: the link's current from its voltage, the
// faults' from theirs, each pack's from its law.
double link_current_A(double before_V, double after_V, bool precharging) {
  return 0.010 * (after_V - before_V) / kDt + (precharging ? 0.0 : after_V / 3000.0);
}

TEST(TWIN_dc_bus, PA_4_branch_currents_sum_to_the_inverter_current_every_step) {
  constexpr std::size_t kPacks = 6;
  BankRig b(kPacks);
  for (std::size_t i = 0; i < kPacks; ++i) {
    b.branches[i].pack_V = kPackV + 0.3 * static_cast<double>(i);
    b.branches[i].cable_ohm = kCableOhm * (1 + 0.2 * static_cast<double>(i));
  }
  b.tie();
  std::uint32_t seed = 12345;
  auto next = [&seed](int n) {  // a small linear congruential sequence, fixed for the test
    seed = seed * 1664525u + 1013904223u;
    return static_cast<int>((seed >> 8) % static_cast<std::uint32_t>(n));
  };
  const hal::SwitchCommand choices[] = {gates(true, true),        gates(true, false),
                                        gates(false, true),       gates(false, true, false, true),
                                        gates(true, false, true), gates(false, false)};
  for (int step = 0; step < 3000; ++step) {
    if (step % 40 == 0) b.paths[next(kPacks)].command(choices[next(6)]);
    const double request_A = next(401) - 200.0;
    PortState port;
    port.source_V = request_A > 0 ? 54.0 + next(4) : 0.0;
    if (step % 500 == 499) port.short_mOhm = 20.0;
    const double before_V = b.bus.bus_V();
    const BusResult r = b.step(request_A, port);
    bool precharging = false;
    for (const auto& p : b.paths) precharging = precharging || p.precharging();
    const double link_A = link_current_A(before_V, r.bus_V, precharging);
    const double fault_A = port.short_mOhm > 0 ? r.bus_V / 0.020 : 0.0;
    EXPECT_NEAR(b.packs_A() + link_A + fault_A, r.inverter_A, 1e-6) << step;
    // A charging inverter moves what it asks unless the bus reaches its voltage (or packs
    // above it hold the bus there); below 20 A holding its own link may take more.
    if (request_A >= 20 && r.bus_V < port.source_V) {
      EXPECT_NEAR(r.inverter_A, request_A, 1e-6) << step;
    }
    for (std::size_t i = 0; i < kPacks; ++i) {
      const Branch& br = b.branches[i];
      const BranchLaw law = br.path->law(br.pack_V, br.pack_ohm + br.cable_ohm);
      EXPECT_NEAR(b.results[i].current_A, law.current_A(r.bus_V), 1e-9) << step << " " << i;
    }
  }
}

TEST(TWIN_dc_bus, thirty_two_different_packs_solve_exactly) {
  BankRig b(kMaxBranches);
  for (std::size_t i = 0; i < kMaxBranches; ++i) {
    const double x = static_cast<double>(i);
    b.branches[i].pack_V = kPackV + 0.05 * x;
    b.branches[i].pack_ohm = kPackOhm * (1 + 0.03 * x);
  }
  b.tie();
  for (std::size_t i = 0; i < kMaxBranches; i += 4) b.paths[i].command(gates(false, true));
  for (std::size_t i = 2; i < kMaxBranches; i += 4) b.paths[i].command(gates(true, false));
  for (const double request_A : {-800.0, -100.0, 0.0, 150.0, 600.0}) {
    PortState port;
    port.source_V = request_A > 0 ? 56.0 : 0.0;
    const BusResult r = b.steady(request_A, port);
    EXPECT_EQ(r.trips, 0);
    EXPECT_NEAR(r.inverter_A, request_A, 1e-6);
    EXPECT_NEAR(b.packs_A(), request_A - r.link_A, 1e-6);
    for (std::size_t i = 0; i < kMaxBranches; ++i) {
      const Branch& br = b.branches[i];
      const BranchLaw law = br.path->law(br.pack_V, br.pack_ohm + br.cable_ohm);
      EXPECT_NEAR(b.results[i].current_A, law.current_A(r.bus_V), 1e-9) << i;
    }
  }
}

}  // namespace
}  // namespace lfpbms::sim
