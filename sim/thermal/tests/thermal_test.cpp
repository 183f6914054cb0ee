// The lumped thermal model: the block's steady rise and time constant, the gradient over the
// string, the heating film, the MOSFET node and the enclosure air.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/thermal/thermal.hpp"

namespace lfpbms::sim {
namespace {

// 16S 100 Ah: 1600 cell-Ah, the reference size.
constexpr double kBlock_J_per_K = 20.0 * 1.1 * 1.25 * 1600;  // 44 kJ/K
constexpr double kBlock_K_per_W = 1.0 / 5.0;                 // 5 W/K
constexpr double kTau_s = kBlock_J_per_K * kBlock_K_per_W;   // 8800 s

void run(Thermal& t, double seconds, double ambient_C, double cell_W, bool heater = false,
         double fet_W = 0, double dt_s = 1.0) {
  const long steps = std::lround(seconds / dt_s);
  for (long i = 0; i < steps; ++i) t.step(dt_s, ambient_C, cell_W, heater, fet_W);
}

TEST(TWIN_thermal, starts_everywhere_at_the_start_temperature) {
  Thermal t(100, 16, 12.5, Random(1));
  EXPECT_DOUBLE_EQ(t.block_C(), 12.5);
  EXPECT_DOUBLE_EQ(t.mosfet_C(), 12.5);
  EXPECT_DOUBLE_EQ(t.enclosure_C(), 12.5);
  ASSERT_EQ(t.cell_C().size(), 16u);
  for (double c : t.cell_C()) EXPECT_DOUBLE_EQ(c, 12.5);
}

TEST(TWIN_thermal, steady_state_rise_is_power_times_resistance) {
  Thermal t(100, 16, 20.0, Random(2));
  run(t, 20 * kTau_s, 20.0, 50.0, false, 0, 20.0);
  EXPECT_NEAR(t.block_C() - 20.0, 50.0 * kBlock_K_per_W, 1e-6);  // 10 K
}

TEST(TWIN_thermal, resistance_to_air_scales_with_the_square_root_of_size) {
  // Four times the cell-Ah: the case area (and so the conductance) doubles.
  Thermal t(400, 16, 20.0, Random(3));
  run(t, 20 * 4 * 2 * kTau_s, 20.0, 50.0, false, 0, 100.0);
  EXPECT_NEAR(t.block_C() - 20.0, 50.0 * kBlock_K_per_W / 2, 1e-6);
}

TEST(TWIN_thermal, block_follows_a_first_order_lag_with_tau_r_times_c) {
  Thermal t(100, 16, 20.0, Random(4));
  run(t, kTau_s, 20.0, 50.0);
  EXPECT_NEAR((t.block_C() - 20.0) / 10.0, 1 - std::exp(-1.0), 2e-4);
  run(t, 2 * kTau_s, 20.0, 50.0);
  EXPECT_NEAR((t.block_C() - 20.0) / 10.0, 1 - std::exp(-3.0), 2e-4);
}

TEST(TWIN_thermal, block_cools_towards_a_colder_ambient) {
  Thermal t(100, 16, 20.0, Random(5));
  run(t, kTau_s, 0.0, 0.0);
  EXPECT_NEAR(t.block_C(), 20.0 * std::exp(-1.0), 5e-3);
}

TEST(TWIN_thermal, middle_cells_run_warmer_than_the_outer_ones) {
  Thermal t(100, 16, 20.0, Random(6));
  run(t, 20 * kTau_s, 20.0, 50.0, false, 0, 20.0);
  const auto& c = t.cell_C();
  const double middle = (c[7] + c[8]) / 2;
  const double outer = (c[0] + c[15]) / 2;
  // shape +1 middle, -1 outer (±0.1 spread) times 8 % of the 10 K rise
  EXPECT_GT(middle - outer, 2 * 0.08 * 10 * 0.7);
  EXPECT_LT(middle - outer, 2 * 0.08 * 10 * 1.3);
  double mean = 0;
  for (double x : c) mean += x / 16;
  EXPECT_NEAR(mean, t.block_C(), 0.8);
  // No rise, no gradient.
  Thermal cold(100, 16, 20.0, Random(6));
  run(cold, 100, 20.0, 0.0);
  for (double x : cold.cell_C()) EXPECT_DOUBLE_EQ(x, 20.0);
}

TEST(TWIN_thermal, heater_power_follows_the_size) {
  EXPECT_DOUBLE_EQ(Thermal(100, 16, 20, Random(1)).heater_W(), 96.0);
  EXPECT_DOUBLE_EQ(Thermal(100, 4, 20, Random(1)).heater_W(), 24.0);
  EXPECT_DOUBLE_EQ(Thermal(200, 8, 20, Random(1)).heater_W(), 96.0);
}

// What the film adds to each cell over the block and its gradient; the gradient pattern comes
// from a twin of the same seed warmed by the cells' own heat.
std::vector<double> film_share(const Thermal& t, std::uint64_t seed, double ambient_C) {
  Thermal reference(100, 16, ambient_C, Random(seed));
  run(reference, 20 * kTau_s, ambient_C, 50.0, false, 0, 20.0);
  const double ref_rise = reference.block_C() - ambient_C;
  const double rise = t.block_C() - ambient_C;
  std::vector<double> share;
  for (std::size_t i = 0; i < 16; ++i) {
    const double shape = (reference.cell_C()[i] - reference.block_C()) / (0.08 * ref_rise);
    share.push_back(t.cell_C()[i] - t.block_C() - 0.08 * rise * shape);
  }
  return share;
}

TEST(TWIN_thermal, heater_raises_the_block_and_first_the_cells_it_touches) {
  Thermal t(100, 16, -10.0, Random(7));
  run(t, 600, -10.0, 0.0, true);
  // After 10 minutes the block has barely moved (~1.3 K); the cells under the film more.
  EXPECT_NEAR(t.block_C() + 10.0, 96.0 * kBlock_K_per_W * (1 - std::exp(-600 / kTau_s)), 1e-3);
  // The film's own share: 0.02 K/W, reached with a 600 s lag (stepwise: 1 - (1 - 1/600)^600).
  const double lag = 1 - std::pow(1 - 1.0 / 600, 600);
  for (double x : film_share(t, 7, -10.0)) EXPECT_NEAR(x, 96.0 * 0.02 * lag, 1e-6);
  // Steady: the block rises by P R, the cells by the film's 1.92 K on top.
  run(t, 20 * kTau_s, -10.0, 0.0, true, 0, 20.0);
  EXPECT_NEAR(t.block_C() + 10.0, 96.0 * kBlock_K_per_W, 1e-6);
  for (double x : film_share(t, 7, -10.0)) EXPECT_NEAR(x, 1.92, 1e-6);
  // Off again: the share fades with the same lag.
  run(t, 3600, -10.0, 0.0, false);
  for (double x : film_share(t, 7, -10.0))
    EXPECT_NEAR(x, 1.92 * std::pow(1 - 1.0 / 600, 3600), 1e-6);
}

TEST(TWIN_thermal, mosfet_node_rises_by_its_power_over_the_enclosure) {
  Thermal t(100, 16, 25.0, Random(8));
  run(t, 3000, 25.0, 0.0, false, 20.0);  // 20 tau of the node (150 s)
  // The block stays at ambient, so the enclosure does too: rise = 20 W * 0.6 K/W.
  EXPECT_NEAR(t.mosfet_C() - 25.0, 12.0, 1e-3);
  EXPECT_DOUBLE_EQ(t.enclosure_C(), 25.0);
}

TEST(TWIN_thermal, mosfet_node_has_a_time_constant_of_150_s) {
  Thermal t(100, 16, 25.0, Random(9));
  run(t, 150, 25.0, 0.0, false, 20.0, 0.1);
  EXPECT_NEAR((t.mosfet_C() - 25.0) / 12.0, 1 - std::exp(-1.0), 1e-3);
}

TEST(TWIN_thermal, enclosure_sits_30_percent_of_the_way_to_the_block) {
  Thermal t(100, 16, 20.0, Random(10));
  run(t, 20 * kTau_s, 20.0, 50.0, false, 0, 20.0);
  EXPECT_NEAR(t.enclosure_C(), 20.0 + 0.3 * (t.block_C() - 20.0), 1e-9);
  // and carries the MOSFET node with it
  EXPECT_NEAR(t.mosfet_C(), t.enclosure_C(), 1e-3);
}

TEST(TWIN_thermal, same_seed_same_gradient_pattern) {
  Thermal a(100, 16, 20.0, Random(11));
  Thermal b(100, 16, 20.0, Random(11));
  Thermal c(100, 16, 20.0, Random(12));
  run(a, 3600, 20.0, 500.0, false, 0, 10.0);
  run(b, 3600, 20.0, 500.0, false, 0, 10.0);
  run(c, 3600, 20.0, 500.0, false, 0, 10.0);
  EXPECT_EQ(a.cell_C(), b.cell_C());
  EXPECT_NE(a.cell_C(), c.cell_C());
}

}  // namespace
}  // namespace lfpbms::sim
