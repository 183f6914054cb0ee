#pragma once
// Lumped thermal model: the cell block (one heat capacity with a fixed gradient pattern from
// the middle cells to the outer ones), the heating film on the block, the MOSFET board on its
// heat sink, and the air inside the enclosure where the BMS's ambient NTC sits.
#include <cstdint>
#include <vector>

#include "sim/core/random.hpp"

namespace lfpbms::sim {

struct ThermalParams {
  double block_J_per_K = 0;  // default from capacity: ~ 0.45 kJ/K per cell-Ah... see .cpp
  double block_K_per_W = 0;  // to ambient through the enclosure
  double mosfet_J_per_K = 250;
  double mosfet_K_per_W = 0.6;  // heat sink to the enclosure air
  double heater_W = 0;          // the film's power; default from capacity
  double gradient = 0.08;       // middle cells run this share of the block's rise warmer
};

class Thermal {
 public:
  Thermal(double capacity_Ah, std::uint8_t series_count, double start_C, Random rng);

  void step(double dt_s, double ambient_C, double cell_heat_W, bool heater_on, double fet_heat_W);

  const std::vector<double>& cell_C() const { return cell_C_; }
  double block_C() const { return block_C_; }
  double mosfet_C() const { return mosfet_C_; }
  double enclosure_C() const;  // the air around the BMS board
  double heater_W() const { return p_.heater_W; }

 private:
  ThermalParams p_;
  std::vector<double> shape_;  // per cell: -1 outer ... +1 middle, with a little spread
  std::vector<double> cell_C_;
  double block_C_;
  double mosfet_C_;
  double ambient_C_;
  double heater_share_C_ = 0;  // extra warmth where the film touches the cells
};

}  // namespace lfpbms::sim
