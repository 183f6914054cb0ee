#pragma once
// One run of the twin with the firmware in the loop: every 100 ms the surroundings, the
// inverter, the DC bus with every pack of the bank, the cells and the heat move on by one
// step, then each pack's unchanged firmware ticks on its own board and the bank's packs talk
// on their internal bus, then the safety monitor (every pack) and the recorder look. A lone
// pack is a bank of one.
#include <functional>
#include <memory>
#include <vector>

#include "bms.hpp"
#include "sim/bank/bank.hpp"
#include "sim/faults/fault_schedule.hpp"
#include "sim/monitor/safety_monitor.hpp"
#include "sim/profile/product_profile.hpp"
#include "sim/runner/recorder.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/world/inverter.hpp"
#include "sim/world/site.hpp"

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
  const Scenario& scenario() const { return scenario_; }
  const ProductProfile& profile() const { return bank_->profile(); }
  Bank& bank() { return *bank_; }
  const Bank& bank() const { return *bank_; }
  std::size_t pack_count() const { return bank_->size(); }
  // "pack N: " before what concerns pack N (from 1) of a bank; "" for a lone pack or N = 0.
  std::string pack_label(int number) const;
  // Every pack's safety violations in time order; in a bank each names its pack.
  std::vector<Violation> violations() const;
  // The system view the inverter gets: the first pack's (the master's, in a bank).
  const protocol::SystemBlock& system_view() const;
  // When the master's system view first listed every pack of the bank (PA-1); < 0: never.
  double bank_settled_s() const { return settled_s_; }

  // The first pack, the one cabled to the inverter: all there is of a lone pack.
  const Bms& bms() const { return *bank_->unit(0).bms; }
  Bms& bms() { return *bank_->unit(0).bms; }  // for a host link, which writes settings
  EventLog& event_log() { return bank_->unit(0).event_log; }
  TwinBoard& board() { return bank_->unit(0).board; }
  const Pack& pack() const { return bank_->unit(0).pack; }
  const SafetyMonitor& monitor() const { return bank_->unit(0).monitor; }
  // What the firmware is told the first pack holds: the scenario's capacity_Ah or the profile's.
  double rated_capacity_Ah() const { return bank_->unit(0).capacity_Ah; }

  // A power cut to every pack's BMS (or one): the firmware loses all but its flash and starts
  // again from what it stored; the cells, the twin and the wall clock go on.
  void power_cycle();
  void power_cycle(std::size_t pack);
  std::uint32_t power_cycles() const { return power_cycles_; }

 private:
  BatteryPort battery_port() const;
  void log_faults();
  void apply_faults();
  void note_monitors();
  void record(const InverterOutput& inv);
  void record_packs(bool new_second);

  Scenario scenario_;
  double total_s_;
  double t_s_ = 0;
  std::uint64_t steps_ = 0;
  Random rng_;
  Site site_;
  Inverter inverter_;
  Recorder recorder_;
  std::unique_ptr<Bank> bank_;
  FaultSchedule faults_;
  FaultTargets targets_;
  PortState port_;
  InverterFaults inverter_faults_;
  std::vector<FaultChange> changes_;
  std::vector<std::size_t> violations_logged_;
  std::vector<std::size_t> notices_logged_;
  SiteNow now_;
  BusResult last_;
  double soc_true_ = 0;
  std::vector<double> pack_soc_true_;
  std::vector<PackSample> pack_samples_;
  std::uint32_t power_cycles_ = 0;
  double settled_s_ = -1;
};

}  // namespace lfpbms::sim
