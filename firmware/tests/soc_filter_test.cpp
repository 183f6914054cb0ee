// The model-based correction of the SOC (SE-1): the filter pulls a wrong counted SOC toward the
// truth where the OCV curve is steep, refuses to chase a biased model on the flat plateau, and
// keeps an honest uncertainty. Voltages come from lfp_ocv itself, so the model is exact except
// where a test adds an error on purpose.
#include <gtest/gtest.h>

#include <cmath>

#include "estimation/lfp_ocv.hpp"
#include "estimation/soc_filter.hpp"

namespace lfpbms::testing {
namespace {

constexpr float kCapacity_As = 100.0f * 3600.0f;  // 100 Ah
constexpr float kR0_ohm = 0.00045f;

// A filter at rest (no current, hysteresis between the branches) on a 100 Ah cell, stepped once
// a second with the counted SOC plus every correction so far.
struct FilterRun {
  SocFilter filter;
  float counted_soc;
  float correction = 0;  // sum of dsoc

  FilterRun(float counted, float sigma) : counted_soc(counted) {
    filter.reset(sigma, 0.0001f, 0.05f);
  }
  float soc() const { return counted_soc + correction; }
  void run_s(int seconds, float cell_V, float current_A = 0) {
    for (int i = 0; i < seconds; ++i) {
      counted_soc += current_A / kCapacity_As;
      FilterInputs in;
      in.current_A = current_A;
      in.cell_V = cell_V;
      in.soc = soc();
      in.capacity_As = kCapacity_As;
      in.r0_ohm = kR0_ohm;
      in.charge_efficiency = 1.0f;
      correction += filter.step(in, 0.0f).dsoc;
    }
  }
};

float rest_V(float soc) {
  return lfp_ocv(soc, 25.0f, 0.0f).V;
}

TEST(SE_1_soc_filter, pulls_a_wrong_count_to_the_truth_on_the_empty_knee) {
  FilterRun run(0.15f, 0.05f);  // counted 5 % high
  run.run_s(1, rest_V(0.10f));
  EXPECT_LT(run.correction, 0.0f) << "the first step already moves toward the truth";
  run.run_s(3600, rest_V(0.10f));
  EXPECT_NEAR(run.soc(), 0.10f, 0.01f);
}

TEST(SE_1_soc_filter, pulls_a_wrong_count_to_the_truth_near_full) {
  FilterRun run(0.92f, 0.05f);  // counted 5 % low
  run.run_s(1, rest_V(0.97f));
  EXPECT_GT(run.correction, 0.0f);
  run.run_s(3600, rest_V(0.97f));
  EXPECT_NEAR(run.soc(), 0.97f, 0.01f);
}

TEST(SE_1_soc_filter, a_correct_count_stays_put_on_the_knee) {
  FilterRun run(0.05f, 0.02f);
  run.run_s(3600, rest_V(0.05f));
  EXPECT_NEAR(run.soc(), 0.05f, 0.001f);
}

TEST(SE_1_soc_filter, does_not_chase_a_biased_model_on_the_plateau) {
  // 2 mV of model error at 50 % SOC "means" several percent of SOC; an hour of it must move the
  // estimate by a small part of that: the error lasts, it does not average out.
  const float error_V = 0.002f;
  const float implied = error_V / lfp_ocv(0.5f, 25.0f, 0.0f).dV_dsoc;
  ASSERT_GT(implied, 0.03f);
  FilterRun run(0.5f, 0.02f);
  run.run_s(3600, rest_V(0.5f) + error_V);
  EXPECT_GT(run.correction, 0.0f);
  EXPECT_LT(run.correction, 0.01f) << "implied by the voltage: " << implied;
  EXPECT_LT(run.correction, implied / 4.0f);
}

TEST(SE_1_soc_filter, uncertainty_grows_while_counting_on_the_plateau) {
  FilterRun run(0.4f, 0.01f);
  const float before = run.filter.soc_sigma();
  // 1C for 12 minutes across the plateau (40 % -> 60 %): at this current the model's voltage is
  // worth little (resistance and polarisation known to a quarter and a third).
  for (int minute = 0; minute < 12; ++minute) {
    const float V = lfp_ocv(run.counted_soc, 25.0f, 1.0f).V + 2.33f * kR0_ohm * 100.0f;
    run.run_s(60, V, 100.0f);
  }
  EXPECT_GT(run.filter.soc_sigma(), before);
}

TEST(SE_1_soc_filter, uncertainty_shrinks_on_a_steep_part) {
  FilterRun run(0.05f, 0.05f);
  run.run_s(600, rest_V(0.05f));
  EXPECT_LT(run.filter.soc_sigma(), 0.02f);
}

TEST(SE_1_soc_filter, anchor_sets_the_uncertainty) {
  SocFilter f;
  f.reset(0.2f, 0.0001f, 0.05f);
  EXPECT_NEAR(f.soc_sigma(), 0.2f, 1e-4f);
  f.anchor(0.005f);
  EXPECT_NEAR(f.soc_sigma(), 0.005f, 1e-5f);
}

TEST(SE_1_soc_filter, hysteresis_reaches_the_charge_branch_after_3_percent) {
  FilterRun run(0.5f, 0.02f);
  EXPECT_EQ(run.filter.hysteresis(), 0.0f);
  // 10 A on 100 Ah: 3 % in 1080 s.
  run.run_s(1080, rest_V(0.5f), 10.0f);
  EXPECT_GE(run.filter.hysteresis(), 0.94f);
  run.run_s(1080, rest_V(0.5f), -10.0f);
  EXPECT_LE(run.filter.hysteresis(), -0.9f);
}

TEST(SE_1_soc_filter, polarisation_follows_the_current_and_relaxes_at_rest) {
  FilterRun run(0.5f, 0.02f);
  run.run_s(3600, rest_V(0.5f), -50.0f);
  // Both RC pairs settled: (R1 + R2) * I.
  EXPECT_NEAR(run.filter.polarisation_V(), -1.33f * kR0_ohm * 50.0f, 0.001f);
  run.run_s(3600, rest_V(0.5f));
  EXPECT_NEAR(run.filter.polarisation_V(), 0.0f, 0.0005f);
}

}  // namespace
}  // namespace lfpbms::testing
