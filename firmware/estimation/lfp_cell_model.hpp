#pragma once
// What the estimator knows about an LFP cell beyond its open-circuit voltage, from the cell's
// characterisation (the A123 data behind the OCV table, and pulse-relaxation tests): how
// resistance, usable capacity and charge efficiency move with temperature, and the shape of the
// polarisation (two RC pairs, in proportion to the series resistance).
namespace lfpbms {

struct LfpTemperatureFactors {
  float resistance = 1;         // series resistance against 25 °C
  float capacity = 1;           // usable capacity against 25 °C
  float charge_efficiency = 1;  // stored / charged
};

LfpTemperatureFactors lfp_temperature_factors(float temperature_C);

// A cell's series resistance times its capacity at 25 °C: 0.45 mΩ for a 100 Ah prismatic cell,
// about 20 mΩ for a 2.3 Ah 26650. The starting point until the resistance has been measured.
inline constexpr float kLfpR0Capacity_OhmAh = 0.045f;

// Polarisation: a fast pair (charge transfer) and a slow one (diffusion), resistances in
// proportion to the series resistance.
inline constexpr float kLfpR1PerR0 = 0.55f;
inline constexpr float kLfpTau1_s = 20.0f;
inline constexpr float kLfpR2PerR0 = 0.78f;
inline constexpr float kLfpTau2_s = 600.0f;

// The hysteresis state covers 1 - 1/e of its way to the other branch after this fraction of the
// capacity has passed: 95 % after 3 %, as LFP does after a reversal.
inline constexpr float kLfpHysteresisThroughput = 0.01f;

// Self-discharge at 25 °C, per second: 2 % a month.
inline constexpr float kLfpSelfDischarge_per_s = 0.02f / (30.0f * 86400.0f);

// e^-x for x >= 0, without the C library (x / 64 by series, then squared six times).
float exp_neg(float x);

}  // namespace lfpbms
