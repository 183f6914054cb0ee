#include "bms.hpp"

#include "indication/dry_contacts.hpp"
#include "indication/indication.hpp"

namespace lfpbms {

Bms::Bms(const hal::Hardware& hw, const PackConfig& config, EventSink& events)
    : hw_(hw),
      config_(config),
      events_(events),
      params_(config.series_count),
      storage_(hw.nvm, config.flash.params_sector),
      validator_(config.series_count, config.ntc_count),
      estimates_(hw.nvm, config.flash.estimates_sector, params_.get(ParamId::design_capacity_mAh),
                 config.balance_bleed_mA),
      engine_(params_) {}

void Bms::start() {
  const TimeMs now = hw_.clock.now_ms();
  last_tick_ = now;
  fsm_ = StateMachine(State::Startup, now);
  charge_.restart(now);
  if (storage_.load(params_) == LoadResult::Corrupt) record(SystemEvent::ParamsCorrupt);
  estimates_.load(params_.get(ParamId::design_capacity_mAh));
  hw_.cells.configure_short_circuit(params_.get(ParamId::scp_current_mA),
                                    params_.get(ParamId::scp_delay_us));
  estimate(now, measure(now));  // the first picture: SOC from the resting voltage
  record(SystemEvent::PowerOn);
}

void Bms::tick(const BmsInputs& inputs) {
  const TimeMs now = hw_.clock.now_ms();
  const Measurements& m = measure(now);
  in_bank_ = inputs.in_bank;
  bank_master_ = inputs.bank_master;
  estimate(now, m);
  if (fsm_.state() != State::Sleep) protect(now, m, inputs);
  const FsmOutput fsm = step_state(now, m, inputs);
  drive(now, m, fsm);
  last_tick_ = now;
}

const Measurements& Bms::measure(TimeMs now) {
  hal::CellSample cells;
  hal::CurrentSample current;
  hal::TemperatureSample temperatures;
  const bool have_cells = hw_.cells.read(cells);
  const bool have_current = hw_.current.read(current);
  const bool have_temperatures = hw_.temperatures.read(temperatures);
  const ValidatorLimits limits{params_.get(ParamId::measurement_max_age_ms),
                               params_.get(ParamId::pack_mismatch_mV),
                               params_.get(ParamId::current_deadband_mA)};
  return validator_.update(now, limits, have_cells ? &cells : nullptr,
                           have_current ? &current : nullptr,
                           have_temperatures ? &temperatures : nullptr);
}

void Bms::estimate(TimeMs now, const Measurements& m) {
  const hal::SwitchCommand& sw = status_.switches;  // as applied since the last tick
  const bool no_path = !sw.charge_fet && !sw.discharge_fet && !sw.precharge && !sw.charge_limiter;
  estimates_.update(now, m, now - last_tick_, status_.balancing_mask, no_path);
  full_event_ = charge_.update(now, m, params_);
  if (full_event_) {
    estimates_.calibrate_full(now);
    record(SystemEvent::FullyCharged);
  }
  const std::uint8_t learned = estimates_.take_events();
  if ((learned & kCapacityLearned) != 0) record(SystemEvent::CapacityLearned);
  if ((learned & kWeakCellFound) != 0) record(SystemEvent::WeakCell);
}

void Bms::protect(TimeMs now, const Measurements& m, const BmsInputs& inputs) {
  const hal::SwitchCommand& last = status_.switches;
  const std::int32_t fet_fault_mA = params_.get(ParamId::fet_fault_current_mA);
  ProtectionInputs in;
  in.m = &m;
  in.soc_pptt = estimates_.soc().soc_pptt();
  in.charger_present = status_.charger_present;
  in.full_charge = charge_.full();
  in.short_circuit = short_circuit_pending_;
  in.reverse_polarity =
      (m.faults & kCellStale) == 0 && m.terminal_voltage_mV <= kReversePolarity_mV;
  in.charge_fet_fault =
      m.current_valid() && !last.charge_fet && !last.charge_limiter && m.current_mA >= fet_fault_mA;
  in.discharge_fet_fault =
      m.current_valid() && !last.discharge_fet && !last.precharge && -m.current_mA >= fet_fault_mA;
  in.precharge_failed = precharge_failed_;
  in.system = inputs.system;
  in.s_since_charge_end = charge_.s_since_charge_end(now);
  short_circuit_pending_ = false;
  engine_.evaluate(now, in);
  drain_protection_events();
}

FsmOutput Bms::step_state(TimeMs now, const Measurements& m, const BmsInputs& inputs) {
  // During an automatic-wake trial the pack is still asleep to the user: a bump is no wake.
  const bool asleep = fsm_.state() == State::Sleep || fsm_.state() == State::AutoWake;
  const ButtonEvent press = button_.update(now, hw_.button.pressed(), asleep, config_.button);
  if (press == ButtonEvent::ShowSoc) {
    show_soc_until_ = now + static_cast<TimeMs>(params_.get(ParamId::soc_display_s)) * 1000u;
  }
  const ProtectionStatus& p = engine_.status();
  FsmInputs in;
  in.now = now;
  in.button = press;
  in.host_sleep = host_sleep_;
  in.comm_activity = inputs.comm_activity;
  in.link_wake = inputs.link_wake;
  in.external_voltage = (m.faults & kCellStale) == 0 &&
                        m.terminal_voltage_mV >= params_.get(ParamId::wake_charger_mV);
  in.current_mA = m.current_valid() ? m.current_mA : 0;
  in.failure = p.fault || m.faults != 0;
  in.under_voltage = p.protect_on(ProtectionId::CellUv) || p.protect_on(ProtectionId::PackUv);
  in.any_protection = (p.protect & ~bit(ProtectionId::FullCharge)) != 0;
  in.balancing = status_.balancing_mask != 0;
  in.charger_present = status_.charger_present;
  in.cells_valid = m.cells_valid();
  in.min_cell_mV = m.min_cell_mV;
  in.led_count = config_.soc_led_count;
  host_sleep_ = false;

  const FsmOutput out = fsm_.step(in, params_);
  for (std::size_t i = 0; i < fsm_.event_count(); ++i) {
    record(fsm_.event(i));
    // Asleep, the supply may go at any time: what was learned is stored first (ST-2).
    if (fsm_.event(i) == SystemEvent::EnterSleep) estimates_.save(now);
  }
  if (out.reset_protections) {
    engine_.reset_all();  // button reset: manual intervention for every latch [003][004]
    drain_protection_events();
  }
  if (out.woke) engine_.restart_timers();
  return out;
}

void Bms::drive(TimeMs now, const Measurements& m, const FsmOutput& fsm) {
  BmsStatus& s = status_;
  const bool rapid_shutdown = hw_.io.rapid_shutdown();
  if (rapid_shutdown && !s.rapid_shutdown) record(SystemEvent::RapidShutdown);
  s.rapid_shutdown = rapid_shutdown;
  s.failure = engine_.status().fault || m.faults != 0;
  s.charger_present = charger_present(m);
  heat(now, m);
  balance(m);
  const GateDecision d = gate(now, m, fsm);
  advertise(now, m, d);
  publish(now, m, d);
}

// A charger shows as charge current, or, with the charge path open, as terminals above the pack.
bool Bms::charger_present(const Measurements& m) {
  const std::int64_t over_pack_mV = static_cast<std::int64_t>(m.terminal_voltage_mV) -
                                    static_cast<std::int64_t>(m.pack_voltage_mV);
  return (m.current_valid() && m.current_mA > 0) ||
         ((m.faults & kCellStale) == 0 && over_pack_mV >= kChargerDetect_mV);
}

void Bms::heat(TimeMs now, const Measurements& m) {
  const bool awake = fsm_.state() != State::Sleep;
  HeaterInputs in;
  if (config_.has_heater && awake) {
    in = {status_.charger_present, m.temperatures_valid(), status_.failure,
          m.min_cell_temperature_dC};
  }
  const Heater::Change change = heater_.update(now, in, params_);
  if (change == Heater::Change::On) record(SystemEvent::HeaterOn);
  if (change == Heater::Change::Off) record(SystemEvent::HeaterOff);
  if (change == Heater::Change::Timeout) record(SystemEvent::HeaterTimeout);
}

void Bms::balance(const Measurements& m) {
  const BalanceInputs in{&m, fsm_.state() != State::Sleep && !status_.failure};
  status_.balancing_mask = balancer_.update(in, params_);
  hw_.cells.set_balancing(status_.balancing_mask);
}

GateDecision Bms::gate(TimeMs now, const Measurements& m, const FsmOutput& fsm) {
  GateInputs g;
  g.fets_allowed = fsm.fets_allowed;
  g.auto_wake_try = fsm.auto_wake_try;
  g.protection = &engine_.status();
  g.measurements_invalid = m.faults != 0;
  g.rapid_shutdown = status_.rapid_shutdown;
  g.host_charge_off = host_charge_off_;
  g.host_discharge_off = host_discharge_off_;
  g.heater_holds_charge = heater_.holds_charge();
  g.current_mA = m.current_valid() ? m.current_mA : 0;
  g.pack_voltage_mV = m.pack_voltage_mV;
  g.terminal_voltage_mV = m.terminal_voltage_mV;
  const std::int64_t above_mV = static_cast<std::int64_t>(m.terminal_voltage_mV) -
                                static_cast<std::int64_t>(m.pack_voltage_mV);
  g.join_gap =
      in_bank_ && (m.faults & kCellStale) == 0 && above_mV > params_.get(ParamId::join_gap_mV);
  GateDecision d = gate_.update(now, g, params_);
  d.command.heater = heater_.on();
  precharge_failed_ = d.precharge_failed;
  if (d.limiter == ChargeLimiter::Change::On) record(SystemEvent::LimiterOn);
  if (d.limiter == ChargeLimiter::Change::Off) record(SystemEvent::LimiterOff);
  return d;
}

// What the inverter is told (CH-2) and the force-charge request (CH-3).
void Bms::advertise(TimeMs now, const Measurements& m, const GateDecision& d) {
  const ProtectionStatus& p = engine_.status();
  using I = ProtectionId;
  const bool full = p.protect_on(I::FullCharge);
  const bool low_voltage = p.alarm_on(I::CellUv) || p.alarm_on(I::PackUv) ||
                           p.protect_on(I::CellUv) || p.protect_on(I::PackUv);
  const ForceChargeInputs fc{charge_.s_since_charge_end(now), m.pack_voltage_mV, low_voltage, full};
  const ForceCharge::Change force = force_charge_.update(fc, params_);
  if (force == ForceCharge::Change::On) record(SystemEvent::ForceChargeOn);
  if (force == ForceCharge::Change::Off) record(SystemEvent::ForceChargeOff);
  const std::int32_t heating_mA =
      heater_.wants_power() ? params_.get(ParamId::heater_supply_mA) : 0;
  const LimitInputs li{&m,   estimates_.soc().soc_pptt(), d.charge_allowed, d.discharge_allowed,
                       full, force_charge_.requested(),   heating_mA};
  status_.limits = limits_.update(li, params_);
  status_.force_charge = force_charge_.requested();
}

void Bms::publish(TimeMs now, const Measurements& m, const GateDecision& d) {
  BmsStatus& s = status_;
  const ProtectionStatus& p = engine_.status();
  const bool awake = fsm_.state() != State::Sleep;
  IndicationInputs ind;
  ind.now = now;
  ind.state = fsm_.state();
  ind.state_entered = fsm_.entered_at();
  ind.protection = &p;
  ind.failure = s.failure;
  ind.charger_present = s.charger_present;
  ind.limiter_active = gate_.limiter_active();
  ind.soc_pptt = estimates_.soc().soc_pptt();
  ind.show_soc = now < show_soc_until_;
  ind.bank_master = bank_master_;

  s.time_ms = now;
  s.state = fsm_.reported();
  s.phase = fsm_.state();
  s.sleep_reason = fsm_.sleep_reason();
  s.measurements = m;
  s.protection = p;
  s.switches = awake ? d.command : hal::SwitchCommand{};
  s.indicators = indicate(ind, config_, params_);
  s.contacts =
      dry_contacts(config_.contacts, p, awake, s.failure, d.charge_allowed, d.discharge_allowed);
  estimates_.report(s);
  s.fault_code = fault_code(p);
  s.limiter_active = gate_.limiter_active();
  s.heater_on = d.command.heater;
  s.passive_input = hw_.io.passive_input();

  hw_.switches.apply(s.switches);
  hw_.indicators.show(s.indicators);
  hw_.io.set_contacts(s.contacts);
}

void Bms::drain_protection_events() {
  for (std::size_t i = 0; i < engine_.transition_count(); ++i) {
    const Transition& t = engine_.transition(i);
    record(t.kind, static_cast<std::uint8_t>(t.id));
    // The under-voltage trip is the bottom of the usable range: SOC calibrates to 0 there.
    if (t.kind == EventKind::Protect &&
        (t.id == ProtectionId::CellUv || t.id == ProtectionId::PackUv)) {
      const bool news = estimates_.soc().estimate_pptt() != 0;  // cell and pack UV trip together
      estimates_.calibrate_empty(hw_.clock.now_ms());
      if (news) record(SystemEvent::EmptyCalibrated);
    }
  }
  engine_.clear_transitions();
}

void Bms::record(EventKind kind, std::uint8_t source) {
  const Measurements& m = validator_.measurements();
  Event e;
  e.kind = kind;
  e.source = source;
  e.time_ms = hw_.clock.now_ms();
  e.unix_time_s = hw_.clock.unix_time_s();
  e.snapshot = {m.max_cell_mV,
                m.min_cell_mV,
                m.pack_voltage_mV,
                m.current_mA,
                m.max_cell_temperature_dC,
                m.min_cell_temperature_dC,
                m.mosfet_temperature_dC,
                m.ambient_temperature_dC,
                estimates_.soc().soc_pptt()};
  events_.record(e);
}

// Stores an accepted change; if the memory refuses it, the change is undone, so that what
// runs is always what survives a reset.
WriteResult Bms::stored(const ParamValues& before, WriteResult result) {
  if (!result.ok()) return result;
  if (!storage_.save(params_)) {
    params_.replace(before);
    return {ParamError::StorageFailed, result.param, ParamId::None};
  }
  if (params_.get(ParamId::design_capacity_mAh) !=
      before[static_cast<std::size_t>(ParamId::design_capacity_mAh)]) {
    estimates_.set_design_capacity(params_.get(ParamId::design_capacity_mAh));
  }
  hw_.cells.configure_short_circuit(params_.get(ParamId::scp_current_mA),
                                    params_.get(ParamId::scp_delay_us));
  record(SystemEvent::ParamsWritten);
  return result;
}

WriteResult Bms::set_param(ParamId id, std::int32_t value) {
  const ParamValues before = params_.values();
  return stored(before, params_.write(id, value));
}

WriteResult Bms::set_params(const ParamWrite* writes, std::size_t count) {
  const ParamValues before = params_.values();
  return stored(before, params_.write(writes, count));
}

bool Bms::restore_defaults() {
  const ParamValues before = params_.values();
  params_.restore_defaults();
  const bool ok = stored(before, {}).ok();
  if (ok) record(SystemEvent::ParamsRestored);
  return ok;
}

void Bms::clear_latched() {
  engine_.clear_latched();
  record(SystemEvent::HostClear);
  drain_protection_events();
}

void Bms::set_host_switches(bool charge_off, bool discharge_off) {
  host_charge_off_ = charge_off;
  host_discharge_off_ = discharge_off;
}

}  // namespace lfpbms
