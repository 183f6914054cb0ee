#pragma once
// Pre-charge before the discharge FET closes into an inverter's capacitors (PK-4): the
// resistor path charges the DC link until the terminals are within `precharge_done_mV` of the
// pack, then the FET closes. A timeout reports a failure (the PRE_CHA protection row then
// holds the FET open, retries, and locks after repeated failures).
#include <cstdint>

#include "core/units.hpp"
#include "params/param_set.hpp"

namespace lfpbms {

class Precharge {
 public:
  struct Output {
    bool discharge_fet = false;
    bool precharge = false;
    bool failed = false;  // this attempt timed out (reported once)
  };

  Output update(TimeMs now, bool want_closed, std::uint32_t pack_mV, std::int32_t terminal_mV,
                const ParamSet& params);
  bool charging() const { return phase_ == Phase::Charging; }

 private:
  enum class Phase { Open, Charging, Closed, Failed };
  Phase phase_ = Phase::Open;
  TimeMs started_ = 0;
};

}  // namespace lfpbms
