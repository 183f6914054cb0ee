#pragma once
// Weak-cell detection (beyond the manuals): which cell loses charge by itself (a leak, a soft
// internal short) or holds less than the others. Once a minute, while the pack sits on a
// sloped part of the curve where a cell's voltage says where it is, each cell's SOC is
// compared with the pack's median. Per day, that relative SOC plus the charge balancing bled
// from the cell (charge it did not lose by itself) is one point; the slope over up to a week of
// days is the cell's self-discharge above the pack's. A cell whose drift stands out past
// kWeakDrift_pptt_day, or whose relative SOC says it holds kWeakCapacity less, is named.
#include <cstdint>

#include "core/units.hpp"

namespace lfpbms {

// The middle value of `count` (1...16) values; the upper one of the two for an even count.
float median_of(const float* values, std::uint8_t count);

class WeakCellDetector {
 public:
  static constexpr int kDays = 7;
  static constexpr std::int32_t kWeakDrift_pptt_day = 50;  // 0.5 % of capacity a day
  static constexpr float kWeakCapacity = 0.10f;            // 10 % less than the median cell
  static constexpr int kMinDays = 3;
  static constexpr int kMinSamplesPerDay = 10;

  // Relative SOC of each cell (its SOC minus the median's, fraction) at pack SOC `pack_soc`.
  void sample(TimeMs now, const float* relative_soc, std::uint8_t count, float pack_soc);
  // Charge bled from the cells in `mask`, as a fraction of the capacity each.
  void bled(std::uint16_t mask, float fraction);
  // Restores the drift found before a reset (pptt/day per cell).
  void restore(const std::int16_t* drift_pptt_day, std::uint8_t count);

  std::uint8_t weak_cell() const { return weak_cell_; }  // 1-based, 0 none
  std::int16_t drift_pptt_day(std::uint8_t cell) const { return drift_pptt_day_[cell]; }
  float capacity_deficit(std::uint8_t cell) const { return deficit_[cell]; }

 private:
  void close_day();
  void judge();

  std::uint8_t count_ = 0;
  std::int64_t day_ = -1;
  float day_sum_[kMaxCells] = {};
  std::int32_t day_samples_ = 0;
  float bled_[kMaxCells] = {};  // cumulative, fraction of capacity
  float history_[kDays][kMaxCells] = {};
  int days_ = 0;  // filled entries of history_, newest last
  float deficit_[kMaxCells] = {};
  std::int16_t drift_pptt_day_[kMaxCells] = {};
  std::uint8_t weak_cell_ = 0;
};

}  // namespace lfpbms
