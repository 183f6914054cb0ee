// The keys of the accuracy scenarios: an aged pack, a known imbalance and the front end's
// errors ([sensors]) read into the struct; left out, they keep today's twin.
#include <gtest/gtest.h>

#include "sim/scenario/scenario.hpp"

namespace lfpbms::sim {
namespace {

TEST(TWIN_scenario_health, soh_and_imbalance_read_into_the_pack) {
  const Scenario s = parse_scenario(R"toml(
[pack]
soh_pct = 80
imbalance_pct = 5.5
initial_soc_spread_pct = 0
)toml",
                                    "t.toml");
  EXPECT_EQ(s.pack.soh_pct, 80.0);
  EXPECT_EQ(s.pack.imbalance_pct, 5.5);
  EXPECT_EQ(s.pack.initial_soc_spread_pct, 0.0);
}

TEST(TWIN_scenario_health, soh_and_imbalance_take_their_bounds) {
  const Scenario low = parse_scenario("[pack]\nsoh_pct = 50\nimbalance_pct = 0\n", "t.toml");
  EXPECT_EQ(low.pack.soh_pct, 50.0);
  EXPECT_EQ(low.pack.imbalance_pct, 0.0);
  const Scenario high = parse_scenario("[pack]\nsoh_pct = 100\nimbalance_pct = 20\n", "t.toml");
  EXPECT_EQ(high.pack.soh_pct, 100.0);
  EXPECT_EQ(high.pack.imbalance_pct, 20.0);
}

TEST(TWIN_scenario_health, sensor_errors_read_into_the_struct) {
  const Scenario s = parse_scenario(R"toml(
[sensors]
current_gain_error_pct = -1
current_offset_A = 0.3
cell_noise_mV = 5
cell_offset_mV = 2.5
temperature_error_C = 2
)toml",
                                    "t.toml");
  EXPECT_EQ(s.sensors.current_gain_error_pct, -1.0);
  EXPECT_EQ(s.sensors.current_offset_A, 0.3);
  EXPECT_EQ(s.sensors.cell_noise_mV, 5.0);
  EXPECT_EQ(s.sensors.cell_offset_mV, 2.5);
  EXPECT_EQ(s.sensors.temperature_error_C, 2.0);
}

TEST(TWIN_scenario_health, sensor_errors_left_out_stay_drawn) {
  const Scenario s = parse_scenario("[sensors]\ncurrent_offset_A = -5\n", "t.toml");
  EXPECT_EQ(s.sensors.current_offset_A, -5.0);
  EXPECT_FALSE(s.sensors.current_gain_error_pct);
  EXPECT_FALSE(s.sensors.cell_noise_mV);
  EXPECT_FALSE(s.sensors.cell_offset_mV);
  EXPECT_FALSE(s.sensors.temperature_error_C);
}

TEST(TWIN_scenario_health, an_empty_file_is_a_new_pack_and_the_boards_own_errors) {
  const Scenario s = parse_scenario("", "t.toml");
  EXPECT_EQ(s.pack.soh_pct, 100.0);
  EXPECT_EQ(s.pack.imbalance_pct, 0.0);
  EXPECT_FALSE(s.sensors.current_gain_error_pct);
  EXPECT_FALSE(s.sensors.current_offset_A);
  EXPECT_FALSE(s.sensors.cell_noise_mV);
  EXPECT_FALSE(s.sensors.cell_offset_mV);
  EXPECT_FALSE(s.sensors.temperature_error_C);
}

}  // namespace
}  // namespace lfpbms::sim
