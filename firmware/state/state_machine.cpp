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
  State next = state_;
  switch (state_) {
    case State::Sleep:
      next = on_sleep(in, params);
      break;
    case State::Startup:
      next = on_startup(in);
      break;
    case State::Standby:
    case State::Charge:
    case State::Discharge:
      next = on_running(in, params);
      break;
    case State::Fault:
      next = on_fault(in, params);
      break;
    case State::SleepPending:
      next = on_sleep_pending(in);
      break;
    case State::AutoWake:
      next = on_auto_wake(in, params);
      break;
    case State::Reset:
      next = on_reset(in);
      break;
  }
  FsmOutput out;
  if (next != state_) enter(next, in, out);
  out.fets_allowed = is_running(state_) || state_ == State::AutoWake || state_ == State::Fault;
  out.auto_wake_try = state_ == State::AutoWake;
  return out;
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
  const bool standing = (state_ == State::Standby || state_ == State::Fault) && idle &&
                        !in.charger_present;
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
    return State::Standby;
  }
  return State::Sleep;
}

State StateMachine::on_auto_wake(const FsmInputs& in, const ParamSet& params) {
  if (in.button == ButtonEvent::Wake || in.button == ButtonEvent::ShowSoc || in.current_mA > 0) {
    auto_wake_failures_ = 0;  // charge current flows: stay awake [001 §5.5]
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
      if (previous == State::SleepPending) {  // refused: the sleep timers start over
        uv_sleep_.reset();
        low_cell_sleep_.reset();
        standby_sleep_.reset();
      }
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
  constexpr const char* kNames[] = {"sleep",     "startup", "standby",       "charge", "discharge",
                                    "fault",     "sleep-pending", "auto-wake", "reset"};
  return kNames[static_cast<std::size_t>(state)];
}

const char* reported_state_name(ReportedState state) {
  constexpr const char* kNames[] = {"sleep", "standby", "charge", "discharge", "fault"};
  return kNames[static_cast<std::size_t>(state)];
}

}  // namespace lfpbms
