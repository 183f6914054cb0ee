#pragma once
// Tracks the end of charging: when charge current last flowed (for the 24 h over-voltage
// release rule and force charge, CH-3) and the taper end that marks a full pack (PR-19, SE-1):
// pack at or above the charge voltage limit less a margin, or its highest cell at the per-cell
// charge voltage, and a charge current at or below `full_current_mA`, held for `full_delay_s`.
#include <cstdint>

#include "core/debounce.hpp"
#include "measurement/measurements.hpp"
#include "params/param_set.hpp"

namespace lfpbms {

class ChargeTracker {
 public:
  // Returns true on the tick the taper end is reached.
  bool update(TimeMs now, const Measurements& m, const ParamSet& params);
  bool full() const { return full_; }
  std::uint32_t s_since_charge_end(TimeMs now) const;
  void restart(TimeMs now) { last_charge_ = now; }

 private:
  TimeMs last_charge_ = 0;
  Debounce taper_;
  bool full_ = false;
};

}  // namespace lfpbms
