// An aged pack (soh_pct) and a known initial imbalance (imbalance_pct): what the twin knows and
// the firmware has to find out, drawn without disturbing the rest of the pack.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sim/pack/pack.hpp"

namespace lfpbms::sim {
namespace {

PackSetup uniform_setup(double soc = 0.5) {
  PackSetup s;
  s.initial_soc = soc;
  s.initial_soc_spread_pct = 0;
  s.capacity_spread_pct = 0;
  s.resistance_spread_pct = 0;
  s.self_discharge_pct_month = 0;
  return s;
}

std::vector<double> socs(const Pack& p) {
  std::vector<double> v;
  for (std::size_t i = 0; i < p.series_count(); ++i) v.push_back(p.cell(i).soc());
  return v;
}

TEST(TWIN_pack_health, soh_scales_every_cells_capacity_but_not_its_resistance) {
  PackSetup s = uniform_setup();
  s.soh_pct = 80;
  Pack aged(s, 100, 16, Random(1));
  for (std::size_t i = 0; i < 16; ++i) {
    EXPECT_DOUBLE_EQ(aged.cell(i).params().capacity_Ah, 80.0);
    EXPECT_DOUBLE_EQ(aged.cell(i).params().r0_mOhm, 0.45);
  }
}

TEST(TWIN_pack_health, soh_keeps_the_capacity_spread_of_each_cell) {
  PackSetup s;  // the default spread
  Pack fresh(s, 100, 16, Random(2));
  s.soh_pct = 90;
  Pack aged(s, 100, 16, Random(2));
  for (std::size_t i = 0; i < 16; ++i) {
    EXPECT_NEAR(aged.cell(i).params().capacity_Ah, 0.9 * fresh.cell(i).params().capacity_Ah, 1e-9);
    EXPECT_EQ(aged.cell(i).soc(), fresh.cell(i).soc());
  }
}

TEST(TWIN_pack_health, imbalance_spreads_the_socs_evenly_over_the_range) {
  PackSetup s = uniform_setup(0.5);
  s.imbalance_pct = 5;
  Pack p(s, 100, 16, Random(3));
  std::vector<double> v = socs(p);
  std::sort(v.begin(), v.end());
  EXPECT_NEAR(v.back() - v.front(), 0.05, 1e-12);
  for (std::size_t i = 0; i < v.size(); ++i) {
    EXPECT_NEAR(v[i], 0.475 + 0.05 * static_cast<double>(i) / 15.0, 1e-12) << i;
  }
}

TEST(TWIN_pack_health, the_seed_shuffles_which_cell_is_high_or_low) {
  PackSetup s = uniform_setup(0.5);
  s.imbalance_pct = 5;
  const std::vector<double> a = socs(Pack(s, 100, 16, Random(4)));
  EXPECT_EQ(a, socs(Pack(s, 100, 16, Random(4))));
  const std::vector<double> b = socs(Pack(s, 100, 16, Random(5)));
  EXPECT_NE(a, b);
  EXPECT_FALSE(std::is_sorted(a.begin(), a.end()));
}

TEST(TWIN_pack_health, imbalance_adds_to_the_random_spread_and_leaves_the_other_draws) {
  PackSetup s;  // default spreads
  Pack plain(s, 100, 16, Random(6));
  s.imbalance_pct = 10;
  Pack skewed(s, 100, 16, Random(6));
  std::vector<double> offsets;
  for (std::size_t i = 0; i < 16; ++i) {
    EXPECT_EQ(skewed.cell(i).params().capacity_Ah, plain.cell(i).params().capacity_Ah);
    EXPECT_EQ(skewed.cell(i).params().r0_mOhm, plain.cell(i).params().r0_mOhm);
    offsets.push_back(skewed.cell(i).soc() - plain.cell(i).soc());
  }
  std::sort(offsets.begin(), offsets.end());
  EXPECT_NEAR(offsets.front(), -0.05, 1e-12);
  EXPECT_NEAR(offsets.back(), 0.05, 1e-12);
}

TEST(TWIN_pack_health, imbalance_is_clamped_at_empty_and_full) {
  PackSetup s = uniform_setup(0.99);
  s.imbalance_pct = 10;
  Pack p(s, 100, 16, Random(7));
  EXPECT_DOUBLE_EQ(p.max_cell_soc(), 1.0);
  EXPECT_NEAR(p.min_cell_soc(), 0.94, 1e-12);
}

}  // namespace
}  // namespace lfpbms::sim
