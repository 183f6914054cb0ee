#pragma once
// The pack's validated measurements (PK-2), one struct, units in the names.
#include <array>
#include <cstdint>

#include "core/units.hpp"

namespace lfpbms {

// Why a group of readings cannot be trusted. Each bit blocks both FETs while set (PR-17).
enum SensorFault : std::uint16_t {
  kCellLineOpen = 1u << 0,    // a cell sense line is open or a cell reads out of range
  kCellAdc = 1u << 1,         // the front end reports an ADC failure
  kCellStale = 1u << 2,       // no cell sample for longer than the maximum age
  kPackMismatch = 1u << 3,    // pack voltage disagrees with the sum of the cells
  kCurrentSensor = 1u << 4,   // current sensor failure or reading out of range
  kCurrentStale = 1u << 5,
  kNtcOpen = 1u << 6,         // an NTC reads below -50 °C
  kNtcShort = 1u << 7,        // an NTC reads above 150 °C
  kTemperatureStale = 1u << 8,
};

inline constexpr std::uint16_t kCellFaults = kCellLineOpen | kCellAdc | kCellStale | kPackMismatch;
inline constexpr std::uint16_t kCurrentFaults = kCurrentSensor | kCurrentStale;
inline constexpr std::uint16_t kTemperatureFaults = kNtcOpen | kNtcShort | kTemperatureStale;

struct Measurements {
  TimeMs time_ms = 0;
  std::uint8_t cell_count = 16;
  std::array<std::uint16_t, kMaxCells> cell_voltage_mV{};
  std::uint32_t pack_voltage_mV = 0;
  std::int32_t terminal_voltage_mV = 0;
  std::int32_t current_mA = 0;      // + charge; |I| below the dead band reads 0 (PK-3)
  std::int32_t current_raw_mA = 0;  // before the dead band, for coulomb counting
  std::uint8_t ntc_count = kCellNtcs;
  std::array<std::int16_t, kCellNtcs> cell_temperature_dC{};
  std::int16_t mosfet_temperature_dC = 0;
  std::int16_t ambient_temperature_dC = 0;

  // Derived from the above by the validator.
  std::uint16_t max_cell_mV = 0;
  std::uint16_t min_cell_mV = 0;
  std::uint8_t max_cell_index = 0;  // 0-based
  std::uint8_t min_cell_index = 0;
  std::int16_t max_cell_temperature_dC = 0;
  std::int16_t min_cell_temperature_dC = 0;
  std::uint16_t open_wire_mask = 0;

  std::uint16_t faults = 0;  // SensorFault bits; 0 = every reading valid

  bool cells_valid() const { return (faults & kCellFaults) == 0; }
  bool current_valid() const { return (faults & kCurrentFaults) == 0; }
  bool temperatures_valid() const { return (faults & kTemperatureFaults) == 0; }
  std::uint16_t cell_spread_mV() const {
    return static_cast<std::uint16_t>(max_cell_mV - min_cell_mV);
  }
};

}  // namespace lfpbms
