// One pack's switch assembly on its own: the current-voltage law it gives the bus for each
// state of its gates, welded FETs, and the comparator. The circuit around it is tested with
// the bus (sim/bank/tests).
#include <gtest/gtest.h>

#include "sim/pack/power_path.hpp"
#include "sim/pack/tests/gates.hpp"

namespace lfpbms::sim {
namespace {

constexpr double kPackV = 51.2;
constexpr double kSeriesOhm = 0.0105;             // pack and cable
constexpr double kOhm = kSeriesOhm + 2 * 1.2e-3;  // and both FETs

BranchLaw law_for(const hal::SwitchCommand& c) {
  PowerPath p;
  p.command(c);
  return p.law(kPackV, kSeriesOhm);
}

TEST(TWIN_power_path_law, both_fets_closed_is_a_resistor) {
  const BranchLaw law = law_for(gates(true, true));
  EXPECT_DOUBLE_EQ(law.current_A(kPackV), 0.0);
  EXPECT_NEAR(law.current_A(kPackV + 1.0), 1.0 / kOhm, 1e-9);
  EXPECT_NEAR(law.current_A(kPackV - 1.0), -1.0 / kOhm, 1e-9);
  EXPECT_NEAR(law.slope_S(kPackV, true), 1 / kOhm, 1e-9);  // the discharge side of the kink
  EXPECT_NEAR(law.slope_S(kPackV, false), 1 / kOhm, 1e-9);
}

TEST(TWIN_power_path_law, an_open_fet_leaves_its_diode_in_the_other_direction) {
  const BranchLaw chg_only = law_for(gates(true, false));
  EXPECT_DOUBLE_EQ(chg_only.current_A(kPackV + 0.7), 0.0);
  EXPECT_NEAR(chg_only.current_A(kPackV + 1.7), 1.0 / kOhm, 1e-9);
  EXPECT_DOUBLE_EQ(chg_only.current_A(0.0), 0.0);
  const BranchLaw dsg_only = law_for(gates(false, true));
  EXPECT_DOUBLE_EQ(dsg_only.current_A(kPackV + 5.0), 0.0);
  EXPECT_DOUBLE_EQ(dsg_only.current_A(kPackV - 0.7), 0.0);
  EXPECT_NEAR(dsg_only.current_A(kPackV - 1.7), -1.0 / kOhm, 1e-9);
  const BranchLaw open = law_for(gates(false, false));
  EXPECT_DOUBLE_EQ(open.current_A(0.0), 0.0);
  EXPECT_DOUBLE_EQ(open.current_A(100.0), 0.0);
  EXPECT_DOUBLE_EQ(open.slope_S(kPackV, true), 0.0);
}

TEST(TWIN_power_path_law, limiter_caps_and_precharge_limits) {
  const BranchLaw lim = law_for(gates(false, true, false, true));
  EXPECT_NEAR(lim.current_A(kPackV + 0.1), 0.1 / kOhm, 1e-9);
  EXPECT_DOUBLE_EQ(lim.current_A(kPackV + 5.0), 20.0);
  EXPECT_DOUBLE_EQ(lim.slope_S(kPackV + 5.0, true), 0.0);
  const BranchLaw pre = law_for(gates(true, false, true));
  EXPECT_NEAR(pre.current_A(0.0), -kPackV / (100.0 + kOhm), 1e-9);
  EXPECT_DOUBLE_EQ(law_for(gates(false, false, true, true)).current_A(kPackV + 0.5), 0.0);
}

TEST(TWIN_power_path_law, welded_fets_conduct_and_the_comparator_cannot_open_them) {
  PowerPath p;
  p.set_stuck_discharge(true);
  EXPECT_TRUE(p.discharge_closed());
  EXPECT_LT(p.law(kPackV, kSeriesOhm).current_A(kPackV - 1.0), 0.0);
  EXPECT_FALSE(p.sense(-5000.0));
  EXPECT_TRUE(p.discharge_closed());
  p.command(gates(true, true));
  EXPECT_TRUE(p.sense(5000.0));  // a charge current crosses the charge FET: it opens
  EXPECT_FALSE(p.charge_closed());
  EXPECT_TRUE(p.discharge_closed());
  EXPECT_FALSE(p.sense(5000.0));  // already tripped
}

TEST(TWIN_power_path_law, a_tripped_path_passes_nothing_until_both_fets_are_commanded_open) {
  PowerPath p;
  p.command(gates(true, true, true, true));
  EXPECT_TRUE(p.sense(-300.0));  // the default threshold
  EXPECT_TRUE(p.tripped());
  EXPECT_FALSE(p.limiting());
  EXPECT_FALSE(p.precharging());
  const BranchLaw law = p.law(kPackV, kSeriesOhm);
  EXPECT_DOUBLE_EQ(law.current_A(0.0), 0.0);
  EXPECT_DOUBLE_EQ(law.current_A(100.0), 0.0);
  p.command(gates(false, true));
  EXPECT_TRUE(p.tripped());
  p.command(gates(false, false));
  EXPECT_FALSE(p.tripped());
}

}  // namespace
}  // namespace lfpbms::sim
