#pragma once
// A power path between a fixed pack and the port, stepped every 100 ms, for its tests.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/pack/power_path.hpp"

namespace lfpbms::sim {

inline constexpr double kPackV = 51.2;
inline constexpr double kPackOhm = 0.009;
inline constexpr double kDt = 0.1;

inline hal::SwitchCommand gates(bool chg, bool dsg, bool pre = false, bool lim = false) {
  hal::SwitchCommand c;
  c.charge_fet = chg;
  c.discharge_fet = dsg;
  c.precharge = pre;
  c.charge_limiter = lim;
  return c;
}

// A path whose link is already charged to the pack, with the given gates: no in-rush.
inline PowerPath tied(const hal::SwitchCommand& c) {
  PowerPath p;
  p.command(gates(false, false, true));
  for (int i = 0; i < 200; ++i) p.step(kDt, 0, kPackV, kPackOhm, {});  // 20 tau
  p.command(c);
  return p;
}

inline PathResult step(PowerPath& p, double request_A, const PortState& port = {}) {
  return p.step(kDt, request_A, kPackV, kPackOhm, port);
}

}  // namespace lfpbms::sim
