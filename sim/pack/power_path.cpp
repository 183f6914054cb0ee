#include "sim/pack/power_path.hpp"

namespace lfpbms::sim {

namespace {
constexpr double kLimiterLoss = 0.03;  // the limiting module's share of the power it passes
}

void PowerPath::command(const hal::SwitchCommand& c) {
  // After a trip the front end keeps the FETs open until the firmware has opened them too.
  if (tripped_ && !c.charge_fet && !c.discharge_fet) tripped_ = false;
  gates_ = c;
}

void PowerPath::configure_short_circuit(double threshold_A, double /*delay_us*/) {
  // The delay (hundreds of microseconds) is far below a step: any step over the threshold trips.
  threshold_A_ = threshold_A;
}

bool PowerPath::charge_closed() const {
  return (gates_.charge_fet && !tripped_) || stuck_charge_;
}

bool PowerPath::discharge_closed() const {
  return (gates_.discharge_fet && !tripped_) || stuck_discharge_;
}

bool PowerPath::limiting() const {
  return gates_.charge_limiter && !tripped_ && !charge_closed();
}

bool PowerPath::precharging() const {
  return gates_.precharge && !tripped_ && !discharge_closed();
}

// Back to back: each direction needs its own FET (or its bypass: the limiter for charge, the
// pre-charge resistor for discharge) and passes the other FET closed or through its diode.
BranchLaw PowerPath::law(double pack_V, double series_ohm) const {
  const bool chg = charge_closed();
  const bool dsg = discharge_closed();
  const bool limit = !chg && gates_.charge_limiter && !tripped_;
  const bool pre = !dsg && gates_.precharge && !tripped_;
  BranchLaw law;
  if (!(chg || dsg || limit || pre)) return law;
  const double ohm = series_ohm + 2 * p_.fet_mOhm / 1000;
  const double siemens = 1 / ohm;
  if (chg || limit) {
    law.charge_above_V = pack_V + (dsg ? 0.0 : p_.diode_V);
    law.charge_S = siemens;
    if (limit) {
      law.charge_max_A = p_.limiter_A;
      law.charge_knee_V = law.charge_above_V + p_.limiter_A * ohm;
    }
  }
  if (dsg || pre) {
    law.discharge_below_V = pack_V - (chg ? 0.0 : p_.diode_V);
    law.discharge_S = dsg ? siemens : 1 / (ohm + p_.precharge_ohm);
    law.delivers = dsg;
    law.precharges = pre;
  }
  return law;
}

bool PowerPath::sense(double peak_A) {
  if (std::abs(peak_A) < threshold_A_) return false;
  const bool welded = peak_A < 0 ? stuck_discharge_ : stuck_charge_;
  if (welded || tripped_) return false;
  tripped_ = true;
  return true;
}

// A closed FET heats by I²R, an open one whose body diode carries the current by its forward
// drop, the limiting module by its conversion loss. The pre-charge current is small and its
// resistor sits apart from the FETs.
double PowerPath::heat_W(double current_A, double pack_V) const {
  if (current_A == 0) return 0;
  const double a = std::abs(current_A);
  const double fet_W = a * a * p_.fet_mOhm / 1000.0;
  const double diode_W = a * p_.diode_V;
  const bool chg = charge_closed();
  const bool dsg = discharge_closed();
  if (current_A > 0) {
    const double in_W = chg ? fet_W : kLimiterLoss * a * pack_V;  // else the limiter carries it
    return in_W + (dsg ? fet_W : diode_W);
  }
  return (dsg ? fet_W : 0.0) + (chg ? fet_W : diode_W);
}

}  // namespace lfpbms::sim
