// SPEC §6 in the twin: packs with their own firmware on one DC bus and one internal bus, the
// master speaking for them to the inverter, a pack joining later.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/profile/product_profile.hpp"
#include "sim/runner/simulation.hpp"

namespace lfpbms::sim {
namespace {

Scenario bank_of(int packs, const char* profile = "VT-12040-1") {
  Scenario s = default_scenario();
  s.profile = profile;
  s.days = 1;
  s.bank.packs = packs;
  s.site.pv_peak_kW = 0;  // night: a steady discharge
  s.site.load_daily_kWh *= packs;
  s.inverter.max_discharge_A *= packs;
  return s;
}

void run_s(Simulation& sim, double seconds) {
  const double until = sim.t_s() + seconds;
  while (sim.t_s() < until - 1e-9) sim.step();
}

TEST(PA_1_twin, a_lone_pack_of_a_dip_product_stands_alone) {
  Simulation sim(bank_of(1), load_profile("VT-12040-1"));
  run_s(sim, 2);
  const PackUnit& u = sim.bank().unit(0);
  EXPECT_EQ(u.node->role(), BankRole::Alone);
  EXPECT_EQ(u.node->address(), 0);
  EXPECT_EQ(sim.system_view().member_count, 1);
}

TEST(PA_2_twin, the_inverter_is_told_the_sum_of_the_healthy_packs) {
  Simulation sim(bank_of(3), load_profile("VT-12040-1"));
  run_s(sim, 20);
  const protocol::SystemBlock& view = sim.system_view();
  EXPECT_EQ(view.member_count, 3);
  EXPECT_EQ(view.healthy_count, 3);
  std::int32_t dcl = 0;
  double full = 0, weighted = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    const BmsStatus& st = sim.bank().unit(i).bms->status();
    EXPECT_EQ(sim.bank().unit(i).node->role(), i == 0 ? BankRole::Master : BankRole::Slave);
    dcl += st.limits.discharge_current_limit_mA;
    full += st.full_capacity_mAh;
    weighted += static_cast<double>(st.soc_pptt) * st.full_capacity_mAh;
  }
  // The slaves' values are the master's last poll (at most a second old): a tolerance.
  EXPECT_NEAR(view.discharge_current_limit_mA, dcl, 0.02 * dcl);
  EXPECT_NEAR(view.soc_pptt, weighted / full, 20);
}

TEST(PA_4_twin, the_load_is_shared_by_every_pack) {
  Simulation sim(bank_of(3), load_profile("VT-12040-1"));
  run_s(sim, 60);
  double total = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    const double a = sim.bank().unit(i).last.current_A;
    EXPECT_LT(a, -0.5) << "pack " << i + 1 << " takes its share";
    total += a;
  }
  EXPECT_NEAR(total, sim.bank().unit(0).last.current_A * 3, 0.5 * std::abs(total));
}

TEST(PA_4_twin, a_pack_joining_far_below_the_bank_charges_through_its_limiter) {
  Scenario s = bank_of(3);
  s.pack.initial_soc = 0.9;
  BankPackSetup late;
  late.index = 3;
  late.initial_soc = 0.03;
  late.joins_at_s = 30;
  s.bank.packs_setup.push_back(late);
  Simulation sim(s, load_profile("VT-12040-1"));
  run_s(sim, 29);
  EXPECT_FALSE(sim.bank().unit(2).bms) << "switched off until it joins";
  EXPECT_DOUBLE_EQ(sim.bank().unit(2).last.current_A, 0.0);
  run_s(sim, 30);
  const PackUnit& u = sim.bank().unit(2);
  ASSERT_TRUE(u.bms);
  EXPECT_TRUE(u.path.gates().charge_limiter);
  EXPECT_FALSE(u.path.gates().charge_fet);
  EXPECT_GT(u.last.current_A, 15.0);
  EXPECT_LE(u.last.current_A, 20.5) << "the limiter holds the equalizing current";
  EXPECT_EQ(sim.violations().size(), 0u);
}

TEST(PA_1_twin, more_packs_than_the_profile_allows_are_refused) {
  EXPECT_THROW(Simulation(bank_of(16), load_profile("VT-12040-1")), ScenarioError);
}

}  // namespace
}  // namespace lfpbms::sim
