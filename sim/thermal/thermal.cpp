#include "sim/thermal/thermal.hpp"

#include <algorithm>
#include <cmath>

namespace lfpbms::sim {

namespace {
// An LFP cell weighs about 20 g per Ah with ~1.1 J/(g K); the enclosure adds a quarter.
constexpr double kJ_per_K_per_Ah_cell = 20.0 * 1.1 * 1.25;
// A 100 Ah 16S wall pack sheds about 5 W per kelvin through its case.
constexpr double kW_per_K_at_1600Ah_cell = 5.0;
constexpr double kHeater_W_per_Ah_cell = 0.06;  // ~100 W for 16S 100 Ah
constexpr double kHeaterLocal_C_per_W = 0.02;   // the film's cells run warmer than the block
}  // namespace

Thermal::Thermal(double capacity_Ah, std::uint8_t series_count, double start_C, Random rng)
    : block_C_(start_C), mosfet_C_(start_C), ambient_C_(start_C) {
  const double cell_Ah = capacity_Ah * series_count;
  p_.block_J_per_K = kJ_per_K_per_Ah_cell * cell_Ah;
  p_.block_K_per_W = 1.0 / (kW_per_K_at_1600Ah_cell * std::sqrt(cell_Ah / 1600.0));
  p_.heater_W = kHeater_W_per_Ah_cell * cell_Ah;
  const double mid = (series_count - 1) / 2.0;
  for (std::uint8_t i = 0; i < series_count; ++i) {
    const double d = mid > 0 ? std::abs(i - mid) / mid : 0.0;  // 0 middle ... 1 outer
    shape_.push_back(1.0 - 2.0 * d * d + rng.normal(0, 0.1));
  }
  cell_C_.assign(series_count, start_C);
}

void Thermal::step(double dt_s, double ambient_C, double cell_heat_W, bool heater_on,
                   double fet_heat_W) {
  ambient_C_ = ambient_C;
  const double film_W = heater_on ? p_.heater_W : 0.0;
  const double to_air_W = (block_C_ - ambient_C) / p_.block_K_per_W;
  block_C_ += dt_s * (cell_heat_W + film_W - to_air_W) / p_.block_J_per_K;
  const double sink_W = (mosfet_C_ - enclosure_C()) / p_.mosfet_K_per_W;
  mosfet_C_ += dt_s * (fet_heat_W - sink_W) / p_.mosfet_J_per_K;
  // The film warms its cells first; the difference fades as the block catches up.
  const double target = film_W * kHeaterLocal_C_per_W;
  heater_share_C_ += (target - heater_share_C_) * std::min(1.0, dt_s / 600.0);
  const double rise = block_C_ - ambient_C;
  for (std::size_t i = 0; i < cell_C_.size(); ++i) {
    cell_C_[i] = block_C_ + p_.gradient * rise * shape_[i] + heater_share_C_;
  }
}

double Thermal::enclosure_C() const {
  return ambient_C_ + 0.3 * (block_C_ - ambient_C_);
}

}  // namespace lfpbms::sim
