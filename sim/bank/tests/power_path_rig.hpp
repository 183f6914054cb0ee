#pragma once
// One pack's power path on a one-branch bus with a fixed pack, stepped every 100 ms, for the
// power path's tests.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/bank/dc_bus.hpp"
#include "sim/pack/tests/gates.hpp"

namespace lfpbms::sim {

inline constexpr double kPackV = 51.2;
inline constexpr double kPackOhm = 0.009;
inline constexpr double kCableOhm = 0.0015;
inline constexpr double kDt = 0.1;
inline constexpr double kChargerV = 56.0;  // a charger's voltage (3.5 V/cell)
// Resistance from the cells to the bus with both FETs closed, and the pack's side of it.
inline constexpr double kBranchOhm = kPackOhm + 2 * 1.2e-3 + kCableOhm;
inline constexpr double kInsideOhm = kPackOhm + 2 * 1.2e-3;
// When the bus moves, the link capacitor takes or gives C dV/dt, and it leaks ~17 mA: the pack
// sees the inverter's current within this much.
inline constexpr double kLinkShare_A = 0.25;
inline constexpr double kLeak_A = 0.03;  // the link's leak at pack voltage, with a margin

struct OnePack {
  PowerPath path;
  DcBus bus;
  BusResult last;

  // As the twin's inverter does, a charge request comes with the charger's voltage.
  BranchResult step(double request_A, const PortState& port = {}) {
    PortState p = port;
    if (request_A > 0 && p.source_V <= 0) p.source_V = kChargerV;
    const Branch branch{&path, kPackV, kPackOhm, kCableOhm, true};
    BranchResult r;
    last = bus.step(kDt, request_A, p, {&branch, 1}, {&r, 1});
    return r;
  }
  // The third step with the same request: the link has followed the bus.
  BranchResult steady(double request_A, const PortState& port = {}) {
    step(request_A, port);
    step(request_A, port);
    return step(request_A, port);
  }
  double link_V() const { return bus.bus_V(); }
};

// A path whose link is already charged to the pack (pre-charged with the charge FET closed,
// 20 tau), with the given gates: no in-rush.
inline OnePack tied(const hal::SwitchCommand& c) {
  OnePack p;
  p.path.command(gates(true, false, true));
  for (int i = 0; i < 200; ++i) p.step(0);
  p.path.command(c);
  return p;
}

}  // namespace lfpbms::sim
