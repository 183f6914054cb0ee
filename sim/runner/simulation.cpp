#include "sim/runner/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/runner/event_names.hpp"

namespace lfpbms::sim {

namespace {

constexpr std::uint64_t kPollEvery = 10;  // the inverter polls the BMS once a second
constexpr double kProgressEvery_s = 3600.0;

double capacity_of(const Scenario& s, const ProductProfile& p) {
  return s.pack.capacity_Ah.value_or(p.capacity_Ah);
}

std::string param_label(ParamId id) {
  return id == ParamId::None ? std::string("?") : std::string(param_def(id).name);
}

double trace_interval_s(double days) {
  return std::max(60.0, days * 86400.0 / 10000.0);
}

std::string describe(const FaultChange& c) {
  const FaultEvent& f = *c.fault;
  char detail[96];
  std::snprintf(detail, sizeof detail, " (target %d, value %g)", f.target, f.value);
  return std::string(fault_kind_name(f.kind)) + (c.started ? " injected" : " removed") + detail;
}

}  // namespace

ParamSet Simulation::checked_params(const Scenario& scenario, const ProductProfile& profile,
                                    double capacity_Ah) {
  ParamSet params(profile.config.series_count);
  std::vector<ParamWrite> writes = profile.params;
  writes.push_back({ParamId::design_capacity_mAh, static_cast<std::int32_t>(capacity_Ah * 1000)});
  writes.insert(writes.end(), scenario.params.begin(), scenario.params.end());
  const WriteResult r = params.write(writes.data(), writes.size());
  if (!r.ok()) {
    std::string where = scenario.source;
    for (std::size_t i = 0; i < scenario.params.size(); ++i) {
      if (i < scenario.param_where.size() && scenario.params[i].id == r.param) {
        where = scenario.param_where[i];
      }
    }
    std::string msg = where + ": params." + param_label(r.param) + ": " + param_error_name(r.error);
    if (r.conflict != ParamId::None) msg += " with " + param_label(r.conflict);
    throw ScenarioError(msg + " (profile " + profile.name + ")");
  }
  return params;
}

Simulation::Simulation(const Scenario& scenario, const ProductProfile& profile)
    : scenario_(scenario),
      profile_(profile),
      total_s_(scenario.days * 86400.0),
      rng_(scenario.seed),
      capacity_Ah_(capacity_of(scenario, profile)),
      params_(checked_params(scenario, profile, capacity_Ah_)),
      site_(scenario.site, scenario.ambient, scenario.days, rng_.fork(1)),
      inverter_(scenario.inverter, scenario.site, profile.config.series_count),
      pack_(scenario.pack, capacity_Ah_, profile.config.series_count, rng_.fork(2)),
      thermal_(capacity_Ah_, profile.config.series_count,
               scenario.pack.temperature_C.value_or(site_.ambient_C(0)), rng_.fork(3)),
      board_(pack_, path_, thermal_, profile.config.ntc_count, rng_.fork(4), scenario.sensors),
      recorder_(trace_interval_s(scenario.days)),
      event_log_(board_.nvm(), profile.config.flash.log_sector, profile.config.flash.log_sectors),
      events_(recorder_, event_log_),
      faults_(scenario.faults),
      monitor_(monitor_limits()) {
  event_log_.mount();
  bms_ = std::make_unique<Bms>(board_.hardware(), profile_.config, events_);
  board_.set_short_circuit_handler([this] { bms_->on_short_circuit(); });
  targets_.pack = &pack_;
  targets_.sensors = &board_.faults;
  targets_.port = &port_;
  targets_.inverter = &inverter_faults_;
  configure_firmware();
  now_ = site_.at(0);
  soc_true_ = pack_.usable_soc();
}

void Simulation::power_cycle() {
  bms_.reset();
  event_log_.mount();
  bms_ = std::make_unique<Bms>(board_.hardware(), profile_.config, events_);
  bms_->start();
  ++power_cycles_;
}

// The firmware starts on factory defaults, then the installer writes the product's and the
// scenario's settings, as over the host link.
void Simulation::configure_firmware() {
  bms_->start();
  std::vector<ParamWrite> all;
  for (std::size_t i = 0; i < kParamCount; ++i) {
    all.push_back({static_cast<ParamId>(i), params_.values()[i]});
  }
  const WriteResult r = bms_->set_params(all.data(), all.size());
  if (!r.ok()) throw ScenarioError(scenario_.source + ": the firmware refused the settings");
  path_.set_limiter_A(params_.get(ParamId::charge_limit_mA) / 1000.0);
}

MonitorLimits Simulation::monitor_limits() const {
  MonitorLimits l;
  auto amps = [&](ParamId id) { return params_.get(id) / 1000.0; };
  auto secs = [&](ParamId id) { return params_.get(id) / 1000.0; };
  l.currents = {
      {"charge over-current", amps(ParamId::chg_oc_protect_mA), secs(ParamId::chg_oc_delay_ms)},
      {"discharge over-current", -amps(ParamId::dsg_oc1_protect_mA),
       secs(ParamId::dsg_oc1_delay_ms)},
      {"discharge over-current tier 2", -amps(ParamId::dsg_oc2_protect_mA),
       secs(ParamId::dsg_oc2_delay_ms)},
      {"short circuit", -amps(ParamId::scp_current_mA), params_.get(ParamId::scp_delay_us) / 1e6},
  };
  return l;
}

BatteryPort Simulation::battery_port() const {
  const BmsStatus& st = bms_->status();
  BatteryPort p;
  p.bms_link =
      scenario_.inverter.communication && !targets_.link_down && st.state != ReportedState::Sleep;
  p.limits = st.limits;
  p.soc_pct = st.soc_pptt / 100.0;
  p.voltage_V = last_.terminal_V;
  p.current_A = last_.current_A;
  return p;
}

void Simulation::log_faults() {
  for (const auto& c : changes_) {
    recorder_.note(c.t_s, std::string("fault:") + fault_kind_name(c.fault->kind), "fault",
                   describe(c));
  }
  changes_.clear();
}

void Simulation::step() {
  const double t = t_s_;
  if (steps_ % kPollEvery == 0) now_ = site_.at(t);
  faults_.update(t, targets_, changes_);
  if (!changes_.empty()) log_faults();
  board_.set_button(targets_.button);

  const BatteryPort port = battery_port();
  const InverterOutput inv = inverter_.step(t, kStep_s, now_, port, inverter_faults_);
  port_.source_V = inv.port_source_V;
  const double pack_V = pack_.internal_V();
  last_ =
      path_.step(kStep_s, inv.battery_A - targets_.surge_A, pack_V, pack_.resistance_ohm(), port_);
  if (last_.short_trip) board_.short_circuit();

  const bool awake = bms_->status().state != ReportedState::Sleep;
  // The film runs from the charger when one holds the port, else from the cells.
  const bool heater = board_.heater_on();
  const double heater_A = heater && inv.port_source_V <= 0 ? thermal_.heater_W() / pack_V : 0.0;
  const double own_A = (awake ? kBmsRunning_A : kBmsSleeping_A) + heater_A;
  pack_.step(last_.current_A, own_A, kStep_s, thermal_.cell_C());
  thermal_.step(kStep_s, now_.ambient_C, pack_.heat_W(), heater,
                last_.fet_heat_W + pack_.bleed_W());

  board_.set_truth({last_.current_A, last_.terminal_V, last_.current_A - own_A});
  // What the monitor judges this step's current against: the state in force while it flowed,
  // decided by the firmware's previous tick.
  in_force_ = in_force();
  t_s_ = static_cast<double>(++steps_) * kStep_s;
  board_.set_time_ms(steps_ * 100);
  BmsInputs in;
  // A sleeping BMS has its transceivers off: only an awake one sees the inverter's polls.
  in.comm_activity = port.bms_link && steps_ % kPollEvery == 0;
  bms_->tick(in);
  check_and_record(last_, now_, inv);
}

MonitorSample Simulation::in_force() const {
  const ProtectionStatus& p = bms_->status().protection;
  MonitorSample m;
  m.charge_gate = path_.gates().charge_fet;
  m.discharge_gate = path_.gates().discharge_fet;
  m.discharge_path = path_.discharge_closed();
  m.failure_mode = p.fault;
  m.charge_locked = p.latched_on(ProtectionId::ChargeOc);
  m.discharge_locked =
      p.latched_on(ProtectionId::DischargeOc1) || p.latched_on(ProtectionId::DischargeOc2);
  return m;
}

void Simulation::check_and_record(const PathResult& r, const SiteNow& now,
                                  const InverterOutput& inv) {
  const BmsStatus& st = bms_->status();
  const auto& cells_C = thermal_.cell_C();
  StepSample s;
  s.t_s = t_s_;
  s.dt_s = kStep_s;
  s.cell_min_V = 1e9;
  for (std::size_t i = 0; i < pack_.series_count(); ++i) {
    const double v = pack_.cell_V(i, r.current_A);
    s.cell_min_V = std::min(s.cell_min_V, v);
    s.cell_max_V = std::max(s.cell_max_V, v);
  }
  const auto [lo, hi] = std::minmax_element(cells_C.begin(), cells_C.end());
  s.temp_min_C = *lo;
  s.temp_max_C = *hi;

  MonitorSample m;
  m.t_s = t_s_;
  m.max_cell_V = s.cell_max_V;
  m.min_cell_V = s.cell_min_V;
  m.max_cell_C = s.temp_max_C;
  m.min_cell_C = s.temp_min_C;
  m.current_A = r.current_A;
  m.charge_gate = in_force_.charge_gate;
  m.discharge_gate = in_force_.discharge_gate;
  m.discharge_path = in_force_.discharge_path;
  m.failure_mode = in_force_.failure_mode;
  m.charge_locked = in_force_.charge_locked;
  m.discharge_locked = in_force_.discharge_locked;
  monitor_.check(m, kStep_s);
  for (; violations_logged_ < monitor_.violations().size(); ++violations_logged_) {
    const Violation& v = monitor_.violations()[violations_logged_];
    recorder_.note(v.t_s, "violation", "violation", v.text);
  }
  for (; notices_logged_ < monitor_.notices().size(); ++notices_logged_) {
    const Violation& v = monitor_.notices()[notices_logged_];
    recorder_.note(v.t_s, "monitor", "fault", v.text);
  }

  s.pack_V = pack_.terminal_V(r.current_A);
  s.terminal_V = r.terminal_V;
  s.current_A = r.current_A;
  if (steps_ % kPollEvery == 0) soc_true_ = pack_.usable_soc();  // once a second is plenty
  s.soc_true = soc_true_;
  s.soc_est = st.soc_pptt / 10000.0;
  s.mosfet_C = thermal_.mosfet_C();
  s.ambient_C = now.ambient_C;
  s.pv_W = now.pv_W;
  s.load_W = now.load_W;
  s.grid_W = inv.grid_W;
  s.cvl_V = st.limits.charge_voltage_mV / 1000.0;
  s.ccl_A = st.limits.charge_current_limit_mA / 1000.0;
  s.dcl_A = st.limits.discharge_current_limit_mA / 1000.0;
  s.chg = path_.charge_closed();
  s.dsg = path_.discharge_closed();
  s.pre = path_.gates().precharge;
  s.lim = path_.gates().charge_limiter;
  s.heater = board_.heater_on();
  s.force = st.force_charge;
  s.bleeding = static_cast<std::uint8_t>(__builtin_popcount(st.balancing_mask));
  s.state = static_cast<std::uint8_t>(st.state);
  s.awake = st.state != ReportedState::Sleep;
  recorder_.sample(s);
}

void Simulation::run(const std::function<void(double, double)>& progress) {
  double next_report_s = 0;
  while (t_s_ < total_s_ - 1e-9) {
    step();
    if (progress && t_s_ >= next_report_s) {
      progress(t_s_, total_s_);
      next_report_s += kProgressEvery_s;
    }
  }
  if (progress) progress(t_s_, total_s_);
}

}  // namespace lfpbms::sim
