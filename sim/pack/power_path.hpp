#pragma once
// One pack's switch assembly between its cells and its terminals: charge and discharge MOSFETs
// back to back (each body diode conducts the other direction), the pre-charge resistor around
// the discharge FET, the current-limiting module around the charge FET, and the hardware
// short-circuit comparator. What lies beyond the terminals (cable, bus bar, the inverter's DC
// link, faults at the port) is the bus's (sim/bank/dc_bus.hpp): the path tells it how much
// current it passes at a given voltage, and the bus tells the comparator what flowed.
#include <cmath>
#include <limits>

#include "hal/power_switches.hpp"

namespace lfpbms::sim {

struct PowerPathParams {
  double fet_mOhm = 1.2;         // each FET bank, on
  double diode_V = 0.7;          // body diode forward drop
  double precharge_ohm = 100.0;  // into a 10 mF link: tau = 1 s
  double limiter_A = 20.0;       // PK-6: the current-limiting module's current
};

// The current into the pack (+ charges) against the voltage V at the far end of everything in
// series with it: nothing between the two thresholds, resistive beyond each, the charge side
// capped by the limiter. Non-decreasing in V, which is what lets the bus solve many of them.
struct BranchLaw {
  static constexpr double kInf = std::numeric_limits<double>::infinity();
  double charge_above_V = kInf;  // charge flows above this (+inf: blocked)
  double charge_S = 0;           // conductance of the charge direction
  double charge_knee_V = kInf;   // above this the limiter holds its current
  double charge_max_A = kInf;
  double discharge_below_V = -kInf;  // discharge flows below this (-inf: blocked)
  double discharge_S = 0;
  bool delivers = false;    // discharge through a closed discharge FET: the pack feeds the bus
  bool precharges = false;  // discharge through the pre-charge resistor only

  double current_A(double v) const {
    if (v >= charge_knee_V) return charge_max_A;  // never below charge_above_V
    if (v > charge_above_V) return (v - charge_above_V) * charge_S;
    if (v < discharge_below_V) return (v - discharge_below_V) * discharge_S;
    return 0;
  }
  // dI/dV on the piece just below v (`below`) or just above it: at a kink the side the solver
  // moves to.
  double slope_S(double v, bool below) const {
    const bool charging =
        below ? v > charge_above_V && v <= charge_knee_V : v >= charge_above_V && v < charge_knee_V;
    const bool discharging = below ? v <= discharge_below_V : v < discharge_below_V;
    return (charging ? charge_S : 0.0) + (discharging ? discharge_S : 0.0);
  }
};

class PowerPath {
 public:
  explicit PowerPath(const PowerPathParams& p = {}) : p_(p) {}

  void command(const hal::SwitchCommand& c);  // the firmware's gates; re-arms a tripped path
  void configure_short_circuit(double threshold_A, double delay_us);
  void set_limiter_A(double a) { p_.limiter_A = a; }
  // A FET welded closed (fault schedule): it conducts whatever the gates and the comparator say.
  void set_stuck_charge(bool stuck) { stuck_charge_ = stuck; }
  void set_stuck_discharge(bool stuck) { stuck_discharge_ = stuck; }
  bool stuck_charge() const { return stuck_charge_; }
  bool stuck_discharge() const { return stuck_discharge_; }

  // The path's law with the cells at `pack_V` behind `series_ohm` (the pack's own resistance
  // plus whatever lies between the terminals and the node the bus solves for: the cable).
  BranchLaw law(double pack_V, double series_ohm) const;
  // The comparator sees `peak_A` (+ charges): at or beyond its threshold it opens both FETs,
  // unless the FET that carries the current is welded. True when it tripped now.
  bool sense(double peak_A);
  // FETs (I²R), conducting body diodes (their drop) and the limiter (its conversion loss).
  double heat_W(double current_A, double pack_V) const;

  const hal::SwitchCommand& gates() const { return gates_; }
  bool charge_closed() const;  // as the hardware really is (stuck FETs, trips)
  bool discharge_closed() const;
  bool limiting() const;     // the limiter passes charge around the open charge FET
  bool precharging() const;  // the pre-charge resistor passes discharge around the open FET
  bool tripped() const { return tripped_; }

 private:
  PowerPathParams p_;
  hal::SwitchCommand gates_;
  bool tripped_ = false;  // the comparator opened the FETs until the firmware commands again
  bool stuck_charge_ = false;
  bool stuck_discharge_ = false;
  double threshold_A_ = 300.0;
};

}  // namespace lfpbms::sim
