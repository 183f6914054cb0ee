#pragma once
// Charge/discharge gating (PK-4, PK-6, CH-2): decides each FET separately from the active
// protections, the state, the heater and the host's switch commands; sequences the
// pre-charge; hands charging to the current limiter; and applies the body-diode rule: a FET
// held open only for its own direction closes while current flows the other way, so that
// the current does not heat its body diode [003].
#include <cstdint>

#include "control/charge_limiter.hpp"
#include "control/precharge.hpp"
#include "hal/power_switches.hpp"
#include "protection/protection_engine.hpp"

namespace lfpbms {

struct GateInputs {
  bool fets_allowed = false;   // the state machine lets the FETs close
  bool auto_wake_try = false;  // automatic wake after an under-voltage sleep: ignore UV
  const ProtectionStatus* protection = nullptr;
  bool measurements_invalid = false;  // any sensor fault: both FETs open at once
  bool rapid_shutdown = false;
  bool host_charge_off = false;  // host switch control (CO-2)
  bool host_discharge_off = false;
  bool heater_holds_charge = false;
  std::int32_t current_mA = 0;
  std::uint32_t pack_voltage_mV = 0;
  std::int32_t terminal_voltage_mV = 0;
  // In a bank, the terminals stand more than join_gap_mV above the cells: the other packs would
  // push an in-rush through a closing charge FET (PA-4).
  bool join_gap = false;
};

struct GateDecision {
  hal::SwitchCommand command;
  bool charge_allowed = false;  // charging may happen (for the advertised limits)
  bool discharge_allowed = false;
  bool precharge_failed = false;  // feeds the PRE_CHA row on the next tick
  ChargeLimiter::Change limiter = ChargeLimiter::Change::None;
};

class FetGate {
 public:
  GateDecision update(TimeMs now, const GateInputs& in, const ParamSet& params);
  bool limiter_active() const { return limiter_.active(); }

 private:
  Precharge precharge_;
  ChargeLimiter limiter_;
  bool charge_fet_closed_ = false;
};

}  // namespace lfpbms
