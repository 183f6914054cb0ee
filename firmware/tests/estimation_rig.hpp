#pragma once
// Inputs for the estimation tests: Measurements built by hand, cell voltages taken from the
// estimator's own OCV model (so that a test fails on the estimator, not on a model mismatch),
// and a small true cell that answers a current the way the filter's equivalent circuit says.
#include <cmath>
#include <cstdint>

#include "estimation/lfp_cell_model.hpp"
#include "estimation/lfp_ocv.hpp"
#include "measurement/measurements.hpp"

namespace lfpbms::testing {

inline constexpr std::int64_t kMsPerHour = 3600000;
inline constexpr std::int64_t kAh_mAms = 1000 * kMsPerHour;  // one ampere-hour in mA·ms

// The resting cell voltage at `soc` on `branch` (-1 discharge ... +1 charge), rounded to 1 mV.
inline std::uint16_t ocv_mV(float soc, float temperature_C = 25.0f, float branch = 0.0f) {
  return static_cast<std::uint16_t>(std::lround(lfp_ocv(soc, temperature_C, branch).V * 1000.0f));
}

// `cells` cells all at `cell_mV`, `current_mA` (+ charges), every reading valid.
inline Measurements pack_of(std::uint8_t cells, std::uint16_t cell_mV, std::int32_t current_mA = 0,
                            std::int16_t temperature_dC = 250) {
  Measurements m;
  m.cell_count = cells;
  m.cell_voltage_mV.fill(0);
  for (std::uint8_t i = 0; i < cells; ++i) m.cell_voltage_mV[i] = cell_mV;
  m.pack_voltage_mV = static_cast<std::uint32_t>(cell_mV) * cells;
  m.terminal_voltage_mV = static_cast<std::int32_t>(m.pack_voltage_mV);
  m.current_mA = m.current_raw_mA = current_mA;
  m.cell_temperature_dC.fill(temperature_dC);
  m.mosfet_temperature_dC = m.ambient_temperature_dC = temperature_dC;
  m.min_cell_temperature_dC = m.max_cell_temperature_dC = temperature_dC;
  m.min_cell_mV = m.max_cell_mV = cell_mV;
  m.min_cell_index = m.max_cell_index = 0;
  m.faults = 0;
  return m;
}

// Sets one cell and keeps the pack voltage and the extremes consistent.
inline void set_cell(Measurements& m, std::uint8_t index, std::uint16_t mV) {
  m.cell_voltage_mV[index] = mV;
  m.pack_voltage_mV = 0;
  m.min_cell_mV = 0xFFFF;
  m.max_cell_mV = 0;
  for (std::uint8_t i = 0; i < m.cell_count; ++i) {
    const std::uint16_t v = m.cell_voltage_mV[i];
    m.pack_voltage_mV += v;
    if (v < m.min_cell_mV) m.min_cell_mV = v, m.min_cell_index = i;
    if (v > m.max_cell_mV) m.max_cell_mV = v, m.max_cell_index = i;
  }
}

// A cell at 25 °C that behaves as the filter's model: OCV with hysteresis, series resistance and
// the two RC pairs. Used to drive the estimators through whole cycles with believable voltages.
struct TrueCell {
  float capacity_Ah = 100;
  float soc = 0.5f;
  float h = 0;  // hysteresis state, -1 discharge ... +1 charge
  float v1_V = 0;
  float v2_V = 0;

  float r0_ohm() const { return kLfpR0Capacity_OhmAh / capacity_Ah; }
  // Passes `current_A` (+ charges) for `dt_s`; returns the terminal voltage of the cell.
  float step(float current_A, float dt_s) {
    const float stored = current_A > 0 ? 0.99f * current_A : current_A;  // charge efficiency
    soc += stored * dt_s / (capacity_Ah * 3600.0f);
    const float passed = std::fabs(current_A) * dt_s / (capacity_Ah * 3600.0f);
    const float move = std::fmin(passed / kLfpHysteresisThroughput, 1.0f);
    if (current_A != 0) h += move * ((current_A > 0 ? 1.0f : -1.0f) - h);
    const float d1 = std::exp(-dt_s / kLfpTau1_s);
    const float d2 = std::exp(-dt_s / kLfpTau2_s);
    v1_V = v1_V * d1 + kLfpR1PerR0 * r0_ohm() * current_A * (1 - d1);
    v2_V = v2_V * d2 + kLfpR2PerR0 * r0_ohm() * current_A * (1 - d2);
    return lfp_ocv(soc, 25.0f, h).V + v1_V + v2_V + r0_ohm() * current_A;
  }
};

}  // namespace lfpbms::testing
