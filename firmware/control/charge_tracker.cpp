#include "control/charge_tracker.hpp"

#include <algorithm>

namespace lfpbms {

bool ChargeTracker::update(TimeMs now, const Measurements& m, const ParamSet& params) {
  if (!m.cells_valid() || !m.current_valid()) {
    taper_.reset();
    return false;
  }
  if (m.current_mA > 0) last_charge_ = now;
  const std::int64_t full_mV = static_cast<std::int64_t>(params.get(ParamId::charge_voltage_mV)) -
                               params.get(ParamId::full_voltage_margin_mV);
  // A cell at the per-cell charge voltage ends the charge too: without balancing, the pack
  // cannot take more once its highest cell is there, whatever the sum says.
  const std::int32_t cell_full_mV =
      params.get(ParamId::charge_voltage_mV) / std::max<std::int32_t>(1, params.series_count());
  const bool at_top =
      static_cast<std::int64_t>(m.pack_voltage_mV) >= full_mV || m.max_cell_mV >= cell_full_mV;
  const bool taper =
      at_top && m.current_mA >= 0 && m.current_mA <= params.get(ParamId::full_current_mA);
  const auto delay_ms = static_cast<TimeMs>(params.get(ParamId::full_delay_s)) * 1000u;
  const bool was_full = full_;
  full_ = taper_.update(taper, now, delay_ms);
  return full_ && !was_full;
}

std::uint32_t ChargeTracker::s_since_charge_end(TimeMs now) const {
  const TimeMs s = elapsed_ms(now, last_charge_) / 1000u;
  return s > 0xFFFFFFFFu ? 0xFFFFFFFFu : static_cast<std::uint32_t>(s);
}

}  // namespace lfpbms
