#pragma once
// The few float helpers the estimator needs, without the C library (the firmware links none of
// its maths): absolute value, square, clamp, and a square root good to float precision.
namespace lfpbms {

constexpr float absf(float x) {
  return x < 0.0f ? -x : x;
}
constexpr float square(float x) {
  return x * x;
}
constexpr float clampf(float x, float lo, float hi) {
  return x < lo ? lo : (x > hi ? hi : x);
}
constexpr float clamp01(float x) {
  return clampf(x, 0.0f, 1.0f);
}

// Newton's iteration from a start at or above the root: used for reporting (σ), not per tick.
constexpr float sqrtf_newton(float x) {
  if (x <= 0.0f) return 0.0f;
  float y = x > 1.0f ? x : 1.0f;
  for (int i = 0; i < 20; ++i) y = 0.5f * (y + x / y);
  return y;
}

}  // namespace lfpbms
