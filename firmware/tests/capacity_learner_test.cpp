// The learned full-charge capacity behind SOH (SE-2): a segment between two well-known SOCs is
// one measurement of the capacity, weighed by a scalar Kalman filter. A pack rated 100 Ah that
// really holds 80 Ah.
#include <gtest/gtest.h>

#include "estimation/capacity_learner.hpp"
#include "estimation_rig.hpp"

namespace lfpbms::testing {
namespace {

constexpr float kTrue_Ah = 80.0f;

// A point at `soc` on the true 80 Ah cell, with the charge counted out of it since 100 %.
CapacityPoint at(float soc, float sigma = 0.01f) {
  const float counted_Ah = (soc - 1.0f) * kTrue_Ah;
  return {soc, sigma, static_cast<std::int64_t>(counted_Ah * static_cast<float>(kAh_mAms))};
}

CapacityLearner rated_100Ah() {
  CapacityLearner learner;
  learner.reset(100.0f, 10.0f);
  return learner;
}

TEST(SE_2_capacity, one_full_cycle_moves_a_wrong_rating_most_of_the_way) {
  CapacityLearner learner = rated_100Ah();
  EXPECT_FALSE(learner.anchor(at(1.0f, 0.005f)));  // full charge: the first end
  EXPECT_TRUE(learner.anchor(at(0.1f)));           // the discharge knee
  EXPECT_NEAR(learner.capacity_Ah(), kTrue_Ah, 1.0f);
  EXPECT_EQ(learner.segments(), 1);
  EXPECT_LT(learner.sigma_Ah(), 2.0f);
}

TEST(SE_2_capacity, a_second_segment_refines_it) {
  CapacityLearner learner = rated_100Ah();
  learner.anchor(at(1.0f, 0.005f));
  learner.anchor(at(0.1f));
  const float first_sigma = learner.sigma_Ah();
  EXPECT_TRUE(learner.anchor(at(1.0f, 0.005f)));  // charged back up: the same segment reversed
  EXPECT_NEAR(learner.capacity_Ah(), kTrue_Ah, 0.3f);
  EXPECT_EQ(learner.segments(), 2);
  EXPECT_LT(learner.sigma_Ah(), first_sigma);
}

TEST(SE_2_capacity, poorly_known_ends_move_it_less) {
  CapacityLearner sure = rated_100Ah();
  sure.anchor(at(1.0f, 0.01f));
  sure.anchor(at(0.1f, 0.01f));
  CapacityLearner unsure = rated_100Ah();
  unsure.anchor(at(1.0f, 0.1f));
  unsure.anchor(at(0.1f, 0.1f));
  EXPECT_LT(unsure.capacity_Ah(), 100.0f);
  EXPECT_GT(unsure.capacity_Ah(), sure.capacity_Ah() + 2.0f);
}

TEST(SE_2_capacity, a_short_segment_is_ignored) {
  CapacityLearner learner = rated_100Ah();
  learner.anchor(at(0.7f));
  const float near = 0.7f - CapacityLearner::kMinSpan + 0.02f;  // just short of kMinSpan
  EXPECT_FALSE(learner.anchor(at(near)));
  EXPECT_EQ(learner.capacity_Ah(), 100.0f);
  EXPECT_EQ(learner.segments(), 0);
}

TEST(SE_2_capacity, an_implausible_segment_is_ignored) {
  CapacityLearner learner = rated_100Ah();
  learner.anchor({1.0f, 0.005f, 0});
  // 60 Ah counted over 0.9: 66.7 Ah, a third below the learned value. A broken segment.
  EXPECT_FALSE(learner.anchor({0.1f, 0.01f, -60 * kAh_mAms}));
  EXPECT_EQ(learner.capacity_Ah(), 100.0f);
  EXPECT_EQ(learner.segments(), 0);
  // 140 Ah: also out.
  learner.anchor({1.0f, 0.005f, 0});
  EXPECT_FALSE(learner.anchor({0.1f, 0.01f, -126 * kAh_mAms}));
  EXPECT_EQ(learner.capacity_Ah(), 100.0f);
}

TEST(SE_2_capacity, the_farthest_confident_point_is_kept_and_used) {
  CapacityLearner learner = rated_100Ah();
  learner.anchor(at(1.0f, 0.005f));
  const float farthest = 0.4f;
  learner.observe(at(0.5f), true);
  learner.observe(at(farthest), true);
  learner.observe(at(farthest + 0.05f), true);  // nearer, and not yet turned back
  // Recharged to just past kMinSpan above the farthest point: anchor -> farthest -> here are two
  // segments. Had the nearer point replaced it, the second would be too short to count.
  EXPECT_TRUE(learner.anchor(at(farthest + CapacityLearner::kMinSpan + 0.02f)));
  EXPECT_EQ(learner.segments(), 2);
  EXPECT_NEAR(learner.capacity_Ah(), kTrue_Ah, 1.0f);
}

TEST(SE_2_capacity, unconfident_points_are_no_ends) {
  CapacityLearner learner = rated_100Ah();
  learner.anchor(at(1.0f, 0.005f));
  learner.observe(at(0.3f, 0.05f), false);
  learner.observe(at(0.8f, 0.05f), false);  // would be a turn, had 0.3 been kept
  EXPECT_EQ(learner.segments(), 0);
  EXPECT_FALSE(learner.anchor(at(0.9f)));  // 1.0 -> 0.9: too short
  EXPECT_EQ(learner.capacity_Ah(), 100.0f);
}

TEST(SE_2_capacity, partial_cycles_learn_at_their_turns_without_a_full_charge) {
  // A pack that is never full: 90 % -> 20 % -> 90 % -> 80 %, confident at the ends (the
  // filter on the sloped parts). Each turn back by kTurnBack closes a segment.
  CapacityLearner learner = rated_100Ah();
  const float back = CapacityLearner::kTurnBack + 0.02f;
  EXPECT_FALSE(learner.observe(at(0.9f), true));  // the first confident point opens it
  EXPECT_FALSE(learner.observe(at(0.2f), true));
  EXPECT_TRUE(learner.observe(at(0.2f + back), true));  // turned: 0.9 -> 0.2 learned
  EXPECT_EQ(learner.segments(), 1);
  EXPECT_NEAR(learner.capacity_Ah(), kTrue_Ah, 1.0f);
  EXPECT_FALSE(learner.observe(at(0.9f), true));
  EXPECT_TRUE(learner.observe(at(0.9f - back), true));  // turned at the top: 0.2 -> 0.9
  EXPECT_EQ(learner.segments(), 2);
  EXPECT_NEAR(learner.capacity_Ah(), kTrue_Ah, 0.5f);
}

TEST(SE_2_capacity, a_small_wobble_is_no_turn) {
  CapacityLearner learner = rated_100Ah();
  learner.observe(at(0.9f), true);
  learner.observe(at(0.5f), true);
  EXPECT_FALSE(learner.observe(at(0.5f + CapacityLearner::kTurnBack / 2), true));
  EXPECT_EQ(learner.segments(), 0);
}

TEST(SE_2_capacity, a_confident_point_opens_the_segment_without_a_calibration) {
  CapacityLearner learner = rated_100Ah();
  learner.observe(at(0.9f), true);
  EXPECT_TRUE(learner.anchor(at(0.0f)));  // the knee: 0.9 -> 0
  EXPECT_NEAR(learner.capacity_Ah(), kTrue_Ah, 1.0f);
}

TEST(SE_2_capacity, forget_segment_drops_the_open_end) {
  CapacityLearner learner = rated_100Ah();
  learner.anchor(at(1.0f, 0.005f));
  learner.forget_segment();  // e.g. the count was interrupted
  EXPECT_FALSE(learner.anchor(at(0.1f)));
  EXPECT_EQ(learner.capacity_Ah(), 100.0f);
}

}  // namespace
}  // namespace lfpbms::testing
