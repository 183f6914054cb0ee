#pragma once
// The full-charge capacity learned from real charge and discharge (SE-2): between two points
// where the SOC is known well (a full charge, the discharge knee, or the filter confident on a
// steep part of the curve) the charge counted, at 25 °C and through the efficiency, divided by
// the SOC between them is one measurement of the capacity. A scalar Kalman filter weighs each
// by how well its two ends were known and how far apart they lie, so the first full cycle
// already moves a wrong rated capacity most of the way, and later ones refine it.
#include <cstdint>

namespace lfpbms {

struct CapacityPoint {
  float soc = 0;                  // the estimate there, 0...1
  float sigma = 1;                // its uncertainty, 1 σ
  std::int64_t counted_mAms = 0;  // the counted charge there (running total at 25 °C)
  std::uint64_t time_ms = 0;
};

class CapacityLearner {
 public:
  // Segments shorter than this in SOC teach too little to be worth the error of their ends.
  static constexpr float kMinSpan = 0.3f;
  static constexpr float kTurnBack = 0.1f;

  void reset(float capacity_Ah, float sigma_Ah, std::uint16_t segments = 0);
  // A point where the SOC is known well. Returns true when it completed a segment that
  // changed the capacity.
  bool anchor(const CapacityPoint& p);
  // Every estimate during a segment. The farthest well-known (`confident`) point from the last
  // anchor is kept; it becomes an anchor itself when the segment ends at the next anchor(), or
  // when the SOC has turned back from it by kTurnBack: the top or the bottom of a day's
  // partial cycle, so that a pack that is never full still learns its capacity.
  // Returns true when a turn completed a segment that changed the capacity.
  bool observe(const CapacityPoint& p, bool confident);
  void forget_segment() { have_anchor_ = have_candidate_ = false; }

  float capacity_Ah() const { return capacity_Ah_; }
  float sigma_Ah() const;
  std::uint16_t segments() const { return segments_; }

 private:
  bool learn(const CapacityPoint& a, const CapacityPoint& b);

  float capacity_Ah_ = 0;
  float variance_Ah2_ = 0;
  CapacityPoint anchor_;
  CapacityPoint candidate_;
  bool have_anchor_ = false;
  bool have_candidate_ = false;
  std::uint16_t segments_ = 0;
};

}  // namespace lfpbms
