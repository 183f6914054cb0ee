#pragma once
// The largest change of a value over any 60 s, from one sample a second: a ring of the last
// minute and its max - min after each sample. 61 compares a second cost nothing beside the ten
// firmware ticks, and catch a swing that comes back within the minute, which the difference
// to the value a minute ago would miss.
#include <algorithm>
#include <array>
#include <cstddef>

namespace lfpbms::sim {

class MinuteSwing {
 public:
  void add(double value) {  // once a second
    ring_[next_] = value;
    next_ = (next_ + 1) % kSamples;
    count_ = std::min(count_ + 1, kSamples);
    const auto span = std::minmax_element(ring_.begin(), ring_.begin() + count_);
    max_swing_ = std::max(max_swing_, *span.second - *span.first);
  }
  double max_swing() const { return max_swing_; }

 private:
  static constexpr std::size_t kSamples = 61;  // both ends of 60 s
  std::array<double, kSamples> ring_{};
  std::size_t count_ = 0;
  std::size_t next_ = 0;
  double max_swing_ = 0;
};

}  // namespace lfpbms::sim
