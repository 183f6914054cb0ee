#pragma once
// Force charge (CH-3): when the pack has stood for `force_charge_after_s` since charging ended
// and is below the re-start voltage, or a low-voltage alarm is on, the BMS asks the inverter
// to charge (force-charge bits) until the pack is full.
#include <cstdint>

#include "params/param_set.hpp"

namespace lfpbms {

struct ForceChargeInputs {
  std::uint32_t s_since_charge_end = 0;
  std::uint32_t pack_voltage_mV = 0;
  bool low_voltage_alarm = false;  // cell or pack under-voltage alarm or protection
  bool full = false;
};

class ForceCharge {
 public:
  enum class Change { None, On, Off };
  Change update(const ForceChargeInputs& in, const ParamSet& params);
  bool requested() const { return requested_; }

 private:
  bool requested_ = false;
};

}  // namespace lfpbms
