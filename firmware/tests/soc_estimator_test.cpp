// State of charge (SE-1): exact coulomb counting through the charge efficiency, calibration to
// 100 % at full without a visible jump, the start from a resting voltage, and what happens when
// a reading cannot be trusted. 4 cells of 100 Ah at 25 °C, ticked every 100 ms.
#include <gtest/gtest.h>

#include <cstdlib>

#include "estimation/soc_estimator.hpp"
#include "estimation_rig.hpp"

namespace lfpbms::testing {
namespace {

constexpr std::int32_t k100Ah_mAh = 100000;
constexpr TimeMs kMinuteMs = 60000;

struct EstimatorRun {
  SocEstimator soc{k100Ah_mAh};
  Measurements m;

  // Started from 4 cells resting at `start_mV` (3.3 V: about 54 %, on the plateau).
  explicit EstimatorRun(std::uint16_t start_mV = 3300) : m(pack_of(4, start_mV)) { soc.start(m); }
  void run_ms(TimeMs ms, std::int32_t current_mA) {
    m.current_mA = m.current_raw_mA = current_mA;
    for (TimeMs t = 0; t < ms; t += 100) soc.update(m, 100);
  }
  // The cells stop reading: the voltage filter stays out, only counting moves the estimate.
  void lose_cells() { m.faults = kCellAdc; }
};

TEST(SE_1_soc_estimator, charging_counts_through_the_efficiency) {
  EstimatorRun run;
  run.lose_cells();
  const std::int32_t before = run.soc.estimate_pptt();
  run.run_ms(kMsPerHour, 10000);  // 10 Ah into 100 Ah at 99 %
  EXPECT_EQ(run.soc.estimate_pptt() - before, 990);
  EXPECT_EQ(run.soc.soc_pptt() - before, 990);
  EXPECT_EQ(run.soc.counted_mAms(), 99 * kAh_mAms / 10);
}

TEST(SE_1_soc_estimator, discharging_counts_the_full_amount) {
  EstimatorRun run;
  run.lose_cells();
  const std::int32_t before = run.soc.estimate_pptt();
  run.run_ms(kMsPerHour, -10000);
  EXPECT_EQ(before - run.soc.estimate_pptt(), 1000);
  EXPECT_EQ(run.soc.counted_mAms(), -10 * kAh_mAms);
}

TEST(SE_1_soc_estimator, counted_charge_takes_only_the_offset_from_the_filter) {
  EstimatorRun run;  // cells valid: the filter corrects the estimate, the count only by the
                     // sensor offset it learns (the rig's cells do not rise with the charge)
  run.run_ms(kMsPerHour, 10000);
  EXPECT_NEAR(static_cast<double>(run.soc.counted_mAms()), 9.9 * kAh_mAms, 0.001 * kAh_mAms);
  EXPECT_LT(std::abs(run.soc.current_offset_mA()), 10);
}

TEST(SE_1_soc_estimator, cold_charge_counts_less_and_the_cold_capacity_moves_faster) {
  EstimatorRun cold;
  cold.m = pack_of(4, 3300, 0, -150);  // -15 °C: efficiency 0.97, capacity 0.965
  cold.soc.start(cold.m);
  cold.lose_cells();
  const std::int32_t before = cold.soc.estimate_pptt();
  cold.run_ms(kMsPerHour, 10000);
  EXPECT_NEAR(cold.soc.estimate_pptt() - before, 1005, 2);  // 10 % * 0.97 / 0.965
}

TEST(SE_1_soc_estimator, invalid_current_is_not_counted) {
  EstimatorRun run;
  const std::int32_t before = run.soc.estimate_pptt();
  run.m.faults = kCurrentSensor;
  run.run_ms(10 * kMinuteMs, 50000);
  EXPECT_EQ(run.soc.estimate_pptt(), before);
  EXPECT_EQ(run.soc.counted_mAms(), 0);
}

TEST(SE_1_soc_estimator, full_calibration_reaches_100_percent_without_a_jump) {
  EstimatorRun run;
  run.lose_cells();
  const std::int32_t start = run.soc.soc_pptt();
  ASSERT_LT(start, 9000);
  run.soc.calibrate_full();
  EXPECT_EQ(run.soc.estimate_pptt(), kFullSoc_pptt);
  EXPECT_EQ(run.soc.soc_pptt(), start) << "the display follows, it does not jump";
  std::int32_t last = start;
  int minutes = 0;
  while (run.soc.soc_pptt() < kFullSoc_pptt && minutes < 200) {
    run.run_ms(kMinuteMs, 0);
    const std::int32_t step = run.soc.soc_pptt() - last;
    EXPECT_GE(step, 0);
    EXPECT_LE(step, 91) << "at most 0.9 % a minute";
    last = run.soc.soc_pptt();
    ++minutes;
  }
  EXPECT_EQ(run.soc.soc_pptt(), kFullSoc_pptt);
  EXPECT_LE(minutes, (kFullSoc_pptt - start) / 90 + 1);
}

TEST(SE_1_soc_estimator, empty_calibration_sets_zero) {
  EstimatorRun run;
  run.lose_cells();
  const std::int32_t start = run.soc.soc_pptt();
  run.soc.calibrate_empty();
  EXPECT_EQ(run.soc.estimate_pptt(), 0);
  run.run_ms(30 * kMinuteMs, 0);
  EXPECT_NEAR(run.soc.soc_pptt(), start - 30 * 90, 30) << "down at 0.9 % a minute";
  run.run_ms(start / 90 * kMinuteMs, 0);
  EXPECT_EQ(run.soc.soc_pptt(), 0);
}

TEST(SE_1_soc_estimator, set_capacity_keeps_the_soc) {
  EstimatorRun run;
  run.lose_cells();
  run.run_ms(kMsPerHour, -20000);
  const std::int32_t shown = run.soc.soc_pptt();
  const std::int32_t estimate = run.soc.estimate_pptt();
  run.soc.set_capacity(80000);
  EXPECT_EQ(run.soc.capacity_mAh(), 80000);
  EXPECT_NEAR(run.soc.soc_pptt(), shown, 1);
  EXPECT_NEAR(run.soc.estimate_pptt(), estimate, 1);
  // From now on an ampere-hour is 1.25 % of it.
  run.run_ms(kMsPerHour, -8000);
  EXPECT_NEAR(run.soc.estimate_pptt(), estimate - 1000, 1);
}

TEST(SE_1_soc_estimator, remaining_is_the_reported_soc_of_the_capacity) {
  EstimatorRun run;
  // 100 Ah at 25 °C: 10 mAh a pptt.
  EXPECT_NEAR(run.soc.remaining_mAh(), run.soc.soc_pptt() * 10, 10);
}

TEST(SE_1_soc_estimator, starts_from_the_resting_voltage_on_the_knees) {
  for (const float soc : {0.05f, 0.08f, 0.98f}) {
    EstimatorRun run(ocv_mV(soc));
    EXPECT_NEAR(run.soc.estimate_pptt(), soc * 10000.0f, 100.0f) << soc;
    EXPECT_EQ(run.soc.soc_pptt(), run.soc.estimate_pptt());
    EXPECT_TRUE(run.soc.started());
  }
}

TEST(SE_1_soc_estimator, a_start_on_the_plateau_is_doubted_more_than_on_the_knee) {
  EstimatorRun plateau(ocv_mV(0.6f));
  EstimatorRun knee(ocv_mV(0.05f));
  EXPECT_GT(plateau.soc.soc_sigma_pptt(), 4 * knee.soc.soc_sigma_pptt());
}

TEST(SE_1_soc_estimator, a_wrong_restored_soc_is_corrected_on_the_knee_within_the_slew_limit) {
  EstimatorRun run(ocv_mV(0.05f));
  run.soc.restore(1500, 500);  // believed 15 % ± 5 %; the cells rest at 5 %
  std::int32_t last = run.soc.soc_pptt();
  for (int minute = 0; minute < 60; ++minute) {
    run.run_ms(kMinuteMs, 0);
    EXPECT_LE(last - run.soc.soc_pptt(), 91) << "minute " << minute;
    last = run.soc.soc_pptt();
  }
  EXPECT_NEAR(run.soc.estimate_pptt(), 500, 100);
  EXPECT_NEAR(run.soc.soc_pptt(), 500, 100);
}

TEST(SE_1_soc_estimator, a_cell_far_below_the_others_sets_the_soc_near_empty) {
  // The pack is empty when its lowest cell is.
  Measurements m = pack_of(4, ocv_mV(0.3f));
  set_cell(m, 2, ocv_mV(0.05f));
  SocEstimator soc(k100Ah_mAh);
  soc.start(m);
  EXPECT_LT(soc.estimate_pptt(), 1000);
}

}  // namespace
}  // namespace lfpbms::testing
