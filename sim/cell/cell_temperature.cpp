#include "sim/cell/cell_temperature.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>

namespace lfpbms::sim {

namespace {

struct Point {
  double temperature_C;
  double value;
};

// Series resistance of the measured 2 Ah A123 cell, 9 mΩ at 25 °C, 16 at 5, 28 at -5, 65 at -15
// and 141 at -25 °C, as ratios. The apparent activation energy grows in the cold (2400 K between
// 25 and 5 °C, 4100 K between -15 and -25 °C), so ln R is interpolated piecewise in 1/T:
// Arrhenius between each pair of measurements, the end segments extrapolated.
constexpr Point kResistanceRatio[] = {
    {-25.0, 141.0 / 9.0}, {-15.0, 65.0 / 9.0}, {-5.0, 28.0 / 9.0}, {5.0, 16.0 / 9.0}, {25.0, 1.0},
};

// Usable capacity (C/30) of the same cell against 25 °C, smoothed to fall monotonically.
constexpr Point kCapacity[] = {
    {-25.0, 0.90}, {-15.0, 0.965}, {-5.0, 0.975}, {5.0, 0.98}, {15.0, 0.99}, {25.0, 1.0},
};

// Coulombic efficiency when charging: lithium plating and side reactions in the cold.
constexpr Point kChargeEfficiency[] = {{-25.0, 0.94}, {-15.0, 0.97}, {5.0, 0.99}};

// Beyond these the model is not meant to be used; clamping keeps exp() finite.
constexpr double kColdest_C = -40.0;
constexpr double kHottest_C = 80.0;
constexpr double kKelvin = 273.15;
constexpr double kSelfDischargeDoubling_K = 10.0;

// Linear in temperature, clamped at both ends.
template <std::size_t N>
double interpolate(const Point (&points)[N], double temperature_C) {
  if (temperature_C <= points[0].temperature_C) return points[0].value;
  for (std::size_t i = 1; i < N; ++i) {
    const Point& a = points[i - 1];
    const Point& b = points[i];
    if (temperature_C <= b.temperature_C) {
      const double w = (temperature_C - a.temperature_C) / (b.temperature_C - a.temperature_C);
      return a.value + w * (b.value - a.value);
    }
  }
  return points[N - 1].value;
}

double resistance_ratio(double temperature_C) {
  constexpr std::size_t n = std::size(kResistanceRatio);
  const double t = std::clamp(temperature_C, kColdest_C, kHottest_C);
  std::size_t i = 1;  // the segment [i - 1, i], end segments extrapolated
  while (i + 1 < n && t > kResistanceRatio[i].temperature_C) ++i;
  const Point& a = kResistanceRatio[i - 1];
  const Point& b = kResistanceRatio[i];
  const double inv_a = 1.0 / (a.temperature_C + kKelvin);
  const double inv_b = 1.0 / (b.temperature_C + kKelvin);
  const double w = (1.0 / (t + kKelvin) - inv_a) / (inv_b - inv_a);
  return std::exp(std::log(a.value) + w * (std::log(b.value) - std::log(a.value)));
}

}  // namespace

CellTemperatureFactors cell_temperature_factors(double temperature_C) {
  const double t = std::clamp(temperature_C, kColdest_C, kHottest_C);
  CellTemperatureFactors f;
  f.resistance = resistance_ratio(t);
  f.capacity = interpolate(kCapacity, t);
  f.charge_efficiency = interpolate(kChargeEfficiency, t);
  f.self_discharge = std::exp2((t - 25.0) / kSelfDischargeDoubling_K);
  return f;
}

}  // namespace lfpbms::sim
