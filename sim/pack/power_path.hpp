#pragma once
// The power path between the cells and the terminals: charge and discharge MOSFETs back to
// back (each body diode conducts the other direction), the pre-charge resistor around the
// discharge FET, the current-limiting module around the charge FET, the hardware short-circuit
// comparator, and the inverter's DC-link capacitor on the far side of the terminals.
#include <cmath>
#include <cstdint>

#include "hal/power_switches.hpp"

namespace lfpbms::sim {

struct PowerPathParams {
  double fet_mOhm = 1.2;          // each FET bank, on
  double diode_V = 0.7;           // body diode forward drop
  double precharge_ohm = 100.0;   // with the link below: tau = 1 s
  double link_F = 0.010;          // the inverter's DC-link capacitance
  double link_idle_tau_s = 30.0;  // the link's own discharge with the inverter idle
  double cable_mOhm = 1.5;
  double limiter_A = 20.0;  // PK-6: the current-limiting module's current
};

// What happens at the terminals beyond the inverter, switched by the fault schedule.
struct PortState {
  double source_V = 0;        // the inverter holds the port at this when > 0 and no current flows
  double short_mOhm = 0;      // > 0: the terminals are shorted through this
  double reverse_V = 0;       // > 0: a source connected the wrong way round
  bool stuck_charge = false;  // a FET welded closed
  bool stuck_discharge = false;
};

struct PathResult {
  double current_A = 0;     // through the cells from outside, + charges
  double terminal_V = 0;    // at the port, what the front end measures
  double fet_heat_W = 0;    // FETs, diodes, limiter
  double peak_A = 0;        // the largest instantaneous current (in-rush, short)
  bool short_trip = false;  // the comparator tripped this step
};

class PowerPath {
 public:
  explicit PowerPath(const PowerPathParams& p = {}) : p_(p) {}

  void command(const hal::SwitchCommand& c);  // the firmware's gates; re-arms a tripped path
  void configure_short_circuit(double threshold_A, double delay_us);
  void set_limiter_A(double a) { p_.limiter_A = a; }

  // One step: the inverter asks for `request_A`; the pack shows `pack_V` behind `pack_ohm`.
  PathResult step(double dt_s, double request_A, double pack_V, double pack_ohm,
                  const PortState& port);

  const hal::SwitchCommand& gates() const { return gates_; }
  bool charge_closed() const;  // as the hardware really is (stuck FETs, trips)
  bool discharge_closed() const;
  double link_V() const { return link_V_; }

 private:
  PathResult fault_current(double a, const PortState& port);
  PathResult shorted(double pack_V, double pack_ohm, const PortState& port);
  PathResult reversed(double pack_V, double pack_ohm, const PortState& port);
  PathResult inverter(double dt_s, double request_A, double pack_V, double pack_ohm,
                      const PortState& port);
  double fet_heat(double current_A) const;
  bool trips(double current_A) const { return std::abs(current_A) >= threshold_A_; }

  PowerPathParams p_;
  hal::SwitchCommand gates_;
  PortState port_;
  bool tripped_ = false;  // the comparator opened the FETs until the firmware commands again
  double threshold_A_ = 300.0;
  double link_V_ = 0;
  bool was_tied_ = false;
};

}  // namespace lfpbms::sim
