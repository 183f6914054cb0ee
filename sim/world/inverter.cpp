#include "sim/world/inverter.hpp"

#include <algorithm>
#include <cmath>

namespace lfpbms::sim {

namespace {

constexpr double kCvGain_A_per_V = 25.0;  // the charge loop: amps per volt of error per step
constexpr double kOpenLoopCutoff_V_per_cell = 2.9;
constexpr double kActivation_V_per_cell = 3.35;
constexpr double kActivationOn_s = 60.0;
constexpr double kActivationPeriod_s = 900.0;
constexpr double kActivationWait_s = 5.0;  // the port must look dead this long first
constexpr double kDeadPort_V_per_cell = 1.5;

}  // namespace

Inverter::Inverter(const InverterSetup& setup, const SiteSetup& site, std::uint8_t series_count)
    : setup_(setup), site_(site), series_(series_count) {}

// Constant current up to the limit, then the voltage loop takes the current down so that the
// port stays at the charge voltage: CC/CV as a charger does it, one step at a time.
double Inverter::charge_request_A(double want_A, double cv_V, double ccl_A, const BatteryPort& port,
                                  double dt_s) {
  const double cc_A = std::clamp(std::min(want_A, ccl_A), 0.0, setup_.max_charge_A);
  const double error_V = cv_V - port.voltage_V;
  const double base_A = std::max(port.current_A, 0.0);
  cv_request_A_ = std::clamp(base_A + kCvGain_A_per_V * error_V * (dt_s / 0.1), 0.0, cc_A);
  return cv_request_A_;
}

double Inverter::open_loop_A(double surplus_W, double cv_V, const BatteryPort& port, double dt_s) {
  const double v = std::max(port.voltage_V, 1.0);
  if (surplus_W > 0) return charge_request_A(surplus_W / v, cv_V, setup_.max_charge_A, port, dt_s);
  if (port.voltage_V <= kOpenLoopCutoff_V_per_cell * series_) return 0.0;
  return -std::min(-surplus_W / v, setup_.max_discharge_A);
}

// A sleeping pack shows no voltage; an inverter in closed loop then puts a voltage on the port
// for a while, every so often, to wake its BMS ("battery activation"). Once it has started,
// the port shows the inverter's own voltage (and the DC link's remains of it), so only the BMS
// answering ends the cycle; a live port before the first window cancels it.
double Inverter::activation_V(double t_s, const SiteNow& now, const BatteryPort& port) {
  if (!setup_.activate_battery || !setup_.follows_bms || port.bms_link) {
    dead_since_s_ = -1;
    return 0;
  }
  const bool low = port.voltage_V < kDeadPort_V_per_cell * series_;
  const bool started = dead_since_s_ >= 0 && t_s - dead_since_s_ >= kActivationWait_s;
  if (!low && !started) {
    dead_since_s_ = -1;
    return 0;
  }
  if (dead_since_s_ < 0) dead_since_s_ = t_s;
  const bool source = now.pv_W > 200.0 || now.grid;
  const double since_s = t_s - dead_since_s_;
  if (!source || since_s < kActivationWait_s) return 0;
  return std::fmod(since_s, kActivationPeriod_s) < kActivationOn_s
             ? kActivation_V_per_cell * series_
             : 0.0;
}

// Off-grid: the generator starts at 20 % or when the BMS asks for a force charge, and stops
// at 80 %.
bool Inverter::generator_wanted(const BatteryPort& port) {
  if (!site_.generator || site_.grid) return false;
  if (port.soc_pct < 20.0 || port.limits.force_charge) {
    generator_on_ = true;
  } else if (port.soc_pct > 80.0) {
    generator_on_ = false;
  }
  return generator_on_;
}

void Inverter::settle_grid(InverterOutput& out, const SiteNow& now, double v) const {
  const double need_W = now.load_W - now.pv_W - out.generator_W + out.battery_A * v;
  if (now.grid) {
    out.grid_W = need_W;
    return;
  }
  // Off-grid: surplus PV is curtailed, a deficit is load that goes dark.
  out.unserved_W = std::max(0.0, need_W);
}

InverterOutput Inverter::step(double t_s, double dt_s, const SiteNow& now, const BatteryPort& port,
                              const InverterFaults& faults) {
  InverterOutput out;
  const double v = std::max(port.voltage_V, 1.0);
  if (generator_wanted(port)) out.generator_W = site_.generator_kW * 1000.0;
  const double surplus_W = now.pv_W + out.generator_W - now.load_W;
  const InverterLimits& l = port.limits;

  if (faults.over_voltage_V > 0) {
    out.battery_A = charge_request_A(setup_.max_charge_A, faults.over_voltage_V,
                                     setup_.max_charge_A, port, dt_s);
    out.charging_wanted = true;
    out.port_source_V = faults.over_voltage_V;
  } else if (!setup_.follows_bms) {
    const double cv_V = setup_.charge_voltage_V > 0 ? setup_.charge_voltage_V : 3.5 * series_;
    out.battery_A = open_loop_A(surplus_W, cv_V, port, dt_s);
    out.charging_wanted = surplus_W > 0;
    out.port_source_V = out.charging_wanted ? cv_V : 0.0;
  } else if (port.bms_link) {
    const double cvl_V = l.charge_voltage_mV / 1000.0;
    const double ccl_A = l.charge_current_limit_mA / 1000.0;
    const double dcl_A = l.discharge_current_limit_mA / 1000.0;
    const bool grid_charge = l.force_charge && (now.grid || out.generator_W > 0);
    const double want_A = grid_charge ? ccl_A : surplus_W / v;
    const bool may_discharge =
        l.discharge_enable && (!now.grid || port.soc_pct > setup_.low_soc_cutoff_pct);
    if (want_A > 0 && l.charge_enable) {
      out.battery_A = charge_request_A(want_A, cvl_V, ccl_A, port, dt_s);
      out.charging_wanted = true;
      out.port_source_V = cvl_V;
    } else if (want_A < 0 && may_discharge) {
      out.battery_A = -std::min({-want_A, dcl_A, setup_.max_discharge_A});
    }
  }
  if (faults.charger_failed) {
    out.battery_A = std::min(out.battery_A, 0.0);
    out.charging_wanted = false;
    out.port_source_V = 0;
  }
  if (out.port_source_V == 0) out.port_source_V = activation_V(t_s, now, port);
  settle_grid(out, now, v);
  return out;
}

}  // namespace lfpbms::sim
