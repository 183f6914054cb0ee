#pragma once
// Turns raw samples into Measurements and flags what cannot be trusted (PK-3, PR-17):
// stale samples (none newer than the maximum age), readings out of physical range, open cell
// lines, failed NTCs, a failed current sensor or ADC, a pack voltage that disagrees with the
// sum of the cells. A reading that could not be read keeps its last value until it is stale.
#include "hal/cell_monitor.hpp"
#include "hal/current_sensor.hpp"
#include "hal/temperature_inputs.hpp"
#include "measurement/measurements.hpp"

namespace lfpbms {

struct ValidatorLimits {
  std::int32_t max_age_ms = 500;
  std::int32_t pack_mismatch_mV = 2000;
  std::int32_t deadband_mA = 500;
};

// Physical plausibility bounds: outside them a reading is a sensor failure, not a state.
inline constexpr std::uint16_t kCellMin_mV = 500;
inline constexpr std::uint16_t kCellMax_mV = 5000;
inline constexpr std::int16_t kNtcOpen_dC = -500;
inline constexpr std::int16_t kNtcShort_dC = 1500;
inline constexpr std::int32_t kCurrentMax_mA = 1000000;

class Validator {
 public:
  Validator(std::uint8_t cell_count, std::uint8_t ntc_count);

  // Reads whatever is new and returns the validated picture at `now`.
  const Measurements& update(TimeMs now, const ValidatorLimits& limits,
                             const hal::CellSample* cells, const hal::CurrentSample* current,
                             const hal::TemperatureSample* temperatures);
  const Measurements& measurements() const { return m_; }

 private:
  void take_cells(const hal::CellSample& s, const ValidatorLimits& limits);
  void take_current(const hal::CurrentSample& s, const ValidatorLimits& limits);
  void take_temperatures(const hal::TemperatureSample& s);

  Measurements m_;
  std::uint16_t cell_faults_ = kCellStale;
  std::uint16_t current_faults_ = kCurrentStale;
  std::uint16_t temperature_faults_ = kTemperatureStale;
  TimeMs cells_at_ = 0;
  TimeMs current_at_ = 0;
  TimeMs temperatures_at_ = 0;
  bool have_cells_ = false;
  bool have_current_ = false;
  bool have_temperatures_ = false;
};

}  // namespace lfpbms
