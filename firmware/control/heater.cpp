#include "control/heater.hpp"

namespace lfpbms {

Heater::Change Heater::update(TimeMs now, const HeaterInputs& in, const ParamSet& params) {
  if (!in.charger_present) timed_out_ = false;  // a new charge session may heat again
  const bool allowed = params.get(ParamId::heater_enable) != 0 && in.charger_present &&
                       in.temperatures_valid && !in.failure && !timed_out_;
  if (!on_) {
    if (allowed && in.min_cell_temperature_dC < params.get(ParamId::heater_start_dC)) {
      on_ = true;
      started_ = now;
      return Change::On;
    }
    return Change::None;
  }
  const auto limit_ms = static_cast<TimeMs>(params.get(ParamId::heater_max_s)) * 1000u;
  if (allowed && elapsed_ms(now, started_) >= limit_ms) {
    on_ = false;
    timed_out_ = true;
    return Change::Timeout;
  }
  if (!allowed || in.min_cell_temperature_dC >= params.get(ParamId::heater_stop_dC)) {
    on_ = false;
    return Change::Off;
  }
  return Change::None;
}

}  // namespace lfpbms
