#pragma once
// The cells in series with their spread (capacity, resistance, initial SOC, self-discharge),
// the interconnects, the balancing bleed resistors and the BMS's own consumption (SM-5).
#include <cstdint>
#include <vector>

#include "sim/cell/lfp_cell.hpp"
#include "sim/core/random.hpp"
#include "sim/scenario/scenario.hpp"

namespace lfpbms::sim {

inline constexpr double kBleed_A = 0.080;           // BA-1: 80 mA per bleeding cell
inline constexpr double kBmsRunning_A = 0.025;      // SM-5: < 30 mA running
inline constexpr double kBmsSleeping_A = 0.000100;  // SM-5: 100 uA typical asleep
inline constexpr double kInterconnect_mOhm = 0.10;  // per cell-to-cell busbar

class Pack {
 public:
  Pack(const PackSetup& setup, double capacity_Ah, std::uint8_t series_count, Random rng);

  // Advances every cell by dt_s with `current_A` through the stack (+ charges); the BMS draws
  // `bms_A` from the whole stack, bleeding cells lose kBleed_A more.
  void step(double current_A, double bms_A, double dt_s, const std::vector<double>& cell_C);

  std::uint8_t series_count() const { return static_cast<std::uint8_t>(cells_.size()); }
  const LfpCell& cell(std::size_t i) const { return cells_[i]; }
  LfpCell& cell(std::size_t i) { return cells_[i]; }
  // Sum of the cells' voltages behind their resistance, and that resistance with the
  // interconnects, as of the last step.
  double internal_V() const { return internal_V_; }
  double resistance_ohm() const { return resistance_ohm_; }
  double terminal_V(double current_A) const { return internal_V() + current_A * resistance_ohm(); }
  double cell_V(std::size_t i, double current_A) const;  // what its sense lines see
  double heat_W() const { return heat_W_; }
  // The bleed resistors' heat: they sit on the BMS board, not in the cells.
  double bleed_W() const { return bleed_W_; }

  void set_balancing(std::uint16_t mask) { bleed_mask_ = mask; }
  std::uint16_t balancing() const { return bleed_mask_; }

  // The pack's usable state of charge (0...1): charge left before the first cell is empty over
  // that plus the charge room before the first cell is full. It is 1 when a cell is full and
  // 0 when one is empty, the two points where a BMS calibrates its estimate.
  double usable_soc() const;
  double min_cell_soc() const;
  double max_cell_soc() const;

 private:
  void sum_up();

  std::vector<LfpCell> cells_;
  double internal_V_ = 0;
  double resistance_ohm_ = 0;
  std::uint16_t bleed_mask_ = 0;
  double heat_W_ = 0;
  double bleed_W_ = 0;
  double last_current_A_ = 0;
};

}  // namespace lfpbms::sim
