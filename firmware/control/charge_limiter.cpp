#include "control/charge_limiter.hpp"

namespace lfpbms {

ChargeLimiter::Change ChargeLimiter::update(TimeMs now, std::int32_t current_mA,
                                            bool charge_allowed, const ParamSet& params) {
  const bool enabled = params.get(ParamId::charge_limit_mA) > 0 && charge_allowed;
  if (active_) {
    const auto retry_ms = static_cast<TimeMs>(params.get(ParamId::limiter_retry_s)) * 1000u;
    // Discharge current leaves the limiter: the charge FET must carry it (body diode).
    if (!enabled || current_mA < 0 || elapsed_ms(now, since_) >= retry_ms) {
      active_ = false;
      enter_.reset();
      return Change::Off;
    }
    return Change::None;
  }
  const bool over = enabled && current_mA >= params.get(ParamId::chg_oc_alarm_mA);
  if (enter_.update(over, now, kLimiterEnterDelay_ms)) {
    active_ = true;
    since_ = now;
    return Change::On;
  }
  return Change::None;
}

}  // namespace lfpbms
