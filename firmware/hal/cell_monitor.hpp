#pragma once
#include <array>
#include <cstdint>

#include "core/units.hpp"

namespace lfpbms::hal {

// One conversion of the analogue front end: cell voltages, the pack (stack) voltage and the
// voltage at the terminals, outside the MOSFETs, where a charger or inverter appears.
struct CellSample {
  std::array<std::uint16_t, kMaxCells> cell_voltage_mV{};
  std::uint32_t pack_voltage_mV = 0;
  std::int32_t terminal_voltage_mV = 0;  // negative: a source connected in reverse
  std::uint16_t open_wire_mask = 0;      // bit i: the sense line of cell i+1 is open
  bool adc_fault = false;                // the front end's own self-check failed
};

class CellMonitor {
 public:
  // False when no new sample could be read (bus error, conversion not ready).
  virtual bool read(CellSample& out) = 0;
  // Bleed resistors on (bit i = cell i+1); the front end applies them between conversions.
  virtual void set_balancing(std::uint16_t mask) = 0;
  // Hardware short-circuit comparator: trips the FETs itself and raises an interrupt.
  virtual void configure_short_circuit(std::int32_t threshold_mA, std::int32_t delay_us) = 0;

 protected:
  ~CellMonitor() = default;
};

}  // namespace lfpbms::hal
