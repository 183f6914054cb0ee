#include "sim/core/random.hpp"

#include <cmath>

namespace lfpbms::sim {

namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

}  // namespace

Random::Random(std::uint64_t seed) {
  for (auto& s : s_) s = splitmix64(seed);
}

std::uint64_t Random::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Random::uniform() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Random::uniform(double lo, double hi) {
  return lo + (hi - lo) * uniform();
}

double Random::normal(double mean, double sigma) {
  if (has_spare_) {
    has_spare_ = false;
    return mean + sigma * spare_;
  }
  const double u = 1.0 - uniform();  // (0, 1]: the logarithm needs it above zero
  const double v = uniform();
  const double r = std::sqrt(-2.0 * std::log(u));
  constexpr double kTwoPi = 6.283185307179586;
  spare_ = r * std::sin(kTwoPi * v);
  has_spare_ = true;
  return mean + sigma * r * std::cos(kTwoPi * v);
}

Random Random::fork(std::uint64_t salt) {
  return Random(next() ^ (salt * 0xD1B54A32D192ED03ull));
}

}  // namespace lfpbms::sim
