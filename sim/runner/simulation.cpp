#include "sim/runner/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/runner/event_names.hpp"

namespace lfpbms::sim {

namespace {

constexpr std::uint64_t kPollEvery = 10;  // the inverter polls the BMS once a second
constexpr double kProgressEvery_s = 3600.0;

double trace_interval_s(double days) {
  return std::max(60.0, days * 86400.0 / 10000.0);
}

// `where`: the pack it acts in, "" when on the whole system or a lone pack.
std::string describe(const FaultChange& c, const std::string& where) {
  const FaultEvent& f = *c.fault;
  char detail[96];
  std::snprintf(detail, sizeof detail, " (target %d, value %g)", f.target, f.value);
  return where + fault_kind_name(f.kind) + (c.started ? " injected" : " removed") + detail;
}

InverterLimits limits_of(const protocol::SystemBlock& s) {
  InverterLimits l;
  l.charge_voltage_mV = s.charge_voltage_mV;
  l.discharge_voltage_mV = s.discharge_voltage_mV;
  l.charge_current_limit_mA = s.charge_current_limit_mA;
  l.discharge_current_limit_mA = s.discharge_current_limit_mA;
  l.charge_enable = (s.limit_flags & protocol::kSystemChargeEnable) != 0;
  l.discharge_enable = (s.limit_flags & protocol::kSystemDischargeEnable) != 0;
  l.force_charge = (s.limit_flags & protocol::kSystemForceCharge) != 0;
  return l;
}

}  // namespace

Simulation::Simulation(const Scenario& scenario, const ProductProfile& profile)
    : scenario_(scenario),
      total_s_(scenario.days * 86400.0),
      rng_(scenario.seed),
      site_(scenario.site, scenario.ambient, scenario.days, rng_.fork(1)),
      inverter_(scenario.inverter, scenario.site, profile.config.series_count),
      recorder_(trace_interval_s(scenario.days)),
      bank_(std::make_unique<Bank>(scenario, profile, site_.ambient_C(0), rng_, recorder_)),
      faults_(scenario.faults) {
  for (std::size_t i = 0; i < bank_->size(); ++i) {
    PackUnit& u = bank_->unit(i);
    targets_.packs.push_back({&u.pack, &u.board.faults, &u.path});
  }
  targets_.port = &port_;
  targets_.inverter = &inverter_faults_;
  violations_logged_.assign(bank_->size(), 0);
  notices_logged_.assign(bank_->size(), 0);
  pack_soc_true_.assign(bank_->size(), 0);
  pack_samples_.resize(bank_->size());
  try {
    bank_->start();
    for (std::size_t i = 0; i < bank_->size(); ++i) bank_->unit(i).flush_events();
  } catch (const std::runtime_error& e) {
    throw ScenarioError(scenario_.source + ": " + e.what());
  }
  now_ = site_.at(0);
  soc_true_ = bank_->usable_soc();
  for (std::size_t i = 0; i < bank_->size(); ++i) pack_soc_true_[i] = bank_->unit(i).usable_soc();
}

void Simulation::power_cycle() {
  for (std::size_t i = 0; i < bank_->size(); ++i) power_cycle(i);
}

void Simulation::power_cycle(std::size_t pack) {
  bank_->unit(pack).power_cycle();
  bank_->unit(pack).flush_events();
  ++power_cycles_;
}

const protocol::SystemBlock& Simulation::system_view() const {
  return bank_->inverter_pack().node->system_view();
}

// Only a master (or a pack alone) talks to the inverter (PA-2); a sleeping BMS has its
// transceivers off.
BatteryPort Simulation::battery_port() const {
  const PackUnit& u = bank_->inverter_pack();
  BatteryPort p;
  if (!u.awake()) return p;
  const BankRole role = u.node->role();
  const bool speaks = role == BankRole::Master || role == BankRole::Alone;
  p.bms_link = scenario_.inverter.communication && !targets_.link_down && speaks;
  const protocol::SystemBlock& s = u.node->system_view();
  p.limits = limits_of(s);
  p.soc_pct = s.soc_pptt / 100.0;
  p.voltage_V = bank_->bus_V();
  p.current_A = last_.packs_A;
  return p;
}

void Simulation::log_faults() {
  for (const auto& c : changes_) {
    recorder_.note(c.t_s, std::string("fault:") + fault_kind_name(c.fault->kind), "fault",
                   describe(c, acts_in_pack(c.fault->kind) ? pack_label(c.fault->pack) : ""));
  }
  changes_.clear();
}

void Simulation::apply_faults() {
  for (std::size_t i = 0; i < bank_->size(); ++i) {
    const PackTargets& t = targets_.packs[i];
    PackUnit& u = bank_->unit(i);
    u.faults = {t.button, t.bus_cable_cut, t.dc_disconnected};
    u.apply_faults();
  }
}

void Simulation::step() {
  const double t = t_s_;
  if (steps_ % kPollEvery == 0) now_ = site_.at(t);
  faults_.update(t, targets_, changes_);
  if (!changes_.empty()) {
    log_faults();
    apply_faults();
  }
  const BatteryPort port = battery_port();
  const InverterOutput inv = inverter_.step(t, kStep_s, now_, port, inverter_faults_);
  port_.source_V = inv.port_source_V;
  const double t_end = static_cast<double>(steps_ + 1) * kStep_s;
  // A sleeping BMS has its transceivers off: only an awake one sees the inverter's polls.
  const bool polled = port.bms_link && (steps_ + 1) % kPollEvery == 0;
  last_ = bank_->step({kStep_s, t_end, inv.battery_A - targets_.surge_A, now_.ambient_C, polled},
                      port_);
  t_s_ = static_cast<double>(++steps_) * kStep_s;
  if (settled_s_ < 0 && system_view().member_count >= bank_->size()) settled_s_ = t_s_;
  note_monitors();
  record(inv);
}

std::string Simulation::pack_label(int number) const {
  return bank_->size() > 1 && number > 0 ? "pack " + std::to_string(number) + ": " : "";
}

void Simulation::note_monitors() {
  for (std::size_t i = 0; i < bank_->size(); ++i) {
    const SafetyMonitor& m = bank_->unit(i).monitor;
    const std::string who = pack_label(static_cast<int>(i) + 1);
    for (; violations_logged_[i] < m.violations().size(); ++violations_logged_[i]) {
      const Violation& v = m.violations()[violations_logged_[i]];
      recorder_.note(v.t_s, "violation", "violation", who + v.text);
    }
    for (; notices_logged_[i] < m.notices().size(); ++notices_logged_[i]) {
      const Violation& v = m.notices()[notices_logged_[i]];
      recorder_.note(v.t_s, "monitor", "fault", who + v.text);
    }
  }
}

std::vector<Violation> Simulation::violations() const {
  std::vector<Violation> all;
  for (std::size_t i = 0; i < bank_->size(); ++i) {
    for (const Violation& v : bank_->unit(i).monitor.violations()) {
      all.push_back({v.t_s, pack_label(static_cast<int>(i) + 1) + v.text});
    }
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const Violation& a, const Violation& b) { return a.t_s < b.t_s; });
  return all;
}

