// Weak-cell detection alongside balancing (BA-1): a cell that leaks charge by itself or holds
// less than the others is named, and charge the balancer bled from the cells is not mistaken
// for a leak. 8 cells sampled once a minute; cell 5 (index 4) is the suspect.
#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "estimation/weak_cell_detector.hpp"

namespace lfpbms::testing {
namespace {

constexpr std::uint8_t kCells = 8;
constexpr std::uint8_t kCell5 = 4;
constexpr std::uint16_t kAllButCell5 = 0xFF & ~(1u << kCell5);
constexpr TimeMs kMinuteMs = 60000;
constexpr int kMinutesPerDay = 1440;

// Fills each cell's SOC relative to the median at `day` (fractional days since the start).
using Relative = std::function<void(double day, float* relative)>;

struct Detector {
  WeakCellDetector detector;
  int minute = 0;
  std::uint16_t bleed_mask = 0;
  float bleed_per_day = 0;

  // Samples once a minute for `days`; the balancer bleeds as set.
  void run_days(double days, const Relative& relative, float pack_soc = 0.3f) {
    const int end = minute + static_cast<int>(days * kMinutesPerDay);
    for (; minute < end; ++minute) {
      float rel[kCells] = {};
      relative(static_cast<double>(minute) / kMinutesPerDay, rel);
      if (bleed_mask != 0) detector.bled(bleed_mask, bleed_per_day / kMinutesPerDay);
      detector.sample(static_cast<TimeMs>(minute) * kMinuteMs, rel, kCells, pack_soc);
    }
  }
  // One sample of the next day closes the day before.
  void close_day(const Relative& relative, float pack_soc = 0.3f) {
    run_days(1.0 / kMinutesPerDay, relative, pack_soc);
  }
};

const Relative kAllEqual = [](double, float* rel) {
  for (std::uint8_t i = 0; i < kCells; ++i) rel[i] = 0;
};
// Cell 5 loses 1 % a day against the others.
const Relative kCell5Leaks = [](double day, float* rel) {
  kAllEqual(day, rel);
  rel[kCell5] = static_cast<float>(-0.01 * day);
};

TEST(BA_1_weak_cell, a_cell_losing_1_percent_a_day_is_named_after_min_days) {
  Detector d;
  d.run_days(WeakCellDetector::kMinDays - 1, kCell5Leaks);
  d.close_day(kCell5Leaks);
  EXPECT_EQ(d.detector.weak_cell(), 0) << "too few days to judge a slope";
  d.run_days(1, kCell5Leaks);
  EXPECT_EQ(d.detector.weak_cell(), 5);
  EXPECT_NEAR(d.detector.drift_pptt_day(kCell5), 100, 2);
  EXPECT_NEAR(d.detector.drift_pptt_day(0), 0, 1);
}

TEST(BA_1_weak_cell, the_drift_holds_over_a_week_and_more) {
  Detector d;
  d.run_days(10, kCell5Leaks);
  d.close_day(kCell5Leaks);
  EXPECT_EQ(d.detector.weak_cell(), 5);
  EXPECT_NEAR(d.detector.drift_pptt_day(kCell5), 100, 2);
}

TEST(BA_1_weak_cell, a_slow_leak_below_the_limit_is_not_named) {
  const Relative slow = [](double day, float* rel) {
    kAllEqual(day, rel);
    rel[kCell5] = static_cast<float>(-0.003 * day);  // 0.3 %/day, limit 0.5 %/day
  };
  Detector d;
  d.run_days(7, slow);
  d.close_day(slow);
  EXPECT_EQ(d.detector.weak_cell(), 0);
  EXPECT_NEAR(d.detector.drift_pptt_day(kCell5), 30, 2);
}

TEST(BA_1_weak_cell, healthy_cells_with_noise_are_not_named) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> noise(-0.005f, 0.005f);
  const Relative noisy = [&](double, float* rel) {
    for (std::uint8_t i = 0; i < kCells; ++i) rel[i] = noise(rng);
  };
  Detector d;
  d.run_days(8, noisy);
  d.close_day(noisy);
  EXPECT_EQ(d.detector.weak_cell(), 0);
  for (std::uint8_t i = 0; i < kCells; ++i) {
    EXPECT_LT(std::abs(d.detector.drift_pptt_day(i)), 5) << "cell " << int{i};
    EXPECT_LT(d.detector.capacity_deficit(i), 0.02f);
  }
}

TEST(BA_1_weak_cell, a_cell_15_percent_low_near_empty_is_named_for_capacity) {
  const Relative low = [](double day, float* rel) {
    kAllEqual(day, rel);
    rel[kCell5] = -0.15f;
  };
  Detector d;
  d.run_days(1, low, 0.2f);
  d.close_day(low, 0.2f);
  EXPECT_EQ(d.detector.weak_cell(), 5);
  // Matched at the top, 15 % apart 80 % below it: it holds 0.15 / 0.8 less.
  EXPECT_NEAR(d.detector.capacity_deficit(kCell5), 0.1875f, 0.005f);
  EXPECT_EQ(d.detector.drift_pptt_day(kCell5), 0) << "a steady offset is no leak";
}

TEST(BA_1_weak_cell, an_offset_near_full_says_nothing_about_capacity) {
  const Relative low = [](double day, float* rel) {
    kAllEqual(day, rel);
    rel[kCell5] = -0.15f;
  };
  Detector d;
  d.run_days(1, low, 0.7f);
  d.close_day(low, 0.7f);
  EXPECT_EQ(d.detector.weak_cell(), 0);
}

TEST(BA_1_weak_cell, cells_rising_because_the_others_were_bled_are_not_named) {
  // The balancer bleeds every cell but 5 by 1 % a day: against the median, cell 5 rises. That
  // is the balancer's doing, not a leak in the others.
  const Relative rises = [](double day, float* rel) {
    kAllEqual(day, rel);
    rel[kCell5] = static_cast<float>(0.01 * day);
  };
  Detector d;
  d.bleed_mask = kAllButCell5;
  d.bleed_per_day = 0.01f;
  d.run_days(5, rises);
  d.close_day(rises);
  EXPECT_EQ(d.detector.weak_cell(), 0);
  for (std::uint8_t i = 0; i < kCells; ++i) {
    EXPECT_NEAR(d.detector.drift_pptt_day(i), 0, 2) << "cell " << int{i};
  }
}

TEST(BA_1_weak_cell, a_leak_the_balancer_keeps_up_with_is_still_named) {
  // Cell 5 leaks 1 % a day and the balancer bleeds all the others as much: the cells stay
  // matched, and only the bleed tells that cell 5 lost its charge by itself.
  Detector d;
  d.bleed_mask = kAllButCell5;
  d.bleed_per_day = 0.01f;
  d.run_days(5, kAllEqual);
  d.close_day(kAllEqual);
  EXPECT_EQ(d.detector.weak_cell(), 5);
  EXPECT_NEAR(d.detector.drift_pptt_day(kCell5), 100, 2);
}

TEST(BA_1_weak_cell, days_with_too_few_samples_do_not_count) {
  Detector d;
  // One sample an hour: fewer than kMinSamplesPerDay on most of the days.
  const int per_day = WeakCellDetector::kMinSamplesPerDay - 1;
  for (int day = 0; day < 6; ++day) {
    for (int s = 0; s < per_day; ++s) {
      float rel[kCells] = {};
      rel[kCell5] = -0.01f * static_cast<float>(day);
      const TimeMs now = static_cast<TimeMs>(day * kMinutesPerDay + s * 60) * kMinuteMs;
      d.detector.sample(now, rel, kCells, 0.3f);
    }
  }
  EXPECT_EQ(d.detector.weak_cell(), 0);
  EXPECT_EQ(d.detector.drift_pptt_day(kCell5), 0);
}

TEST(BA_1_weak_cell, restored_drift_names_the_cell_at_once) {
  WeakCellDetector detector;
  std::int16_t drift[kMaxCells] = {};
  drift[2] = 80;
  detector.restore(drift, kCells);
  EXPECT_EQ(detector.weak_cell(), 3);
  EXPECT_EQ(detector.drift_pptt_day(2), 80);
  drift[2] = 40;  // below the limit
  detector.restore(drift, kCells);
  EXPECT_EQ(detector.weak_cell(), 0);
}

TEST(BA_1_weak_cell, median_of_takes_the_middle_or_the_upper_middle) {
  const float odd[] = {3.0f, -1.0f, 2.0f};
  EXPECT_EQ(median_of(odd, 3), 2.0f);
  const float even[] = {4.0f, 1.0f, 3.0f, 2.0f};
  EXPECT_EQ(median_of(even, 4), 3.0f);
  const float one[] = {-0.5f};
  EXPECT_EQ(median_of(one, 1), -0.5f);
  float sixteen[kMaxCells];
  for (int i = 0; i < kMaxCells; ++i) sixteen[i] = static_cast<float>(15 - i);
  EXPECT_EQ(median_of(sixteen, kMaxCells), 8.0f);
  EXPECT_EQ(sixteen[0], 15.0f) << "the input is left in its order";
}

}  // namespace
}  // namespace lfpbms::testing
