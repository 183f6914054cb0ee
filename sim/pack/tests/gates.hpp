#pragma once
// The firmware's switch command in one line, for the power path's and the bus's tests.
#include "hal/power_switches.hpp"

namespace lfpbms::sim {

inline hal::SwitchCommand gates(bool chg, bool dsg, bool pre = false, bool lim = false) {
  hal::SwitchCommand c;
  c.charge_fet = chg;
  c.discharge_fet = dsg;
  c.precharge = pre;
  c.charge_limiter = lim;
  return c;
}

}  // namespace lfpbms::sim
