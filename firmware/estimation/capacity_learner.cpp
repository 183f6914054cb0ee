#include "estimation/capacity_learner.hpp"

#include "core/float_math.hpp"

namespace lfpbms {

namespace {

// The ends are trusted no better than this (1 σ): the filter's own figure can be optimistic.
constexpr float kEndFloor = 0.01f;
// Counting itself (gain, offset over the segment) adds this share of the capacity, 1 σ.
constexpr float kCountShare = 0.01f;
// The current sensor's offset counts into the segment for as long as it lasts, taken as 0.1 %
// of C (the SPEC allows 0.3 A on 100 Ah; tighter weights slowed learning in the demo): a night's
// slow discharge teaches less than a morning's charge.
constexpr float kOffsetShare_per_h = 0.001f;
// The capacity may age between segments: 0.5 % of it per segment, 1 σ.
constexpr float kAgeingShare = 0.005f;
// A measurement this far from the learned value is a broken segment, not ageing.
constexpr float kPlausibleShare = 0.3f;

}  // namespace

void CapacityLearner::reset(float capacity_Ah, float sigma_Ah, std::uint16_t segments) {
  capacity_Ah_ = capacity_Ah;
  segments_ = segments;
  variance_Ah2_ = sigma_Ah * sigma_Ah;
  forget_segment();
}

float CapacityLearner::sigma_Ah() const {
  return sqrtf_newton(variance_Ah2_);
}

bool CapacityLearner::observe(const CapacityPoint& p, bool confident) {
  if (!have_anchor_) {
    if (confident) {
      anchor_ = p;
      have_anchor_ = true;
    }
    return false;
  }
  if (confident &&
      (!have_candidate_ || absf(p.soc - anchor_.soc) > absf(candidate_.soc - anchor_.soc))) {
    candidate_ = p;
    have_candidate_ = true;
  }
  if (!have_candidate_ || absf(p.soc - candidate_.soc) < kTurnBack ||
      absf(candidate_.soc - anchor_.soc) < kMinSpan) {
    return false;
  }
  const CapacityPoint turn = candidate_;
  have_candidate_ = false;
  return anchor(turn);
}

bool CapacityLearner::anchor(const CapacityPoint& p) {
  bool changed = false;
  if (have_anchor_) {
    if (have_candidate_) {  // two segments: anchor -> candidate -> here
      changed = learn(anchor_, candidate_);
      changed = learn(candidate_, p) || changed;
    } else {
      changed = learn(anchor_, p);
    }
  }
  anchor_ = p;
  have_anchor_ = true;
  have_candidate_ = false;
  return changed;
}

bool CapacityLearner::learn(const CapacityPoint& a, const CapacityPoint& b) {
  const float span = b.soc - a.soc;
  if (absf(span) < kMinSpan) return false;
  const float measured_Ah =
      static_cast<float>(b.counted_mAms - a.counted_mAms) / 3.6e9f / span;  // mA·ms -> Ah
  if (absf(measured_Ah - capacity_Ah_) > kPlausibleShare * capacity_Ah_) return false;
  const float sa = a.sigma > kEndFloor ? a.sigma : kEndFloor;
  const float sb = b.sigma > kEndFloor ? b.sigma : kEndFloor;
  const float hours =
      static_cast<float>(b.time_ms > a.time_ms ? b.time_ms - a.time_ms : a.time_ms - b.time_ms) /
      3.6e6f;
  const float offset = kOffsetShare_per_h * hours / span;
  const float share =
      (sa * sa + sb * sb) / (span * span) + kCountShare * kCountShare + offset * offset;
  const float r = share * measured_Ah * measured_Ah;
  variance_Ah2_ += kAgeingShare * kAgeingShare * capacity_Ah_ * capacity_Ah_;
  const float k = variance_Ah2_ / (variance_Ah2_ + r);
  capacity_Ah_ += k * (measured_Ah - capacity_Ah_);
  variance_Ah2_ *= 1.0f - k;
  ++segments_;
  return true;
}

}  // namespace lfpbms
