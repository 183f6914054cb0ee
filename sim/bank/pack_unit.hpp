#pragma once
// One pack of the twin: its cells, heat, switch assembly and board, the unchanged firmware
// with its event log on the board's flash, its part in the bank (the firmware's BankNode on
// the internal bus), and the independent safety monitor's view of it. The bank steps the bus
// for all packs; each pack then steps its own physics and firmware.
#include <cstdint>
#include <memory>

#include "bms.hpp"
#include "parallel/bank_node.hpp"
#include "protocol/host_device.hpp"
#include "sim/bank/bank_wiring.hpp"
#include "sim/bank/dc_bus.hpp"
#include "sim/monitor/safety_monitor.hpp"
#include "sim/pack/pack.hpp"
#include "sim/pack/power_path.hpp"
#include "sim/pack/twin_board.hpp"
#include "sim/profile/product_profile.hpp"
#include "sim/runner/recorder.hpp"
#include "sim/thermal/thermal.hpp"
#include "storage/event_log.hpp"

namespace lfpbms::sim {

// What makes one pack of a bank this pack.
struct UnitSetup {
  std::size_t index = 0;     // its place on the bus and the chain, 0-based
  PackSetup cells;           // initial SOC, spreads, age
  double capacity_Ah = 100;  // rated: what its firmware is told
  double cable_ohm = 0.0015;
  double start_C = 20;
  std::uint8_t dip = 0;   // its address switch
  double joins_at_s = 0;  // > 0: cables plugged in and switched on only then
};

// Faults the schedule switches on this pack.
struct UnitFaults {
  bool button = false;
  bool bus_cable_cut = false;
  bool dc_disconnected = false;
};

class PackUnit final : public BusListener {
 public:
  PackUnit(const UnitSetup& setup, const ProductProfile& profile, const SensorSetup& sensors,
           const ParamSet& params, Random rng, BankWiring& wiring, Recorder& recorder);
  ~PackUnit();
  PackUnit(const PackUnit&) = delete;
  PackUnit& operator=(const PackUnit&) = delete;

  // The firmware on factory defaults, then the installer's settings, as over the host link.
  // Throws std::runtime_error when the firmware refuses them.
  void start();
  Branch branch() const;
  // After the bus's step: cells, heat and what the front end will measure. The heater film
  // runs from the charger when `charger_holds_port`, else from the cells.
  void physics(double dt_s, double ambient_C, bool charger_holds_port);
  // The firmware's tick at `now_ms`; `polled`: the inverter asked this pack this tick.
  void tick(TimeMs now_ms, bool polled);
  void network(TimeMs now_ms);  // the bank node's tick (may send on the internal bus)
  void on_bus(const char* data, std::size_t length, double t_s) override;
  // A power cut to the BMS: everything but its flash is lost; it starts again from there.
  void power_cycle();
  void apply_faults();                  // what the schedule switched on this pack
  void check(double t_s, double dt_s);  // the safety monitor's look at this step
  void flush_events();  // the firmware's events since the last call, to the run's record

  bool awake() const { return bms && bms->status().state != ReportedState::Sleep; }
  bool joins_later() const { return joins_at_s_ > 0; }
  // Plugged in and switched on at `t_s`: true once, at its join time.
  bool due_to_join(double t_s) const { return joins_at_s_ > 0 && !bms && t_s >= joins_at_s_; }
  bool connected() const { return connected_; }
  double usable_soc() const { return pack.usable_soc(); }
  double cell_min_V() const { return cell_min_V_; }
  double cell_max_V() const { return cell_max_V_; }
  // Counts the firmware instances made so far: a new one may sit at the old one's address, so
  // whoever holds on to `device` compares this, not the pointer.
  std::uint32_t firmware_builds() const { return firmware_builds_; }
  // Over the run so far: the extremes of its cells and the energy at its terminals.
  struct Totals {
    double min_cell_V = 1e9, max_cell_V = 0;
    double charged_Wh = 0, discharged_Wh = 0;
  };
  const Totals& totals() const { return totals_; }

  const std::size_t index;
  const double capacity_Ah;
  const double cable_ohm;
  Pack pack;
  Thermal thermal;
  PowerPath path;
  TwinBoard board;
  EventLog event_log;
  std::unique_ptr<Bms> bms;
  std::unique_ptr<protocol::HostDevice> device;
  std::unique_ptr<BankNode> node;
  SafetyMonitor monitor;
  UnitFaults faults;
  BranchResult last;  // this step's flow through it

 private:
  class Events;
  void build_firmware();
  MonitorSample in_force() const;

  const ProductProfile& profile_;
  ParamSet params_;
  BankWiring& wiring_;
  std::unique_ptr<Events> events_;
  double joins_at_s_;
  bool connected_ = true;
  double own_A_ = 0;
  MonitorSample in_force_;
  double cell_min_V_ = 0;
  double cell_max_V_ = 0;
  Totals totals_;
  std::uint32_t firmware_builds_ = 0;
};

}  // namespace lfpbms::sim
