#pragma once
// The pack's state machine (SM-1...SM-4), one function per state. Each tick step() takes the
// inputs, lets the current state choose the next one, and runs entry actions. The five states
// of SM-1 are what the outside sees (reported()); the few internal ones are short phases:
// the start-up LED test, the reset, the check before sleep, the automatic-wake trial.
#include <array>
#include <cstdint>

#include "core/debounce.hpp"
#include "events/event.hpp"
#include "params/param_set.hpp"
#include "state/button_tracker.hpp"

namespace lfpbms {

enum class State : std::uint8_t {
  Sleep,
  Startup,  // LED test after a wake, FETs open
  Standby,
  Charge,
  Discharge,
  Fault,         // failure mode: both FETs open until manual intervention
  SleepPending,  // FETs open, checking the terminals before sleeping
  AutoWake,      // trying the FETs after an under-voltage sleep
  Reset,         // button reset: all LEDs on, protections start over
};

enum class ReportedState : std::uint8_t { Sleep, Standby, Charge, Discharge, Fault };

enum class SleepReason : std::uint8_t { None, Button, Host, UnderVoltage, LowCell, Standby };

// (own) timings of the internal phases.
inline constexpr TimeMs kLedTestStep_ms = 500;     // [001 §5.3] each LED 0.5 s
inline constexpr TimeMs kResetAllOn_ms = 1500;     // [001 §5.3] all LEDs 1.5 s
inline constexpr TimeMs kStateDebounce_ms = 1000;  // current direction must hold 1 s
inline constexpr TimeMs kSleepCheck_ms = 2000;     // FETs open this long before judging
inline constexpr TimeMs kAutoWakeDischarge_ms = 1000;

struct FsmInputs {
  TimeMs now = 0;
  ButtonEvent button = ButtonEvent::None;
  bool host_sleep = false;        // forced sleep by host command
  bool comm_activity = false;     // a frame arrived on any link this tick
  bool link_wake = false;         // a parallel pack pulls the wake line
  bool external_voltage = false;  // terminals at or above the charger wake voltage
  std::int32_t current_mA = 0;    // after the dead band
  bool failure = false;           // failure-mode protection or invalid measurements
  bool under_voltage = false;     // cell or pack under-voltage protection
  bool any_protection = false;
  bool balancing = false;
  bool charger_present = false;
  bool cells_valid = false;
  std::uint16_t min_cell_mV = 0;
  std::uint8_t led_count = 6;
};

struct FsmOutput {
  bool fets_allowed = false;
  bool auto_wake_try = false;
  bool reset_protections = false;  // entry action of Reset, for the caller to carry out
  bool woke = false;               // left sleep this tick: timers start over
};

class StateMachine {
 public:
  static constexpr std::size_t kMaxEvents = 4;

  explicit StateMachine(State initial = State::Startup, TimeMs now = 0);

  FsmOutput step(const FsmInputs& in, const ParamSet& params);

  State state() const { return state_; }
  ReportedState reported() const;
  SleepReason sleep_reason() const { return sleep_reason_; }
  TimeMs entered_at() const { return entered_; }
  std::uint8_t auto_wake_failures() const { return auto_wake_failures_; }
  bool auto_wake_stopped(const ParamSet& params) const;

  std::size_t event_count() const { return event_count_; }
  SystemEvent event(std::size_t i) const { return events_[i]; }

 private:
  State decide(const FsmInputs& in, const ParamSet& params);
  State on_sleep(const FsmInputs& in, const ParamSet& params);
  State on_startup(const FsmInputs& in);
  State on_running(const FsmInputs& in, const ParamSet& params);
  State on_fault(const FsmInputs& in, const ParamSet& params);
  State on_sleep_pending(const FsmInputs& in);
  State on_auto_wake(const FsmInputs& in, const ParamSet& params);
  State on_reset(const FsmInputs& in);
  State sleep_rules(const FsmInputs& in, const ParamSet& params);
  State request_sleep(SleepReason reason);
  void enter(State next, const FsmInputs& in, FsmOutput& out);
  void emit(SystemEvent e);

  State state_;
  TimeMs entered_;
  SleepReason sleep_reason_ = SleepReason::None;
  SleepReason pending_reason_ = SleepReason::None;
  std::uint8_t auto_wake_failures_ = 0;
  bool woke_by_trial_ = false;
  Debounce direction_;
  State direction_target_ = State::Standby;
  Debounce uv_sleep_;
  Debounce low_cell_sleep_;
  Debounce standby_sleep_;
  Debounce trial_discharge_;
  std::array<SystemEvent, kMaxEvents> events_{};
  std::size_t event_count_ = 0;
};

const char* state_name(State state);
const char* reported_state_name(ReportedState state);

}  // namespace lfpbms
