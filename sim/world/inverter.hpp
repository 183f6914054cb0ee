#pragma once
// A hybrid solar inverter at the battery's DC port. Closed loop (CAN/RS485 with the BMS) it
// follows the advertised charge voltage limit, CCL, DCL, the enables and force charge, as a
// real inverter does; open loop it charges to its own voltage and discharges to its own
// cut-off. PV first feeds the house, the surplus charges the battery, the grid (or a
// generator off-grid) covers the rest.
#include "control/limits.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/world/site.hpp"

namespace lfpbms::sim {

// What the inverter sees of the battery.
struct BatteryPort {
  bool bms_link = false;  // the BMS answers (awake, communication up)
  InverterLimits limits;  // the last values received
  double soc_pct = 0;
  double voltage_V = 0;  // at the DC port
  double current_A = 0;  // what actually flowed last step, + charges
};

// Faults of the inverter side, switched by the fault schedule.
struct InverterFaults {
  double over_voltage_V = 0;  // > 0: an open-loop charger regulating to this, ignoring the BMS
  bool charger_failed = false;
};

struct InverterOutput {
  double battery_A = 0;      // requested battery current, + charges
  double port_source_V = 0;  // > 0: the voltage it holds at the port when no battery current flows
  double grid_W = 0;         // + import
  double generator_W = 0;
  double unserved_W = 0;  // load it could not serve (off-grid)
  bool charging_wanted = false;
};

class Inverter {
 public:
  Inverter(const InverterSetup& setup, const SiteSetup& site, std::uint8_t series_count);

  InverterOutput step(double t_s, double dt_s, const SiteNow& now, const BatteryPort& port,
                      const InverterFaults& faults);

 private:
  double charge_request_A(double want_A, double cv_V, double ccl_A, const BatteryPort& port,
                          double dt_s);
  double open_loop_A(double surplus_W, double cv_V, const BatteryPort& port, double dt_s);
  double activation_V(double t_s, const SiteNow& now, const BatteryPort& port);
  void settle_grid(InverterOutput& out, const SiteNow& now, double v) const;
  bool generator_wanted(const BatteryPort& port);

  InverterSetup setup_;
  SiteSetup site_;
  std::uint8_t series_;
  double cv_request_A_ = 0;  // the charge loop's integrator
  double dead_since_s_ = -1;
  bool generator_on_ = false;
};

}  // namespace lfpbms::sim
