#pragma once
// Several fixed packs on one bus, stepped every 100 ms, for the bus's tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <vector>

#include "sim/bank/tests/power_path_rig.hpp"

namespace lfpbms::sim {

struct BankRig {
  explicit BankRig(std::size_t n) : paths(n), branches(n), results(n) {
    for (std::size_t i = 0; i < n; ++i) {
      branches[i] = {&paths[i], kPackV, kPackOhm, kCableOhm, true};
    }
  }
  BankRig(const BankRig&) = delete;  // the branches point at the paths
  BankRig& operator=(const BankRig&) = delete;

  BusResult step(double request_A, const PortState& port = {}) {
    last = bus.step(kDt, request_A, port, branches, results);
    return last;
  }
  // The third step with the same request: the link has followed the bus.
  BusResult steady(double request_A, const PortState& port = {}) {
    step(request_A, port);
    step(request_A, port);
    return step(request_A, port);
  }
  void command_all(const hal::SwitchCommand& c) {
    for (auto& p : paths) p.command(c);
  }
  // Pre-charges the bus (charge FETs closed) to the highest of the first `n` packs, then
  // closes their FETs; the others keep their gates.
  void tie(std::size_t n = kMaxBranches) {
    n = std::min(n, paths.size());
    for (std::size_t i = 0; i < n; ++i) paths[i].command(gates(true, false, true));
    for (int i = 0; i < 200; ++i) step(0);
    for (std::size_t i = 0; i < n; ++i) paths[i].command(gates(true, true));
    steady(0);
  }
  double packs_A() const {
    double a = 0;
    for (const auto& r : results) a += r.current_A;
    return a;
  }
  double branch_ohm(std::size_t i) const {
    return branches[i].pack_ohm + branches[i].cable_ohm + 2 * 1.2e-3;
  }

  std::vector<PowerPath> paths;
  std::vector<Branch> branches;
  std::vector<BranchResult> results;
  DcBus bus;
  BusResult last;
};

}  // namespace lfpbms::sim
