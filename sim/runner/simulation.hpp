#pragma once
// One run of the twin with the firmware in the loop: every 100 ms the surroundings, the
// inverter, the power path, the cells and the heat move on by one step, then the unchanged
// firmware ticks on the twin's board, then the safety monitor and the recorder look.
#include <functional>
#include <memory>

#include "bms.hpp"
#include "sim/faults/fault_schedule.hpp"
#include "sim/monitor/safety_monitor.hpp"
#include "sim/pack/pack.hpp"
#include "sim/pack/power_path.hpp"
#include "sim/pack/twin_board.hpp"
#include "sim/profile/product_profile.hpp"
#include "sim/runner/recorder.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/thermal/thermal.hpp"
#include "sim/world/inverter.hpp"
#include "sim/world/site.hpp"
#include "storage/event_fanout.hpp"
#include "storage/event_log.hpp"

namespace lfpbms::sim {

inline constexpr double kStep_s = 0.1;  // the firmware's tick

class Simulation {
 public:
  // Throws ScenarioError when the scenario's settings do not fit the profile.
  Simulation(const Scenario& scenario, const ProductProfile& profile);

  // Runs to the end; `progress(simulated_s, total_s)` is called now and then.
  void run(const std::function<void(double, double)>& progress = {});
  void step();

  double t_s() const { return t_s_; }
  double total_s() const { return total_s_; }
  const Recorder& recorder() const { return recorder_; }
  const SafetyMonitor& monitor() const { return monitor_; }
  const Bms& bms() const { return *bms_; }
  Bms& bms() { return *bms_; }  // for the host link, which writes settings and switches
  // A power cut to the BMS: the firmware loses all but its flash and starts again from what it
  // stored (parameters, counters, records); the cells, the twin and the wall clock go on.
  void power_cycle();
  std::uint32_t power_cycles() const { return power_cycles_; }
  // The firmware's own event log on the board's flash (ST-3), as a host link reads it; every
  // event also goes to the recorder.
  EventLog& event_log() { return event_log_; }
  TwinBoard& board() { return board_; }
  const Pack& pack() const { return pack_; }
  const Scenario& scenario() const { return scenario_; }
  const ProductProfile& profile() const { return profile_; }
  // What the firmware is told the pack holds: the scenario's capacity_Ah or the profile's.
  double rated_capacity_Ah() const { return capacity_Ah_; }

 private:
  static ParamSet checked_params(const Scenario& scenario, const ProductProfile& profile,
                                 double capacity_Ah);
  void configure_firmware();
  MonitorLimits monitor_limits() const;
  BatteryPort battery_port() const;
  void log_faults();
  MonitorSample in_force() const;
  void check_and_record(const PathResult& r, const SiteNow& now, const InverterOutput& inv);

  Scenario scenario_;
  ProductProfile profile_;
  double total_s_;
  double t_s_ = 0;
  std::uint64_t steps_ = 0;
  Random rng_;
  double capacity_Ah_;
  ParamSet params_;  // profile and scenario settings over the defaults, checked
  Site site_;
  Inverter inverter_;
  Pack pack_;
  Thermal thermal_;
  PowerPath path_;
  TwinBoard board_;
  Recorder recorder_;
  EventLog event_log_;
  EventFanout events_;
  std::unique_ptr<Bms> bms_;
  FaultSchedule faults_;
  FaultTargets targets_;
  PortState port_;
  InverterFaults inverter_faults_;
  SafetyMonitor monitor_;
  std::vector<FaultChange> changes_;
  std::size_t violations_logged_ = 0;
  std::size_t notices_logged_ = 0;
  SiteNow now_;
  MonitorSample in_force_;
  double soc_true_ = 0;
  PathResult last_;
  std::uint32_t power_cycles_ = 0;
};

}  // namespace lfpbms::sim
