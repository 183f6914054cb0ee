#include "sim/monitor/safety_monitor.hpp"

#include <cstdio>

namespace lfpbms::sim {

namespace {
std::string format(const char* f, double a, double b = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}
}  // namespace

SafetyMonitor::SafetyMonitor(MonitorLimits limits)
    : limits_(std::move(limits)),
      over_s_(limits_.currents.size(), 0.0),
      over_flagged_(limits_.currents.size(), false) {}

void SafetyMonitor::check(const MonitorSample& s, double dt_s) {
  const MonitorLimits& l = limits_;
  const bool charging = s.current_A > l.charge_current_A;
  rule(kOverVoltage, s.max_cell_V > l.cell_max_V, s.t_s,
       [&] { return format("cell above %.2f V: %.3f V", l.cell_max_V, s.max_cell_V); });
  const bool low = s.min_cell_V < l.cell_min_V;
  rule(kUnderVoltage, low && s.discharge_path, s.t_s,
       [&] { return format("cell below %.2f V: %.3f V", l.cell_min_V, s.min_cell_V); });
  if (low && !s.discharge_path && !drained_) {
    notices_.push_back(
        {s.t_s, format("cell below %.2f V behind open FETs: %.3f V", l.cell_min_V, s.min_cell_V)});
  }
  drained_ = low && !s.discharge_path;
  // A tick's worth of current while a path turns round (the body-diode rule lets discharge
  // through a charge FET; the current may reverse before the next tick) is no charge: the
  // rule looks at charging that goes on for longer than the BMS's reaction time.
  const bool out_of_range = s.min_cell_C < l.charge_min_C || s.max_cell_C > l.charge_max_C;
  bad_charge_s_ = charging && out_of_range ? bad_charge_s_ + dt_s : 0.0;
  rule(kTemperatureCharge, bad_charge_s_ > l.reaction_s, s.t_s, [&] {
    const double c = s.min_cell_C < l.charge_min_C ? s.min_cell_C : s.max_cell_C;
    return format("charging %.1f A with a cell at %.1f °C", s.current_A, c);
  });
  rule(kFailureFets, s.failure_mode && (s.charge_gate || s.discharge_gate), s.t_s,
       [] { return std::string("a FET commanded closed in failure mode"); });
  rule(kLockedCharge, s.charge_locked && charging, s.t_s,
       [&] { return format("charging %.1f A through a locked charge path", s.current_A); });
  rule(kLockedDischarge, s.discharge_locked && s.current_A < -l.charge_current_A, s.t_s,
       [&] { return format("discharging %.1f A through a locked discharge path", -s.current_A); });

  for (std::size_t i = 0; i < l.currents.size(); ++i) {
    const auto& c = l.currents[i];
    const bool beyond = c.level_A > 0 ? s.current_A > c.level_A : s.current_A < c.level_A;
    over_s_[i] = beyond ? over_s_[i] + dt_s : 0.0;
    const bool too_long = over_s_[i] > c.delay_s + 1.0;
    if (too_long && !over_flagged_[i]) {
      violations_.push_back({s.t_s, std::string(c.name) + format(": %.1f A for longer than %.1f s",
                                                                 s.current_A, c.delay_s + 1.0)});
    }
    over_flagged_[i] = too_long;
  }
}

}  // namespace lfpbms::sim
