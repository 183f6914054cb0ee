#include "sim/pack/power_path.hpp"

#include <algorithm>

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
  return (gates_.charge_fet && !tripped_) || port_.stuck_charge;
}

bool PowerPath::discharge_closed() const {
  return (gates_.discharge_fet && !tripped_) || port_.stuck_discharge;
}

// Losses of the path at `current_A`: a closed FET heats by I^2 R, an open one whose body diode
// carries the current by its forward drop, the limiting module by its conversion loss.
double PowerPath::fet_heat(double current_A) const {
  const double a = std::abs(current_A);
  const double fet_W = a * a * p_.fet_mOhm / 1000.0;
  const double diode_W = a * p_.diode_V;
  double w = 0;
  if (current_A > 0) {
    const bool limited = !charge_closed();
    w += limited ? 0.0 : fet_W;
    w += discharge_closed() ? fet_W : diode_W;
  } else if (current_A < 0) {
    w += discharge_closed() ? fet_W : 0.0;
    w += charge_closed() ? fet_W : diode_W;
  }
  return w;
}

// The discharge FET closed onto a fault at the terminals: `a` flows unless the comparator trips
// (a welded FET cannot be opened by it).
PathResult PowerPath::fault_current(double a, const PortState& port) {
  PathResult r;
  if (!discharge_closed()) return r;
  r.peak_A = std::abs(a);
  if (trips(a) && !port.stuck_discharge) {
    tripped_ = r.short_trip = true;
  } else {
    r.current_A = a;
    r.fet_heat_W = fet_heat(a);
  }
  return r;
}

PathResult PowerPath::shorted(double pack_V, double pack_ohm, const PortState& port) {
  const double ohm = pack_ohm + 2 * p_.fet_mOhm / 1000 + port.short_mOhm / 1000;
  PathResult r = fault_current(-pack_V / ohm, port);
  r.terminal_V = -r.current_A * port.short_mOhm / 1000;
  link_V_ = r.terminal_V;
  was_tied_ = false;
  return r;
}

// A source the wrong way round drives a discharge-direction current that only the discharge
// FET can stop; with it closed the current is a short circuit through two sources.
PathResult PowerPath::reversed(double pack_V, double pack_ohm, const PortState& port) {
  const double ohm = pack_ohm + p_.cable_mOhm / 1000;
  PathResult r = fault_current(-(pack_V + port.reverse_V) / ohm, port);
  r.terminal_V = -port.reverse_V;
  link_V_ = r.terminal_V;
  was_tied_ = false;
  return r;
}

PathResult PowerPath::inverter(double dt_s, double request_A, double pack_V, double pack_ohm,
                               const PortState& port) {
  PathResult r;
  const bool dsg = discharge_closed();
  const bool limiting = !charge_closed() && gates_.charge_limiter && !tripped_;
  // Closing the discharge FET onto a link well below the pack: the in-rush pre-charge avoids.
  if (dsg && !was_tied_) {
    const double ohm = pack_ohm + 2 * p_.fet_mOhm / 1000 + p_.cable_mOhm / 1000;
    const double inrush_A = (pack_V - link_V_) / ohm;
    r.peak_A = std::abs(inrush_A);
    if (trips(inrush_A) && !port.stuck_discharge) {
      tripped_ = r.short_trip = true;
      r.terminal_V = link_V_;
      return r;
    }
  }
  was_tied_ = dsg;

  double a = 0;
  if (request_A > 0 && charge_closed()) a = request_A;
  if (request_A > 0 && limiting) a = std::min(request_A, p_.limiter_A);
  if (request_A < 0 && dsg) a = request_A;
  if (trips(a) && !(a < 0 ? port.stuck_discharge : port.stuck_charge)) {
    tripped_ = r.short_trip = true;
    r.peak_A = std::abs(a);
    r.terminal_V = link_V_;
    return r;
  }
  r.peak_A = std::max(r.peak_A, std::abs(a));

  // With no current the port is where the stronger side holds it: the inverter above the pack
  // (charging into an open charge FET, or waking a sleeping pack), else the pack through a
  // closed discharge FET.
  const bool held = port.source_V > 0 && (!dsg || port.source_V > pack_V);
  if (a != 0) {
    link_V_ = pack_V + a * pack_ohm;
  } else if (held) {
    link_V_ = port.source_V;
  } else if (dsg) {
    link_V_ = pack_V;
  } else if (gates_.precharge && !tripped_) {
    const double tau_s = p_.precharge_ohm * p_.link_F;
    const double before_V = link_V_;
    link_V_ = pack_V - (pack_V - link_V_) * std::exp(-dt_s / tau_s);
    a = -p_.link_F * (link_V_ - before_V) / dt_s;
  } else {
    link_V_ *= std::exp(-dt_s / p_.link_idle_tau_s);
  }
  r.current_A = a;
  r.terminal_V = link_V_;
  r.fet_heat_W = fet_heat(a) + (limiting ? kLimiterLoss * a * pack_V : 0.0);
  return r;
}

PathResult PowerPath::step(double dt_s, double request_A, double pack_V, double pack_ohm,
                           const PortState& port) {
  port_ = port;
  if (port.short_mOhm > 0) return shorted(pack_V, pack_ohm, port);
  if (port.reverse_V > 0) return reversed(pack_V, pack_ohm, port);
  return inverter(dt_s, request_A, pack_V, pack_ohm, port);
}

}  // namespace lfpbms::sim
