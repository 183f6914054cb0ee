#pragma once
// What the pack advertises to an inverter (CH-1, CH-2): charge voltage limit, CCL, DCL,
// discharge voltage limit and the enable / force-charge requests. The current limits derate
// with temperature, cell voltage and SOC well before a protection level is reached.
#include <cstdint>

#include "measurement/measurements.hpp"
#include "params/param_set.hpp"

namespace lfpbms {

struct InverterLimits {
  std::int32_t charge_voltage_mV = 0;
  std::int32_t charge_current_limit_mA = 0;
  std::int32_t discharge_current_limit_mA = 0;
  std::int32_t discharge_voltage_mV = 0;
  bool charge_enable = false;
  bool discharge_enable = false;
  bool force_charge = false;
  bool operator==(const InverterLimits&) const = default;
};

struct LimitInputs {
  const Measurements* m = nullptr;
  std::int32_t soc_pptt = 0;
  bool charge_allowed = false;     // the charge path may close
  bool discharge_allowed = false;  // the discharge path may close
  bool full = false;               // PR-19 fully charged: float voltage, float current
  bool force_charge = false;
  // The heater needs power from the charger before the cells may take any: ask for at least
  // this much charge current (it only reaches the film while the charge FET stays open).
  std::int32_t heating_supply_mA = 0;
};

// The derating factor in 0.01 % (0...10000): 0 at or beyond `edge`, `floor` just inside it,
// rising linearly to 10000 at `full` and beyond. Works whichever side `full` lies on.
std::int32_t taper_pptt(std::int32_t x, std::int32_t edge, std::int32_t full, std::int32_t floor);

class LimitCalculator {
 public:
  InverterLimits update(const LimitInputs& in, const ParamSet& params);

 private:
  std::int32_t charge_factor(const LimitInputs& in, const ParamSet& params) const;
  std::int32_t discharge_factor(const LimitInputs& in, const ParamSet& params) const;

  bool discharging_ = false;
  bool hot_start_ = false;  // [003]: full DCL only when discharge starts at <= 30 °C
};

}  // namespace lfpbms
