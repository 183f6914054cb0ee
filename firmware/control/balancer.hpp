#pragma once
// Passive balancing (BA-1): bleed resistors on the cells that stand above the lowest one, at
// the top of the charge where LFP's voltage shows the difference. It starts when the highest
// cell is at `bal_start_mV` and the spread reaches `bal_start_delta_mV`, and stops when the
// spread is down to `bal_stop_delta_mV` (the hysteresis). While charge current flows, and at
// rest (static balancing); never while discharging, outside `bal_min_dC`...`bal_max_dC`, in
// failure mode or on readings that cannot be trusted.
#include <cstdint>

#include "measurement/measurements.hpp"
#include "params/param_set.hpp"

namespace lfpbms {

struct BalanceInputs {
  const Measurements* m = nullptr;
  bool allowed = false;  // awake, no failure mode
};

class Balancer {
 public:
  // The bleed mask for this tick: bit i bleeds cell i + 1.
  std::uint16_t update(const BalanceInputs& in, const ParamSet& params);
  bool active() const { return active_; }

 private:
  bool permitted(const Measurements& m, const ParamSet& params) const;

  bool active_ = false;
};

}  // namespace lfpbms
