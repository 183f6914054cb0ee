#include "control/balancer.hpp"

namespace lfpbms {

bool Balancer::permitted(const Measurements& m, const ParamSet& params) const {
  const bool valid = m.cells_valid() && m.temperatures_valid() && m.current_valid();
  return valid && m.current_mA >= 0 &&
         m.min_cell_temperature_dC >= params.get(ParamId::bal_min_dC) &&
         m.max_cell_temperature_dC <= params.get(ParamId::bal_max_dC);
}

std::uint16_t Balancer::update(const BalanceInputs& in, const ParamSet& params) {
  const Measurements& m = *in.m;
  if (!in.allowed || !permitted(m, params)) {
    active_ = false;
    return 0;
  }
  const std::int32_t spread = m.cell_spread_mV();
  if (!active_) {
    active_ = m.max_cell_mV >= params.get(ParamId::bal_start_mV) &&
              spread >= params.get(ParamId::bal_start_delta_mV);
  } else if (spread <= params.get(ParamId::bal_stop_delta_mV)) {
    active_ = false;
  }
  if (!active_) return 0;
  // Every cell more than the stop spread above the lowest bleeds, so that they meet there.
  const std::int32_t level = m.min_cell_mV + params.get(ParamId::bal_stop_delta_mV);
  std::uint16_t mask = 0;
  for (std::uint8_t i = 0; i < m.cell_count && i < kMaxCells; ++i) {
    if (m.cell_voltage_mV[i] > level) mask = static_cast<std::uint16_t>(mask | (1u << i));
  }
  return mask;
}

}  // namespace lfpbms