void Simulation::record_packs(bool new_second) {
  for (std::size_t i = 0; i < bank_->size(); ++i) {
    const PackUnit& u = bank_->unit(i);
    if (new_second) pack_soc_true_[i] = u.usable_soc();
    PackSample& p = pack_samples_[i];
    p.soc_true = pack_soc_true_[i];
    p.soc_est = u.bms ? u.bms->status().soc_pptt / 10000.0 : 0.0;
    p.current_A = u.last.current_A;
    p.state = u.bms ? static_cast<std::uint8_t>(u.bms->status().state) : 0;
  }
  recorder_.sample_packs(pack_samples_);
}

// The system as a whole: the extremes over every pack, the flows at the inverter's port, the
// state of the first pack (the master), the SOC the inverter is told against the true one.
void Simulation::record(const InverterOutput& inv) {
  const bool new_second = steps_ % kPollEvery == 0;
  if (bank_->size() > 1) record_packs(new_second);
  const PackUnit& first = bank_->inverter_pack();
  StepSample s;
  s.t_s = t_s_;
  s.dt_s = kStep_s;
  s.cell_min_V = 1e9;
  s.temp_min_C = 1e9;
  s.temp_max_C = -1e9;
  s.mosfet_C = -1e9;
  double pack_V = 0;
  for (std::size_t i = 0; i < bank_->size(); ++i) {
    const PackUnit& u = bank_->unit(i);
    s.cell_min_V = std::min(s.cell_min_V, u.cell_min_V());
    s.cell_max_V = std::max(s.cell_max_V, u.cell_max_V());
    const auto [lo, hi] = std::minmax_element(u.thermal.cell_C().begin(), u.thermal.cell_C().end());
    s.temp_min_C = std::min(s.temp_min_C, *lo);
    s.temp_max_C = std::max(s.temp_max_C, *hi);
    s.mosfet_C = std::max(s.mosfet_C, u.thermal.mosfet_C());
    pack_V += u.pack.terminal_V(u.last.current_A);
    s.current_A += u.last.current_A;
  }
  s.pack_V = pack_V / static_cast<double>(bank_->size());
  s.terminal_V = bank_->size() == 1 ? first.last.terminal_V : bank_->bus_V();
  if (new_second) soc_true_ = bank_->usable_soc();  // once a second is plenty
  s.soc_true = soc_true_;
  const protocol::SystemBlock& view = system_view();
  s.soc_est = view.soc_pptt / 10000.0;
  s.ambient_C = now_.ambient_C;
  s.pv_W = now_.pv_W;
  s.load_W = now_.load_W;
  s.grid_W = inv.grid_W;
  s.cvl_V = view.charge_voltage_mV / 1000.0;
  s.ccl_A = view.charge_current_limit_mA / 1000.0;
  s.dcl_A = view.discharge_current_limit_mA / 1000.0;
  s.chg = first.path.charge_closed();
  s.dsg = first.path.discharge_closed();
  s.pre = first.path.gates().precharge;
  s.lim = first.path.gates().charge_limiter;
  s.heater = first.board.heater_on();
  if (first.bms) {
    const BmsStatus& st = first.bms->status();
    s.force = st.force_charge;
    s.bleeding = static_cast<std::uint8_t>(__builtin_popcount(st.balancing_mask));
    s.state = static_cast<std::uint8_t>(st.state);
  }
  s.awake = first.awake();
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
