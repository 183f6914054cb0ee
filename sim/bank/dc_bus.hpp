#pragma once
// The DC bus that packs in parallel share with the inverter: one node (the bus bar and the
// inverter's DC-link capacitor), one branch per pack (its cells behind their resistance, its
// switch assembly, its cable, its DC breaker), the inverter as a current source, and what a
// fault puts on the port (a short, a source connected the wrong way round). Every step solves
// the node's voltage implicitly, so the current splits by the circuit: a pack that opens moves
// its current onto the others, packs at different voltages equalize through the bus, and a
// pack closing onto a bus far from its own voltage sees the in-rush its comparator judges.
#include <array>
#include <cstddef>
#include <span>

#include "sim/pack/power_path.hpp"

namespace lfpbms::sim {

inline constexpr std::size_t kMaxBranches = 32;  // PA-1: packs in one bank

struct DcBusParams {
  double link_F = 0.010;           // the inverter's DC-link capacitance
  double link_idle_tau_s = 30.0;   // the link's own discharge (its leak: R = tau / C)
  double reverse_lead_mOhm = 1.5;  // the leads of a source connected the wrong way round
};

// What happens at the port beyond the inverter's current, switched by the inverter and the
// fault schedule.
struct PortState {
  double source_V = 0;    // > 0: a charging inverter never lifts the bus above this, and holds
                          // it there when no pack takes its current
  double short_mOhm = 0;  // > 0: the bus is shorted through this
  double reverse_V = 0;   // > 0: a source connected the wrong way round
};

// One pack on the bus.
struct Branch {
  PowerPath* path = nullptr;
  double pack_V = 0;      // its cells behind their resistance (Pack::internal_V)
  double pack_ohm = 0;    // that resistance (Pack::resistance_ohm)
  double cable_ohm = 0;   // its cable to the bus bar, both conductors
  bool connected = true;  // its DC breaker
};

struct BranchResult {
  double current_A = 0;     // into the pack, + charges
  double terminal_V = 0;    // at its own terminals, what its front end measures
  double fet_heat_W = 0;    // FETs, diodes, limiter
  double peak_A = 0;        // the largest instantaneous current (in-rush, short)
  bool short_trip = false;  // its comparator tripped this step
};

struct BusResult {
  double bus_V = 0;
  double inverter_A = 0;  // what the inverter actually moved into the bus, + charges the packs
  double packs_A = 0;     // into all the packs: inverter_A - link_A - fault_A
  double link_A = 0;      // into the link capacitor and its leak
  double fault_A = 0;     // into a short or a reversed source at the port
  int trips = 0;          // comparators that tripped this step
};

class DcBus {
 public:
  explicit DcBus(const DcBusParams& p = {}) : p_(p), idle_S_(p.link_F / p.link_idle_tau_s) {}

  // One step of `dt_s`: the inverter moves `inverter_A` (+ charges the packs) within the
  // limits of `port`; `results[i]` is `branches[i]`'s. At most kMaxBranches branches; tripping
  // comparators open their paths (PowerPath::sense), the rest is read-only.
  BusResult step(double dt_s, double inverter_A, const PortState& port,
                 std::span<const Branch> branches, std::span<BranchResult> results);

  double bus_V() const { return bus_V_; }

 private:
  void load_laws(std::span<const Branch> branches);
  double settle(double inverter_A, double source_V) const;
  int judge(double v, std::span<const Branch> branches, std::span<BranchResult> results);
  double balance_A(double v) const;  // into everything but the inverter at bus voltage v
  double slope_S(double v, bool below) const;
  bool straight(double a_V, double b_V) const;
  double root(double target_A, double lo_V, double hi_V) const;
  double link_A(double v) const { return c_S_ * (v - prev_V_) + leak_S_ * v; }
  void report(double v, std::span<const Branch> branches, std::span<BranchResult> results,
              BusResult& out) const;

  DcBusParams p_;
  double idle_S_;  // the link's leak: C / tau
  double bus_V_ = 0;
  // This step's node: the terms fixed while it is solved.
  double prev_V_ = 0;
  double c_S_ = 0;     // C / dt
  double leak_S_ = 0;  // 1 / R_idle, or 0 while a pack pre-charges
  double short_S_ = 0;
  double reverse_S_ = 0;
  double reverse_V_ = 0;
  bool battery_ = false;  // some pack can deliver through a closed discharge FET
  std::size_t count_ = 0;
  std::array<BranchLaw, kMaxBranches> laws_{};
  std::array<std::size_t, kMaxBranches> branch_of_{};  // laws_[k] is branches[branch_of_[k]]
  std::array<double, kMaxBranches> end_A_{};           // each law's current at the solved voltage
  std::array<double, kMaxBranches> peak_A_{};  // and the larger of that and the step's start
};

}  // namespace lfpbms::sim
