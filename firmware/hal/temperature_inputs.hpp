#pragma once
#include <array>
#include <cstdint>

#include "core/units.hpp"

namespace lfpbms::hal {

// Converted NTC readings. An open NTC reads far below -50 °C, a shorted one far above 150 °C;
// the validator turns those into sensor faults.
struct TemperatureSample {
  std::array<std::int16_t, kCellNtcs> cell_temperature_dC{};
  std::int16_t mosfet_temperature_dC = 0;
  std::int16_t ambient_temperature_dC = 0;
};

class TemperatureInputs {
 public:
  virtual bool read(TemperatureSample& out) = 0;  // false: no new sample

 protected:
  ~TemperatureInputs() = default;
};

}  // namespace lfpbms::hal
