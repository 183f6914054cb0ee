#pragma once
// The faults a scenario injects, switched on and off at their times. Each fault acts on the
// part of the twin where it would happen in a real installation: a cell, a sensor, the power
// path, the inverter, the user's finger on the button.
#include <vector>

#include "sim/bank/dc_bus.hpp"
#include "sim/pack/pack.hpp"
#include "sim/pack/power_path.hpp"
#include "sim/pack/twin_board.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/world/inverter.hpp"

namespace lfpbms::sim {

// What a fault can touch in one pack of the bank.
struct PackTargets {
  Pack* pack = nullptr;
  SensorFaults* sensors = nullptr;
  PowerPath* path = nullptr;     // its switches (stuck FETs)
  bool button = false;           // its button held down
  bool bus_cable_cut = false;    // its internal-bus cable is cut
  bool dc_disconnected = false;  // its DC breaker is open
};

// Everything a fault can touch: each pack (a fault's `pack`), the port and the inverter.
struct FaultTargets {
  std::vector<PackTargets> packs;  // index: pack - 1
  PortState* port = nullptr;
  InverterFaults* inverter = nullptr;
  double surge_A = 0;      // extra discharge current drawn at the port
  bool link_down = false;  // the inverter stopped polling
};

// Whether a fault of this kind acts in one pack (its cells, sensors, FETs, button, cables) or
// on what the bank shares (the port, the inverter).
bool acts_in_pack(FaultKind kind);

struct FaultChange {
  double t_s;
  const FaultEvent* fault;
  bool started;  // false: it ended
};

class FaultSchedule {
 public:
  explicit FaultSchedule(std::vector<FaultEvent> faults);

  // Applies what starts or ends at or before `t_s`; appends each change to `changes`.
  void update(double t_s, FaultTargets& targets, std::vector<FaultChange>& changes);

 private:
  static void apply(const FaultEvent& f, bool on, FaultTargets& t);
  static bool apply_to_pack(const FaultEvent& f, bool on, PackTargets& t);
  double end_s(const FaultEvent& f) const;

  std::vector<FaultEvent> faults_;
  std::vector<bool> active_;
  double next_change_s_ = 0;
};

}  // namespace lfpbms::sim
