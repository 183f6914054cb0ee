#include "estimation/lfp_cell_model.hpp"

namespace lfpbms {

namespace {

struct Point {
  float temperature_C;
  float value;
};

// Series resistance of the measured A123 cell against 25 °C: 9 mΩ at 25 °C, 16 at 5, 28 at -5,
// 65 at -15, 141 at -25 (linear between: a little high between the points, which is the safe
// side for the estimator, trusting voltage less). Hot: Arrhenius continued.
constexpr Point kResistance[] = {{-25.0f, 15.7f}, {-15.0f, 7.22f}, {-5.0f, 3.11f},
                                 {5.0f, 1.78f},   {25.0f, 1.0f},   {45.0f, 0.62f}};
// Usable capacity (C/30) against 25 °C.
constexpr Point kCapacity[] = {{-25.0f, 0.90f}, {-15.0f, 0.965f}, {-5.0f, 0.975f},
                               {5.0f, 0.98f},   {15.0f, 0.99f},   {25.0f, 1.0f}};
// Coulombic efficiency when charging: side reactions, lithium plating in the cold.
constexpr Point kChargeEfficiency[] = {{-25.0f, 0.94f}, {-15.0f, 0.97f}, {5.0f, 0.99f}};

template <unsigned N>
float interpolate(const Point (&points)[N], float temperature_C) {
  if (temperature_C <= points[0].temperature_C) return points[0].value;
  for (unsigned i = 1; i < N; ++i) {
    const Point& a = points[i - 1];
    const Point& b = points[i];
    if (temperature_C <= b.temperature_C) {
      const float w = (temperature_C - a.temperature_C) / (b.temperature_C - a.temperature_C);
      return a.value + w * (b.value - a.value);
    }
  }
  return points[N - 1].value;
}

}  // namespace

LfpTemperatureFactors lfp_temperature_factors(float temperature_C) {
  return {interpolate(kResistance, temperature_C), interpolate(kCapacity, temperature_C),
          interpolate(kChargeEfficiency, temperature_C)};
}

float exp_neg(float x) {
  if (x <= 0.0f) return 1.0f;
  if (x >= 40.0f) return 0.0f;
  const float u = x * (1.0f / 64.0f);
  float y = 1.0f - u * (1.0f - u * (0.5f - u * (1.0f / 6.0f - u * (1.0f / 24.0f))));
  for (int i = 0; i < 6; ++i) y *= y;
  return y;
}

}  // namespace lfpbms
