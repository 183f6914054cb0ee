#include "state/state_machine.hpp"

namespace lfpbms {

namespace {

TimeMs seconds(const ParamSet& params, ParamId id) {
  return static_cast<TimeMs>(params.get(id)) * 1000u;
}

bool is_running(State s) {
  return s == State::Standby || s == State::Charge || s == State::Discharge;
}

}  // namespace

StateMachine::StateMachine(State initial, TimeMs now) : state_(initial), entered_(now) {}

FsmOutput StateMachine::step(const FsmInputs& in, const ParamSet& params) {
  event_count_ = 0;
  const State next = decide(in, params);
  FsmOutput out;
  if (next != state_) enter(next, in, out);
  // Failure mode is hard off like the short phases: the FETs wait for manual intervention.
  out.fets_allowed = is_running(state_) || state_ == State::AutoWake;
  out.auto_wake_try = state_ == State::AutoWake;
  return out;
}

State StateMachine::decide(const FsmInputs& in, const ParamSet& params) {
  switch (state_) {
    case State::Sleep:
      return on_sleep(in, params);
    case State::Startup:
      return on_startup(in);
    case State::Standby:
    case State::Charge:
    case State::Discharge:
      return on_running(in, params);
    case State::Fault:
      return on_fault(in, params);
    case State::SleepPending:
      return on_sleep_pending(in);
    case State::AutoWake:
      return on_auto_wake(in, params);
    case State::Reset:
      return on_reset(in);
  }
  return state_;
}

// SM-4: wake on the button, a charger at the terminals, link activity; after an under-voltage
// sleep, try again every `autowake_interval_s`, at most `autowake_max_count` times in a row.
State StateMachine::on_sleep(const FsmInputs& in, const ParamSet& params) {
  if (in.button == ButtonEvent::Wake || in.external_voltage || in.comm_activity || in.link_wake) {
    auto_wake_failures_ = 0;
    return State::Startup;
  }
  const bool due = in.now - entered_ >= seconds(params, ParamId::autowake_interval_s);
  if (sleep_reason_ == SleepReason::UnderVoltage && due && !auto_wake_stopped(params)) {
    return State::AutoWake;
  }
  return State::Sleep;
}

State StateMachine::on_startup(const FsmInputs& in) {
  const TimeMs test_ms = kLedTestStep_ms * static_cast<TimeMs>(2 + in.led_count);
  return in.now - entered_ >= test_ms ? State::Standby : State::Startup;
}

State StateMachine::on_running(const FsmInputs& in, const ParamSet& params) {
  if (in.button == ButtonEvent::Reset) return State::Reset;
  if (in.failure) return State::Fault;
  if (in.button == ButtonEvent::Sleep) return request_sleep(SleepReason::Button);
  if (in.host_sleep) return request_sleep(SleepReason::Host);
  const State rule = sleep_rules(in, params);
  if (rule != state_) return rule;

  const State target = in.current_mA > 0   ? State::Charge
                       : in.current_mA < 0 ? State::Discharge
                                           : State::Standby;
  if (target != direction_target_) {
    direction_target_ = target;
    direction_.reset();
  }
  const bool settled = direction_.update(target != state_, in.now, kStateDebounce_ms);
  return settled ? target : state_;
}

// SM-3: the automatic reasons to sleep. Each timer restarts whenever its condition breaks.
State StateMachine::sleep_rules(const FsmInputs& in, const ParamSet& params) {
  const bool idle = in.current_mA == 0 && !in.comm_activity;
  if (uv_sleep_.update(in.under_voltage && in.current_mA <= 0, in.now,
                       seconds(params, ParamId::uv_sleep_delay_s))) {
    return request_sleep(SleepReason::UnderVoltage);
  }
  const bool low_cell = in.cells_valid && in.min_cell_mV < params.get(ParamId::sleep_cell_mV) &&
                        idle && !in.any_protection && !in.balancing;
  const TimeMs low_cell_ms = static_cast<TimeMs>(params.get(ParamId::sleep_delay_min)) * 60000u;
  if (low_cell_sleep_.update(low_cell, in.now, low_cell_ms)) {
    return request_sleep(SleepReason::LowCell);
  }
  const bool standing =
      (state_ == State::Standby || state_ == State::Fault) && idle && !in.charger_present;
  if (standby_sleep_.update(standing, in.now, seconds(params, ParamId::max_standby_s))) {
    return request_sleep(SleepReason::Standby);
  }
  return state_;
}

State StateMachine::request_sleep(SleepReason reason) {
  pending_reason_ = reason;
  return State::SleepPending;
}

State StateMachine::on_fault(const FsmInputs& in, const ParamSet& params) {
  if (in.button == ButtonEvent::Reset) return State::Reset;
  if (in.button == ButtonEvent::Sleep) return request_sleep(SleepReason::Button);
  if (in.host_sleep) return request_sleep(SleepReason::Host);
  if (!in.failure) return State::Standby;
  return sleep_rules(in, params);
}

// [001 §2.4]: no sleep while an external voltage holds the terminals up.
State StateMachine::on_sleep_pending(const FsmInputs& in) {
  if (in.now - entered_ < kSleepCheck_ms) return State::SleepPending;
  if (in.external_voltage) {
    emit(SystemEvent::SleepRefused);
    return in.failure ? State::Fault : State::Standby;  // back to where it came from
  }
  return State::Sleep;
}

// The trial after an under-voltage sleep: charge current keeps the pack awake [001 §5.5]. Whatever
// would have woken it from sleep is a real wake here too: any press (the tracker judges it as a
// running press now, so a 3-10 s press arrives as Sleep or Reset), a frame, the link's wake line.
// A real wake is no failed try.
State StateMachine::on_auto_wake(const FsmInputs& in, const ParamSet& params) {
  const bool real_wake =
      in.current_mA > 0 || in.button != ButtonEvent::None || in.comm_activity || in.link_wake;
  if (real_wake) {
    auto_wake_failures_ = 0;
    return State::Standby;
  }
  const bool drained = trial_discharge_.update(in.current_mA < 0, in.now, kAutoWakeDischarge_ms);
  if (drained || in.now - entered_ >= seconds(params, ParamId::autowake_window_s)) {
    if (auto_wake_failures_ < 0xFF) ++auto_wake_failures_;
    emit(SystemEvent::AutoWakeFailed);
    if (auto_wake_stopped(params)) emit(SystemEvent::AutoWakeStopped);
    pending_reason_ = SleepReason::UnderVoltage;
    return State::Sleep;
  }
  return State::AutoWake;
}

State StateMachine::on_reset(const FsmInputs& in) {
  return in.now - entered_ >= kResetAllOn_ms ? State::Standby : State::Reset;
}

bool StateMachine::auto_wake_stopped(const ParamSet& params) const {
  return auto_wake_failures_ >= params.get(ParamId::autowake_max_count);
}

void StateMachine::enter(State next, const FsmInputs& in, FsmOutput& out) {
  const State previous = state_;
  state_ = next;
  entered_ = in.now;
  direction_.reset();
  direction_target_ = next;
  if (previous == State::SleepPending && next != State::Sleep) {
    // Refused (SleepRefused said so): back where it was, and the sleep timers start over.
    uv_sleep_.reset();
    low_cell_sleep_.reset();
    standby_sleep_.reset();
    return;
  }
  switch (next) {
    case State::Sleep:
      sleep_reason_ = pending_reason_;
      uv_sleep_.reset();
      low_cell_sleep_.reset();
      standby_sleep_.reset();
      emit(SystemEvent::EnterSleep);
      break;
    case State::Startup:
      out.woke = true;
      emit(SystemEvent::Wake);
      break;
    case State::AutoWake:
      out.woke = true;
      trial_discharge_.reset();
      emit(SystemEvent::AutoWakeTry);
      break;
    case State::Reset:
      out.reset_protections = true;
      emit(SystemEvent::ButtonReset);
      break;
    case State::Standby:
      emit(SystemEvent::EnterStandby);
      break;
    case State::Charge:
      emit(SystemEvent::EnterCharge);
      break;
    case State::Discharge:
      emit(SystemEvent::EnterDischarge);
      break;
    case State::Fault:
      emit(SystemEvent::EnterFault);
      break;
    case State::SleepPending:
      break;
  }
}

void StateMachine::emit(SystemEvent e) {
  if (event_count_ < events_.size()) events_[event_count_++] = e;
}

ReportedState StateMachine::reported() const {
  switch (state_) {
    case State::Sleep:
      return ReportedState::Sleep;
    case State::Charge:
      return ReportedState::Charge;
    case State::Discharge:
      return ReportedState::Discharge;
    case State::Fault:
      return ReportedState::Fault;
    default:
      return ReportedState::Standby;
  }
}

const char* state_name(State state) {
  constexpr const char* kNames[] = {"sleep", "startup",       "standby",   "charge", "discharge",
                                    "fault", "sleep-pending", "auto-wake", "reset"};
  return kNames[static_cast<std::size_t>(state)];
}

const char* reported_state_name(ReportedState state) {
  constexpr const char* kNames[] = {"sleep", "standby", "charge", "discharge", "fault"};
  return kNames[static_cast<std::size_t>(state)];
}

}  // namespace lfpbms
