#pragma once
// A closed-loop port, a site moment and an inverter stepped at 100 ms, for the inverter's tests.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/world/inverter.hpp"

namespace lfpbms::sim {

inline constexpr double kDt = 0.1;

inline BatteryPort linked(double volts = 52.0) {
  BatteryPort p;
  p.bms_link = true;
  p.limits.charge_voltage_mV = 55200;
  p.limits.charge_current_limit_mA = 50000;
  p.limits.discharge_current_limit_mA = 80000;
  p.limits.discharge_voltage_mV = 44800;
  p.limits.charge_enable = true;
  p.limits.discharge_enable = true;
  p.soc_pct = 50;
  p.voltage_V = volts;
  return p;
}

inline SiteNow site_now(double pv_W, double load_W, bool grid = true) {
  SiteNow n;
  n.pv_W = pv_W;
  n.load_W = load_W;
  n.grid = grid;
  return n;
}

struct Rig {
  explicit Rig(InverterSetup setup = {}, SiteSetup site = {}) : inverter(setup, site, 16) {}
  InverterOutput step(const SiteNow& now, const BatteryPort& port, const InverterFaults& f = {},
                      double t = 0) {
    return inverter.step(t, kDt, now, port, f);
  }
  Inverter inverter;
};

// A battery as the loop sees it: E behind R, the port at E + I R after the current flowed.
struct Battery {
  double e_V, r_ohm, i_A = 0;
  BatteryPort port(const BatteryPort& limits) const {
    BatteryPort p = limits;
    p.voltage_V = e_V + i_A * r_ohm;
    p.current_A = i_A;
    return p;
  }
};

}  // namespace lfpbms::sim
