#pragma once
// Active charge-current limiting (PK-6). When the charge current reaches the charge
// over-current alarm level, the charge FET opens and the current-limiting path takes over,
// holding the current at `charge_limit_mA` instead of letting the over-current protection
// trip. Every `limiter_retry_s` the normal path is tried again. `charge_limit_mA` = 0: off.
#include <cstdint>

#include "core/debounce.hpp"
#include "params/param_set.hpp"

namespace lfpbms {

inline constexpr TimeMs kLimiterEnterDelay_ms = 1000;  // (own) before the limiter engages

class ChargeLimiter {
 public:
  enum class Change { None, On, Off };

  Change update(TimeMs now, std::int32_t current_mA, bool charge_allowed, const ParamSet& params);
  bool active() const { return active_; }

 private:
  bool active_ = false;
  TimeMs since_ = 0;
  Debounce enter_;
};

}  // namespace lfpbms
