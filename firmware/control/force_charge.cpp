#include "control/force_charge.hpp"

namespace lfpbms {

ForceCharge::Change ForceCharge::update(const ForceChargeInputs& in, const ParamSet& params) {
  const bool enabled = params.get(ParamId::force_charge_enable) != 0;
  if (requested_) {
    if (!enabled || in.full) {
      requested_ = false;
      return Change::Off;
    }
    return Change::None;
  }
  const bool stood = in.s_since_charge_end >=
                         static_cast<std::uint32_t>(params.get(ParamId::force_charge_after_s)) &&
                     in.pack_voltage_mV <
                         static_cast<std::uint32_t>(params.get(ParamId::restart_voltage_mV));
  if (enabled && !in.full && (stood || in.low_voltage_alarm)) {
    requested_ = true;
    return Change::On;
  }
  return Change::None;
}

}  // namespace lfpbms
