// The cells in series: their spread, the pack's usable SOC, the balancing bleed, the BMS's own
// draw, the resistance and the heat.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/pack/pack.hpp"

namespace lfpbms::sim {
namespace {

// Identical cells: no spread, no self-discharge, so charge balances are exact.
PackSetup uniform_setup(double soc = 0.5) {
  PackSetup s;
  s.initial_soc = soc;
  s.initial_soc_spread_pct = 0;
  s.capacity_spread_pct = 0;
  s.resistance_spread_pct = 0;
  s.self_discharge_pct_month = 0;
  return s;
}

const std::vector<double> kAt25C(16, 25.0);

struct Moments {
  double mean = 0, sigma = 0;
};

Moments moments(const std::vector<double>& v) {
  double sum = 0, sq = 0;
  for (double x : v) sum += x;
  const double mean = sum / static_cast<double>(v.size());
  for (double x : v) sq += (x - mean) * (x - mean);
  return {mean, std::sqrt(sq / static_cast<double>(v.size() - 1))};
}

TEST(TWIN_pack, builds_the_series_count_asked_for) {
  for (std::uint8_t n : {4, 8, 15, 16}) {
    Pack p(PackSetup{}, 100, n, Random(1));
    EXPECT_EQ(p.series_count(), n);
  }
}

TEST(TWIN_pack, spread_of_capacity_resistance_soc_and_self_discharge_follows_the_setup) {
  PackSetup s;  // defaults: capacity 1.5 %, resistance 8 %, SOC 1 % around 0.6, 2 %/month
  std::vector<double> cap, r0, soc, sd;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    Pack p(s, 100, 16, Random(seed));
    for (std::size_t i = 0; i < p.series_count(); ++i) {
      cap.push_back(p.cell(i).params().capacity_Ah);
      r0.push_back(p.cell(i).params().r0_mOhm);
      soc.push_back(p.cell(i).soc());
      sd.push_back(p.cell(i).params().self_discharge_pct_month);
    }
  }
  // 3200 cells: the sample sigma is within ~2.5 % of the true one (1 sigma of the estimate).
  const Moments c = moments(cap);
  EXPECT_NEAR(c.mean, 100.0, 0.15);
  EXPECT_NEAR(c.sigma, 1.5, 0.1);
  const Moments r = moments(r0);
  EXPECT_NEAR(r.mean, 0.45, 0.005);
  EXPECT_NEAR(r.sigma, 0.45 * 0.08, 0.003);
  const Moments q = moments(soc);
  EXPECT_NEAR(q.mean, 0.6, 0.001);
  EXPECT_NEAR(q.sigma, 0.01, 0.0007);
  const Moments d = moments(sd);
  EXPECT_NEAR(d.mean, 2.0, 0.05);
  EXPECT_NEAR(d.sigma, 0.6, 0.05);
  for (double x : sd) ASSERT_GE(x, 0.2 * 2.0 - 1e-12);  // never below a fifth of the setting
}

TEST(TWIN_pack, no_spread_gives_identical_cells) {
  Pack p(uniform_setup(0.4), 100, 16, Random(3));
  for (std::size_t i = 0; i < 16; ++i) {
    EXPECT_DOUBLE_EQ(p.cell(i).params().capacity_Ah, 100.0);
    EXPECT_DOUBLE_EQ(p.cell(i).params().r0_mOhm, 0.45);
    EXPECT_DOUBLE_EQ(p.cell(i).soc(), 0.4);
    EXPECT_DOUBLE_EQ(p.cell(i).params().self_discharge_pct_month, 0.0);
  }
  EXPECT_DOUBLE_EQ(p.min_cell_soc(), 0.4);
  EXPECT_DOUBLE_EQ(p.max_cell_soc(), 0.4);
  EXPECT_NEAR(p.usable_soc(), 0.4, 1e-12);
}

TEST(TWIN_pack, initial_soc_is_clamped_to_zero_and_one) {
  PackSetup s = uniform_setup(1.0);
  s.initial_soc_spread_pct = 5;
  Pack p(s, 100, 16, Random(4));
  for (std::size_t i = 0; i < 16; ++i) EXPECT_LE(p.cell(i).soc(), 1.0);
  EXPECT_DOUBLE_EQ(p.max_cell_soc(), 1.0);
  s.initial_soc = 0.0;
  Pack empty(s, 100, 16, Random(4));
  for (std::size_t i = 0; i < 16; ++i) EXPECT_GE(empty.cell(i).soc(), 0.0);
  EXPECT_DOUBLE_EQ(empty.min_cell_soc(), 0.0);
}

TEST(TWIN_pack, resistance_scales_inversely_with_capacity) {
  Pack p100(uniform_setup(), 100, 16, Random(5));
  Pack p200(uniform_setup(), 200, 16, Random(5));
  EXPECT_DOUBLE_EQ(p200.cell(0).params().r0_mOhm, 0.225);
  EXPECT_DOUBLE_EQ(p200.cell(0).params().r1_mOhm, 0.125);
  EXPECT_DOUBLE_EQ(p200.cell(0).params().r2_mOhm, 0.175);
  EXPECT_NEAR(p100.resistance_ohm() - 16 * 0.1e-3, 2 * (p200.resistance_ohm() - 16 * 0.1e-3),
              1e-12);
}

TEST(TWIN_pack, resistance_is_the_sum_of_the_cells_and_the_interconnects) {
  Pack p(PackSetup{}, 100, 16, Random(6));
  double sum = 16 * kInterconnect_mOhm / 1000.0;
  for (std::size_t i = 0; i < 16; ++i) sum += p.cell(i).r0_ohm();
  EXPECT_NEAR(p.resistance_ohm(), sum, 1e-15);
  Pack u(uniform_setup(), 100, 16, Random(6));
  EXPECT_NEAR(u.resistance_ohm(), 16 * (0.45e-3 + 0.1e-3), 1e-12);  // mid SOC, 25 °C
}

TEST(TWIN_pack, voltages_are_the_sums_of_the_cells) {
  Pack p(PackSetup{}, 100, 16, Random(7));
  double internal = 0;
  for (std::size_t i = 0; i < 16; ++i) internal += p.cell(i).internal_V();
  EXPECT_NEAR(p.internal_V(), internal, 1e-12);
  EXPECT_NEAR(p.terminal_V(50.0), internal + 50.0 * p.resistance_ohm(), 1e-12);
  EXPECT_NEAR(p.terminal_V(-50.0), internal - 50.0 * p.resistance_ohm(), 1e-12);
  EXPECT_NEAR(p.cell_V(3, 20.0), p.cell(3).internal_V() + 20.0 * p.cell(3).r0_ohm(), 1e-15);
  EXPECT_GT(p.internal_V(), 16 * 3.2);
  EXPECT_LT(p.internal_V(), 16 * 3.4);
}

TEST(TWIN_pack, usable_soc_is_one_when_any_cell_is_full) {
  Pack p(uniform_setup(0.5), 100, 16, Random(8));
  p.cell(11).set_soc(1.0);
  EXPECT_DOUBLE_EQ(p.usable_soc(), 1.0);
  p.cell(11).set_soc(1.02);  // over-charged: no room left either
  EXPECT_DOUBLE_EQ(p.usable_soc(), 1.0);
}

TEST(TWIN_pack, usable_soc_is_zero_when_one_cell_is_empty) {
  Pack p(uniform_setup(0.7), 100, 16, Random(9));
  p.cell(4).set_soc(0.0);
  EXPECT_DOUBLE_EQ(p.usable_soc(), 0.0);
  p.cell(4).set_soc(-0.02);
  EXPECT_DOUBLE_EQ(p.usable_soc(), 0.0);
  p.cell(0).set_soc(1.0);  // one full and one empty: nothing usable either way
  EXPECT_DOUBLE_EQ(p.usable_soc(), 0.0);
}

TEST(TWIN_pack, usable_soc_is_charge_to_empty_over_the_usable_span) {
  Pack p(uniform_setup(0.5), 100, 16, Random(10));
  p.cell(2).set_soc(0.3);  // the first to run empty: 30 Ah left
  p.cell(9).set_soc(0.8);  // the first to fill: 20 Ah of room
  EXPECT_NEAR(p.usable_soc(), 30.0 / (30.0 + 20.0), 1e-12);
  EXPECT_DOUBLE_EQ(p.min_cell_soc(), 0.3);
  EXPECT_DOUBLE_EQ(p.max_cell_soc(), 0.8);
}

TEST(TWIN_pack, usable_soc_weighs_the_cells_by_their_capacity) {
  PackSetup s = uniform_setup(0.5);
  s.capacity_spread_pct = 3;
  Pack p(s, 100, 16, Random(11));
  double to_empty = 1e9, to_full = 1e9;
  for (std::size_t i = 0; i < 16; ++i) {
    const double cap = p.cell(i).params().capacity_Ah;
    to_empty = std::min(to_empty, 0.5 * cap);
    to_full = std::min(to_full, 0.5 * cap);
  }
  EXPECT_NEAR(p.usable_soc(), 0.5, 1e-12);  // the same smallest cell on both sides
  p.cell(0).set_soc(0.4);
  const double cap0 = p.cell(0).params().capacity_Ah;
  to_empty = std::min(to_empty, 0.4 * cap0);
  to_full = std::min(to_full, 0.6 * cap0);
  EXPECT_NEAR(p.usable_soc(), to_empty / (to_empty + to_full), 1e-12);
}

TEST(TWIN_pack, bleed_drains_only_the_masked_cells_by_80_mA) {
  Pack p(uniform_setup(0.5), 100, 16, Random(12));
  p.set_balancing(0b1000'0000'0000'0101);  // cells 1, 3 and 16
  EXPECT_EQ(p.balancing(), 0b1000'0000'0000'0101);
  constexpr double kDt = 0.1;
  constexpr int kSteps = 36000;  // one hour
  for (int i = 0; i < kSteps; ++i) p.step(0.0, 0.0, kDt, kAt25C);
  for (std::size_t i = 0; i < 16; ++i) {
    const bool bled = i == 0 || i == 2 || i == 15;
    const double lost_Ah = (0.5 - p.cell(i).soc()) * p.cell(i).capacity_Ah();
    EXPECT_NEAR(lost_Ah, bled ? kBleed_A : 0.0, 1e-9) << "cell " << i + 1;
  }
}

TEST(TWIN_pack, bleed_comes_on_top_of_the_stack_current) {
  Pack p(uniform_setup(0.5), 100, 16, Random(13));
  p.set_balancing(0b10);
  for (int i = 0; i < 3600; ++i) p.step(-20.0, 0.0, 1.0, kAt25C);
  EXPECT_NEAR((0.5 - p.cell(0).soc()) * 100.0, 20.0, 1e-9);
  EXPECT_NEAR((0.5 - p.cell(1).soc()) * 100.0, 20.0 + kBleed_A, 1e-9);
}

TEST(TWIN_pack, bms_draw_comes_from_every_cell) {
  Pack p(uniform_setup(0.5), 100, 16, Random(14));
  for (int i = 0; i < 3600; ++i) p.step(0.0, kBmsRunning_A, 10.0, kAt25C);  // 10 hours
  for (std::size_t i = 0; i < 16; ++i) {
    EXPECT_NEAR((0.5 - p.cell(i).soc()) * 100.0, 10 * kBmsRunning_A, 1e-9);
  }
  Pack asleep(uniform_setup(0.5), 100, 16, Random(14));
  for (int i = 0; i < 3600; ++i) asleep.step(0.0, kBmsSleeping_A, 10.0, kAt25C);
  EXPECT_NEAR((0.5 - asleep.cell(7).soc()) * 100.0, 10 * kBmsSleeping_A, 1e-10);
}

TEST(TWIN_pack, bms_draw_is_taken_from_a_charge_current) {
  Pack p(uniform_setup(0.5), 100, 16, Random(15));
  for (int i = 0; i < 3600; ++i) p.step(10.0, 0.025, 1.0, kAt25C);
  // 9.975 A reach the cells, of which the coulombic efficiency (0.99 at 25 °C) is stored.
  EXPECT_NEAR((p.cell(5).soc() - 0.5) * 100.0, 9.975 * 0.99, 1e-9);
}

TEST(TWIN_pack, sms5_figures_are_below_the_requirement) {
  EXPECT_LT(kBmsRunning_A, 0.030);
  EXPECT_DOUBLE_EQ(kBmsSleeping_A, 100e-6);
  EXPECT_DOUBLE_EQ(kBleed_A, 0.080);
}

TEST(TWIN_pack, heat_is_the_cells_plus_the_interconnects) {
  Pack p(PackSetup{}, 100, 16, Random(16));
  p.step(-100.0, 0.0, 0.1, kAt25C);
  double cells = 0;
  for (std::size_t i = 0; i < 16; ++i) cells += p.cell(i).heat_W();
  EXPECT_NEAR(p.heat_W(), cells + 100.0 * 100.0 * 16 * kInterconnect_mOhm / 1000.0, 1e-9);
  EXPECT_GT(p.heat_W(), 100.0 * 100.0 * 16 * 0.45e-3 * 0.8);  // at least the cells' I^2 R0
  p.step(0.0, 0.0, 0.1, kAt25C);
  EXPECT_LT(p.heat_W(), 1.0);  // only the RC pairs relaxing
}

TEST(TWIN_pack, cells_follow_their_own_temperature) {
  Pack p(uniform_setup(0.5), 100, 4, Random(17));
  p.step(0.0, 0.0, 0.1, {25.0, 25.0, -15.0, 25.0});
  EXPECT_GT(p.cell(2).r0_ohm(), 5 * p.cell(0).r0_ohm());  // ×7 at -15 °C
}

TEST(TWIN_pack, same_seed_same_pack) {
  Pack a(PackSetup{}, 100, 16, Random(18));
  Pack b(PackSetup{}, 100, 16, Random(18));
  Pack c(PackSetup{}, 100, 16, Random(19));
  bool differs = false;
  for (std::size_t i = 0; i < 16; ++i) {
    EXPECT_EQ(a.cell(i).soc(), b.cell(i).soc());
    EXPECT_EQ(a.cell(i).params().capacity_Ah, b.cell(i).params().capacity_Ah);
    differs |= a.cell(i).soc() != c.cell(i).soc();
  }
  EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace lfpbms::sim
