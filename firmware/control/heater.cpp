#include "control/heater.hpp"

namespace lfpbms {

namespace {
bool cold_enough(const HeaterInputs& in, const ParamSet& params) {
  return params.get(ParamId::heater_enable) != 0 && in.temperatures_valid && !in.failure &&
         in.min_cell_temperature_dC < params.get(ParamId::heater_start_dC);
}
}  // namespace

Heater::Change Heater::update(TimeMs now, const HeaterInputs& in, const ParamSet& params) {
  const bool resting = now < rest_until_;
  wants_ = on_ || (!resting && cold_enough(in, params));
  const bool allowed = params.get(ParamId::heater_enable) != 0 && in.charger_present &&
                       in.temperatures_valid && !in.failure && !resting;
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
    // A heater that cannot win rests as long as it ran before it may try again.
    on_ = wants_ = false;
    rest_until_ = now + limit_ms;
    return Change::Timeout;
  }
  if (!allowed || in.min_cell_temperature_dC >= params.get(ParamId::heater_stop_dC)) {
    on_ = false;
    wants_ = !resting && cold_enough(in, params);
    return Change::Off;
  }
  return Change::None;
}

}  // namespace lfpbms
