// The built-in demo: a spring week in a family home, valid by the same rules as a file.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sim/scenario/scenario.hpp"

namespace lfpbms::sim {
namespace {

TEST(TWIN_scenario_default, is_the_solar_home_demo) {
  const Scenario s = default_scenario();
  EXPECT_EQ(s.source, "built-in");
  EXPECT_EQ(s.profile, "VE-ESS-R5120");
  EXPECT_EQ(s.days, 7.0);
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.ambient.mean_C, 16.0);
  EXPECT_EQ(s.ambient.day_swing_C, 5.0);
  EXPECT_EQ(s.site.cloudiness, 0.35);
  EXPECT_EQ(s.site.load_daily_kWh, 9.0);
  EXPECT_TRUE(s.site.grid);
  EXPECT_FALSE(s.site.generator);
  EXPECT_TRUE(s.inverter.follows_bms);
  EXPECT_TRUE(s.faults.empty());
  EXPECT_TRUE(s.params.empty());
}

TEST(TWIN_scenario_default, expects_accurate_soc_and_a_full_charge) {
  const Scenario s = default_scenario();
  ASSERT_EQ(s.expectations.size(), 2u);
  const Expectation& soc = s.expectations[0];
  EXPECT_EQ(soc.kind, Expectation::Kind::Metric);
  EXPECT_EQ(soc.subject, "soc_max_err_pct");
  EXPECT_EQ(soc.max, 10.0);
  EXPECT_FALSE(soc.min);
  const Expectation& full = s.expectations[1];
  EXPECT_EQ(full.kind, Expectation::Kind::EventCount);
  EXPECT_EQ(full.subject, "system:FullyCharged");
  EXPECT_EQ(full.min, 1.0);
  EXPECT_EQ(full.text, "system:FullyCharged at least 1");
}

TEST(TWIN_scenario_default, fault_kind_names_are_unique_and_parse) {
  std::set<std::string> names;
  for (int k = 0; k <= static_cast<int>(FaultKind::DcDisconnect); ++k) {
    const std::string name = fault_kind_name(static_cast<FaultKind>(k));
    EXPECT_NE(name, "unknown");
    EXPECT_TRUE(names.insert(name).second) << name;
    // Each name is accepted as an event code for an injected fault.
    EXPECT_NO_THROW(parse_scenario("[[expect]]\nevent = \"fault:" + name + "\"\n", "t.toml"))
        << name;
  }
  EXPECT_STREQ(fault_kind_name(FaultKind::CellLeak), "cell_leak");
  EXPECT_STREQ(fault_kind_name(FaultKind::ChargerOverVoltage), "charger_over_voltage");
  EXPECT_STREQ(fault_kind_name(FaultKind::LinkDown), "link_down");
}

}  // namespace
}  // namespace lfpbms::sim
