// Whole cycles on a cell that behaves as the estimator's model (TrueCell): the SOC follows the
// truth (SE-1), and one full cycle teaches the capacity of a pack whose rating is wrong (SE-2).
// 4 identical cells, 25 °C, ticked once a second.
#include <gtest/gtest.h>

#include <cmath>

#include "estimation/pack_estimator.hpp"
#include "estimation_rig.hpp"
#include "fake_hardware.hpp"

namespace lfpbms::testing {
namespace {

constexpr TimeMs kSecondMs = 1000;

struct CycleRun {
  CycleRun(float true_Ah, float start_soc) : pack(board, 2, 100000, 80) {
    cell.capacity_Ah = true_Ah;
    cell.soc = start_soc;
    pack.load(100000);
    tick(0);
  }
  // One second at `current_A`, keeping the worst |reported - true| SOC seen, pptt.
  void tick(float current_A) {
    const float V = cell.step(current_A, 1.0f);
    m = pack_of(4, static_cast<std::uint16_t>(std::lround(V * 1000.0f)),
                static_cast<std::int32_t>(std::lround(current_A * 1000.0f)));
    now += kSecondMs;
    pack.update(now, m, kSecondMs, 0);
    const float error = std::fabs(static_cast<float>(pack.soc().soc_pptt()) - cell.soc * 1e4f);
    if (error > worst_pptt) worst_pptt = error;
  }
  void charge_to(float soc, float current_A) {
    while (cell.soc < soc) tick(current_A);
  }
  void discharge_to(float soc, float current_A) {
    while (cell.soc > soc) tick(-current_A);
  }
  void rest_s(int seconds) {
    for (int s = 0; s < seconds; ++s) tick(0);
  }

  fakes::FakeBoard board;
  PackEstimator pack;
  TrueCell cell;
  Measurements m;
  TimeMs now = 0;
  float worst_pptt = 0;
};

TEST(SE_1_soc_tracking, follows_a_discharge_from_full_within_2_percent) {
  CycleRun run(100.0f, 0.6f);
  run.charge_to(1.0f, 50.0f);
  run.pack.calibrate_full(run.now);
  run.rest_s(1800);
  run.worst_pptt = 0;
  run.discharge_to(0.05f, 50.0f);
  run.rest_s(1800);
  EXPECT_LT(run.worst_pptt, 200.0f);
}

TEST(SE_1_soc_tracking, finds_the_soc_from_a_wrong_start_at_the_knee) {
  CycleRun run(100.0f, 0.3f);  // starts on the plateau: the voltage says little
  run.discharge_to(0.06f, 20.0f);
  run.rest_s(3600);
  EXPECT_NEAR(run.pack.soc().soc_pptt(), run.cell.soc * 1e4f, 200.0f);
}

// Full at 40 A, then down to empty at `discharge_A` on a cell that holds 80 Ah where 100 are
// rated; the status afterwards.
BmsStatus learn_one_cycle(CycleRun& run, float discharge_A) {
  run.charge_to(1.0f, 40.0f);
  run.pack.calibrate_full(run.now);
  EXPECT_EQ(run.pack.take_events(), 0) << "one end is no segment";
  run.rest_s(600);
  run.discharge_to(0.0f, discharge_A);
  run.pack.calibrate_empty(run.now);  // the under-voltage protection at the knee
  EXPECT_EQ(run.pack.take_events(), kCapacityLearned);
  BmsStatus s;
  run.pack.report(s);
  return s;
}

TEST(SE_2_learning, one_full_cycle_teaches_a_wrong_rating_most_of_the_way) {
  CycleRun run(80.0f, 0.6f);
  const BmsStatus s = learn_one_cycle(run, 16.0f);  // 0.2C
  EXPECT_NEAR(s.full_capacity_mAh, 80000, 2000);
  EXPECT_NEAR(s.soh_pptt, 8000, 200);
}

// At 0.5C one cycle moves a 25 % wrong rating only about halfway (90.5 Ah): the filter reaches
// the empty knee with its SOC 11-15 % high yet a σ of 0.56 %, and the last "confident" point
// (estimate ~11 %, truth ~0) ends the first segment. Known weakness (docs/estimation.md, Open);
// further cycles finish the job (the aged-pack scenario: 1.4 % after 10).
TEST(SE_2_learning, one_full_cycle_at_half_c_moves_a_wrong_rating_at_least_halfway) {
  CycleRun run(80.0f, 0.6f);
  const BmsStatus s = learn_one_cycle(run, 40.0f);  // 0.5C
  EXPECT_LT(s.full_capacity_mAh, 91000);
  EXPECT_GT(s.full_capacity_mAh, 78000);
}

TEST(SE_2_learning, the_learned_capacity_survives_a_reset) {
  CycleRun run(80.0f, 0.6f);
  learn_one_cycle(run, 16.0f);
  ASSERT_TRUE(run.pack.save(run.now));
  const std::int32_t learned = run.pack.soc().capacity_mAh();
  ASSERT_LT(learned, 95000);
  PackEstimator after(run.board, 2, 100000, 80);
  after.load(100000);
  BmsStatus s;
  after.report(s);
  EXPECT_NEAR(s.full_capacity_mAh, learned, 1);
  EXPECT_NEAR(s.soh_pptt, learned / 10, 1);
}

}  // namespace
}  // namespace lfpbms::testing
