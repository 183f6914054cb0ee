#include "estimation/weak_cell_detector.hpp"

namespace lfpbms {

namespace {

constexpr std::int64_t kDayMs = 86400000;
constexpr float kDeficitGain = 0.05f;  // per sample: the capacity deficit moves slowly

// Least-squares slope of `y` over 0...n-1.
float slope(const float* y, int n) {
  const float mean_x = 0.5f * static_cast<float>(n - 1);
  float mean_y = 0;
  for (int i = 0; i < n; ++i) mean_y += y[i];
  mean_y /= static_cast<float>(n);
  float sxy = 0;
  float sxx = 0;
  for (int i = 0; i < n; ++i) {
    const float dx = static_cast<float>(i) - mean_x;
    sxy += dx * (y[i] - mean_y);
    sxx += dx * dx;
  }
  return sxx > 0 ? sxy / sxx : 0.0f;
}

}  // namespace

float median_of(const float* values, std::uint8_t count) {
  float sorted[kMaxCells];
  for (std::uint8_t i = 0; i < count; ++i) {  // insertion sort: 16 values at most
    std::uint8_t j = i;
    while (j > 0 && sorted[j - 1] > values[i]) {
      sorted[j] = sorted[j - 1];
      --j;
    }
    sorted[j] = values[i];
  }
  return count == 0 ? 0.0f : sorted[count / 2];
}

void WeakCellDetector::sample(TimeMs now, const float* relative_soc, std::uint8_t count,
                              float pack_soc) {
  const auto day = static_cast<std::int64_t>(now / kDayMs);
  if (count != count_) {  // a new pack layout: start over
    *this = WeakCellDetector{};
    count_ = count;
  }
  if (day != day_) {
    if (day_ >= 0) close_day();
    day_ = day;
  }
  for (std::uint8_t i = 0; i < count; ++i) {
    day_sum_[i] += relative_soc[i] + bled_[i];
    // Cells matched at the top (balancing) spread at the bottom by their capacities.
    const float below_full = 1.0f - pack_soc;
    if (below_full > 0.5f)
      deficit_[i] += kDeficitGain * (-relative_soc[i] / below_full - deficit_[i]);
  }
  ++day_samples_;
}

void WeakCellDetector::bled(std::uint16_t mask, float fraction) {
  for (std::uint8_t i = 0; i < kMaxCells; ++i) {
    if ((mask >> i & 1u) != 0) bled_[i] += fraction;
  }
}

void WeakCellDetector::restore(const std::int16_t* drift_pptt_day, std::uint8_t count) {
  count_ = count;
  for (std::uint8_t i = 0; i < count; ++i) drift_pptt_day_[i] = drift_pptt_day[i];
  judge();
}

void WeakCellDetector::close_day() {
  if (day_samples_ < kMinSamplesPerDay) {
    day_samples_ = 0;
    for (auto& s : day_sum_) s = 0;
    return;
  }
  if (days_ == kDays) {
    for (int d = 1; d < kDays; ++d) {
      for (std::uint8_t i = 0; i < count_; ++i) history_[d - 1][i] = history_[d][i];
    }
    --days_;
  }
  for (std::uint8_t i = 0; i < count_; ++i) {
    history_[days_][i] = day_sum_[i] / static_cast<float>(day_samples_);
    day_sum_[i] = 0;
  }
  ++days_;
  day_samples_ = 0;
  if (days_ >= kMinDays) {
    // Against the median cell's slope: bleeding the others lifts them all alike.
    float slopes[kMaxCells];
    float series[kDays];
    for (std::uint8_t i = 0; i < count_; ++i) {
      for (int d = 0; d < days_; ++d) series[d] = history_[d][i];
      slopes[i] = slope(series, days_);
    }
    const float median = median_of(slopes, count_);
    for (std::uint8_t i = 0; i < count_; ++i) {
      drift_pptt_day_[i] = static_cast<std::int16_t>(-(slopes[i] - median) * 10000.0f);
    }
  }
  judge();
}

// The cell that stands out most, if past a limit: the drift first (a leak can start a fire),
// then the capacity.
void WeakCellDetector::judge() {
  weak_cell_ = 0;
  std::int32_t worst = kWeakDrift_pptt_day;
  for (std::uint8_t i = 0; i < count_; ++i) {
    if (drift_pptt_day_[i] > worst) {
      worst = drift_pptt_day_[i];
      weak_cell_ = static_cast<std::uint8_t>(i + 1);
    }
  }
  if (weak_cell_ != 0) return;
  float most = kWeakCapacity;
  for (std::uint8_t i = 0; i < count_; ++i) {
    if (deficit_[i] > most) {
      most = deficit_[i];
      weak_cell_ = static_cast<std::uint8_t>(i + 1);
    }
  }
}

}  // namespace lfpbms
