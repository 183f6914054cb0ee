#pragma once
// The twin's one random source: xoshiro256** seeded by splitmix64, with uniform and normal
// draws written out here so that a seed gives the same run on every platform and library.
#include <cstdint>

namespace lfpbms::sim {

class Random {
 public:
  explicit Random(std::uint64_t seed);

  std::uint64_t next();
  double uniform();                          // [0, 1)
  double uniform(double lo, double hi);      // [lo, hi)
  double normal(double mean, double sigma);  // Box-Muller
  // An independent stream for one part of the twin, so that adding draws in one part does not
  // shift another's.
  Random fork(std::uint64_t salt);

 private:
  std::uint64_t s_[4] = {};
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace lfpbms::sim
