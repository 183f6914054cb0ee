// The state machine (SM-1, SM-3, SM-4): the five reported states, the direction debounce, the
// reasons to sleep and to wake, the automatic wake after an under-voltage sleep. First the
// StateMachine alone, stepped every 100 ms with hand-set inputs, at the exact boundaries; then
// through the whole pipeline on the fake board, where the FETs and the events can be seen.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "bms_rig.hpp"

namespace lfpbms::testing {
namespace {

constexpr TimeMs kSecond_ms = 1000;
constexpr TimeMs kMinute_ms = 60 * kSecond_ms;
constexpr TimeMs kHour_ms = 60 * kMinute_ms;

// A StateMachine with inputs the test sets; every tick is 100 ms after the last one. The
// inputs that describe one moment (button, host command, a received frame) last one tick.
struct Fsm {
  explicit Fsm(State initial = State::Standby) : sm(initial, 0) {
    in.cells_valid = true;
    in.min_cell_mV = 3300;
  }

  void tick() {
    in.now += kTickMs;
    out = sm.step(in, params);
    for (std::size_t i = 0; i < sm.event_count(); ++i) events.push_back(sm.event(i));
    in.button = ButtonEvent::None;
    in.host_sleep = false;
    in.comm_activity = false;
  }
  void run_ms(TimeMs ms) {
    const TimeMs end = in.now + ms;
    while (in.now < end) tick();
  }
  void press(ButtonEvent e) {
    in.button = e;
    tick();
  }
  // Runs until the state is `s`; false if it is not reached within `limit_ms`.
  bool run_until(State s, TimeMs limit_ms) {
    const TimeMs end = in.now + limit_ms;
    while (sm.state() != s && in.now < end) tick();
    return sm.state() == s;
  }
  std::size_t count(SystemEvent e) const {
    return static_cast<std::size_t>(std::count(events.begin(), events.end(), e));
  }
  State state() const { return sm.state(); }

  ParamSet params{16};
  StateMachine sm;
  FsmInputs in;
  FsmOutput out;
  std::vector<SystemEvent> events;
};

// Host sleep with nothing at the terminals: asleep after the 2 s check.
void sleep_by_host(Fsm& f) {
  f.in.host_sleep = true;
  f.tick();
  ASSERT_TRUE(f.run_until(State::Sleep, kSleepCheck_ms));
}

// An under-voltage protection that is not released: asleep after 30 s and the 2 s check.
void sleep_by_under_voltage(Fsm& f) {
  f.in.under_voltage = true;
  ASSERT_TRUE(f.run_until(State::Sleep, 40 * kSecond_ms));
  ASSERT_EQ(f.sm.sleep_reason(), SleepReason::UnderVoltage);
}

TimeMs autowake_interval_ms(const Fsm& f) {
  return static_cast<TimeMs>(f.params.get(ParamId::autowake_interval_s)) * kSecond_ms;
}
TimeMs autowake_window_ms(const Fsm& f) {
  return static_cast<TimeMs>(f.params.get(ParamId::autowake_window_s)) * kSecond_ms;
}

// --- SM-1: the five states ----------------------------------------------------------------

TEST(SM_1_states, every_internal_phase_reports_as_one_of_the_five) {
  const std::pair<State, ReportedState> kCases[] = {
      {State::Sleep, ReportedState::Sleep},          {State::Startup, ReportedState::Standby},
      {State::Standby, ReportedState::Standby},      {State::Charge, ReportedState::Charge},
      {State::Discharge, ReportedState::Discharge},  {State::Fault, ReportedState::Fault},
      {State::SleepPending, ReportedState::Standby}, {State::AutoWake, ReportedState::Standby},
      {State::Reset, ReportedState::Standby},
  };
  for (const auto& [state, reported] : kCases) {
    EXPECT_EQ(StateMachine(state).reported(), reported) << state_name(state);
  }
  EXPECT_STREQ(reported_state_name(ReportedState::Sleep), "sleep");
  EXPECT_STREQ(reported_state_name(ReportedState::Fault), "fault");
}

TEST(SM_1_states, walks_through_all_five_reported_states) {
  Fsm f(State::Startup);
  f.run_ms(4 * kSecond_ms);  // LED test: RUN, ALM, 6 SOC LEDs, 0.5 s each
  EXPECT_EQ(f.sm.reported(), ReportedState::Standby);
  f.in.current_mA = 5000;
  f.run_ms(1100);
  EXPECT_EQ(f.sm.reported(), ReportedState::Charge);
  f.in.current_mA = -5000;
  f.run_ms(1100);
  EXPECT_EQ(f.sm.reported(), ReportedState::Discharge);
  f.in.failure = true;
  f.tick();
  EXPECT_EQ(f.sm.reported(), ReportedState::Fault);
  f.in.failure = false;
  f.in.current_mA = 0;
  f.tick();
  sleep_by_host(f);
  EXPECT_EQ(f.sm.reported(), ReportedState::Sleep);
  for (const SystemEvent e :
       {SystemEvent::EnterStandby, SystemEvent::EnterCharge, SystemEvent::EnterDischarge,
        SystemEvent::EnterFault, SystemEvent::EnterSleep}) {
    EXPECT_GE(f.count(e), 1u) << system_event_text(e);
  }
}

TEST(SM_1_fets, only_the_running_states_and_the_wake_trial_let_the_fets_close) {
  struct Case {
    State state;
    std::int32_t current_mA;
    bool failure;
    bool fets_allowed;
  };
  const Case kCases[] = {
      {State::Sleep, 0, false, false},        {State::Startup, 0, false, false},
      {State::Standby, 0, false, true},       {State::Charge, 5000, false, true},
      {State::Discharge, -5000, false, true}, {State::Fault, 0, true, false},
      {State::SleepPending, 0, false, false}, {State::AutoWake, 0, false, true},
      {State::Reset, 0, false, false},
  };
  for (const Case& c : kCases) {
    Fsm f(c.state);
    f.in.current_mA = c.current_mA;
    f.in.failure = c.failure;
    f.tick();
    ASSERT_EQ(f.state(), c.state) << state_name(c.state);
    EXPECT_EQ(f.out.fets_allowed, c.fets_allowed) << state_name(c.state);
    EXPECT_EQ(f.out.auto_wake_try, c.state == State::AutoWake) << state_name(c.state);
  }
}

TEST(SM_1_fault, failure_enters_fault_at_once_and_leaves_when_cleared) {
  Fsm f;
  f.in.failure = true;
  f.tick();
  EXPECT_EQ(f.state(), State::Fault);
  EXPECT_EQ(f.count(SystemEvent::EnterFault), 1u);
  f.run_ms(kHour_ms);
  EXPECT_EQ(f.state(), State::Fault) << "failure mode until the failure is cleared";
  f.in.failure = false;  // manual intervention cleared the latch
  f.tick();
  EXPECT_EQ(f.state(), State::Standby);
  EXPECT_TRUE(f.out.fets_allowed);
}

TEST(SM_1_fault, failure_interrupts_charge_and_discharge) {
  for (const std::int32_t current_mA : {5000, -5000}) {
    Fsm f;
    f.in.current_mA = current_mA;
    f.run_ms(1100);
    ASSERT_NE(f.state(), State::Standby);
    f.in.failure = true;
    f.tick();
    EXPECT_EQ(f.state(), State::Fault) << current_mA;
  }
}

// --- SM-1: the direction debounce ---------------------------------------------------------

TEST(SM_1_direction, charge_current_enters_charge_after_the_debounce) {
  Fsm f;
  f.in.current_mA = 600;
  f.tick();  // first seen
  f.run_ms(kStateDebounce_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby) << "one tick before the debounce";
  f.tick();
  EXPECT_EQ(f.state(), State::Charge);
  EXPECT_EQ(f.count(SystemEvent::EnterCharge), 1u);
}

TEST(SM_1_direction, discharge_current_enters_discharge_after_the_debounce) {
  Fsm f;
  f.in.current_mA = -600;
  f.tick();
  f.run_ms(kStateDebounce_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby);
  f.tick();
  EXPECT_EQ(f.state(), State::Discharge);
  EXPECT_EQ(f.count(SystemEvent::EnterDischarge), 1u);
}

TEST(SM_1_direction, no_current_returns_to_standby_after_the_debounce) {
  for (const std::int32_t current_mA : {5000, -5000}) {
    Fsm f;
    f.in.current_mA = current_mA;
    f.run_ms(1100);
    ASSERT_NE(f.state(), State::Standby);
    f.in.current_mA = 0;
    f.tick();
    f.run_ms(kStateDebounce_ms - kTickMs);
    EXPECT_NE(f.state(), State::Standby) << current_mA;
    f.tick();
    EXPECT_EQ(f.state(), State::Standby) << current_mA;
  }
}

TEST(SM_1_direction, reversal_goes_straight_to_the_other_direction_after_the_debounce) {
  Fsm f;
  f.in.current_mA = 5000;
  f.run_ms(1100);
  ASSERT_EQ(f.state(), State::Charge);
  f.in.current_mA = -5000;
  f.tick();
  f.run_ms(kStateDebounce_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Charge);
  f.tick();
  EXPECT_EQ(f.state(), State::Discharge);
  EXPECT_EQ(f.count(SystemEvent::EnterStandby), 0u) << "no standby in between";
}

TEST(SM_1_direction, a_break_in_the_current_restarts_the_debounce) {
  Fsm f;
  f.in.current_mA = 5000;
  f.run_ms(kStateDebounce_ms - kTickMs);
  f.in.current_mA = 0;
  f.tick();
  f.in.current_mA = 5000;
  f.tick();
  f.run_ms(kStateDebounce_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby);
  f.tick();
  EXPECT_EQ(f.state(), State::Charge);
}

TEST(SM_1_direction, a_flip_to_the_other_direction_restarts_the_debounce) {
  Fsm f;
  f.in.current_mA = 5000;
  f.run_ms(kStateDebounce_ms - kTickMs);
  f.in.current_mA = -5000;
  f.tick();
  f.run_ms(kStateDebounce_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby) << "discharge has not held for 1 s yet";
  f.tick();
  EXPECT_EQ(f.state(), State::Discharge);
}

// --- SM-2 in the state machine: what each press does ---------------------------------------

TEST(SM_2_fsm, show_soc_press_changes_no_state) {
  Fsm f;
  f.press(ButtonEvent::ShowSoc);
  EXPECT_EQ(f.state(), State::Standby);
  EXPECT_TRUE(f.events.empty());
}

TEST(SM_2_fsm, sleep_press_sleeps_after_the_terminal_check) {
  Fsm f;
  f.press(ButtonEvent::Sleep);
  EXPECT_EQ(f.state(), State::SleepPending);
  EXPECT_FALSE(f.out.fets_allowed) << "the FETs open for the check";
  f.run_ms(kSleepCheck_ms - kTickMs);
  EXPECT_EQ(f.state(), State::SleepPending);
  f.tick();
  EXPECT_EQ(f.state(), State::Sleep);
  EXPECT_EQ(f.sm.sleep_reason(), SleepReason::Button);
}

TEST(SM_2_fsm, reset_press_shows_all_leds_for_1_5_s_and_starts_protections_over) {
  for (const State from : {State::Standby, State::Charge, State::Discharge, State::Fault}) {
    Fsm f(from);
    f.in.failure = from == State::Fault;
    f.press(ButtonEvent::Reset);
    EXPECT_EQ(f.state(), State::Reset) << state_name(from);
    EXPECT_TRUE(f.out.reset_protections);
    EXPECT_FALSE(f.out.fets_allowed);
    EXPECT_EQ(f.count(SystemEvent::ButtonReset), 1u);
    f.in.failure = false;  // the reset cleared it
    f.tick();
    EXPECT_FALSE(f.out.reset_protections) << "only on entry";
    f.run_ms(kResetAllOn_ms - 2 * kTickMs);
    EXPECT_EQ(f.state(), State::Reset);
    f.tick();
    EXPECT_EQ(f.state(), State::Standby) << state_name(from);
  }
}

TEST(SM_2_fsm, led_test_lasts_half_a_second_per_led) {
  for (const std::uint8_t leds : {std::uint8_t{4}, std::uint8_t{6}}) {
    Fsm f(State::Startup);
    f.in.led_count = leds;
    const TimeMs test_ms = kLedTestStep_ms * (2u + leds);  // RUN, ALM, each SOC LED
    f.run_ms(test_ms - kTickMs);
    EXPECT_EQ(f.state(), State::Startup) << int{leds};
    EXPECT_FALSE(f.out.fets_allowed);
    f.tick();
    EXPECT_EQ(f.state(), State::Standby) << int{leds};
  }
}

// --- SM-3: sleep --------------------------------------------------------------------------

TEST(SM_3_under_voltage, protection_not_released_within_30_s_sleeps) {
  Fsm f;
  f.in.under_voltage = true;
  f.tick();  // the protection trips
  f.run_ms(30 * kSecond_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby) << "29.9 s: not yet";
  f.tick();
  EXPECT_EQ(f.state(), State::SleepPending);
  f.run_ms(kSleepCheck_ms);
  EXPECT_EQ(f.state(), State::Sleep);
  EXPECT_EQ(f.sm.sleep_reason(), SleepReason::UnderVoltage);
  EXPECT_EQ(f.count(SystemEvent::EnterSleep), 1u);
}

TEST(SM_3_under_voltage, released_protection_restarts_the_timer) {
  Fsm f;
  f.in.under_voltage = true;
  f.run_ms(20 * kSecond_ms);
  f.in.under_voltage = false;
  f.tick();
  f.in.under_voltage = true;
  f.tick();
  f.run_ms(30 * kSecond_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby);
  f.tick();
  EXPECT_EQ(f.state(), State::SleepPending);
}

TEST(SM_3_under_voltage, charge_current_holds_the_timer) {
  Fsm f;
  f.in.under_voltage = true;
  f.run_ms(20 * kSecond_ms);
  f.in.current_mA = 2000;  // a charger is bringing the cells back
  f.run_ms(kMinute_ms);
  EXPECT_NE(f.state(), State::SleepPending);
  EXPECT_NE(f.state(), State::Sleep);
  f.in.current_mA = 0;
  f.tick();
  f.run_ms(30 * kSecond_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby);
  f.tick();
  EXPECT_EQ(f.state(), State::SleepPending);
}

TEST(SM_3_under_voltage, delay_is_the_uv_sleep_delay_setting) {
  Fsm f;
  ASSERT_TRUE(f.params.write(ParamId::uv_sleep_delay_s, 5).ok());
  f.in.under_voltage = true;
  f.tick();
  f.run_ms(5 * kSecond_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby);
  f.tick();
  EXPECT_EQ(f.state(), State::SleepPending);
}

// The low-cell rule: min cell below sleep_cell_mV (3000) for sleep_delay_min (30).
struct LowCell : Fsm {
  LowCell() { in.min_cell_mV = 2999; }
  static constexpr TimeMs kDelay_ms = 30 * kMinute_ms;
};

TEST(SM_3_low_cell, below_the_sleep_voltage_for_the_sleep_delay_sleeps) {
  LowCell f;
  f.tick();
  f.run_ms(LowCell::kDelay_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby) << "one tick before 30 min";
  f.tick();
  EXPECT_EQ(f.state(), State::SleepPending);
  f.run_ms(kSleepCheck_ms);
  EXPECT_EQ(f.state(), State::Sleep);
  EXPECT_EQ(f.sm.sleep_reason(), SleepReason::LowCell);
}

TEST(SM_3_low_cell, at_the_sleep_voltage_it_stays_awake) {
  LowCell f;
  f.in.min_cell_mV = 3000;
  f.run_ms(LowCell::kDelay_ms + kMinute_ms);
  EXPECT_EQ(f.state(), State::Standby);
}

TEST(SM_3_low_cell, invalid_cell_readings_do_not_count) {
  LowCell f;
  f.in.cells_valid = false;
  f.run_ms(LowCell::kDelay_ms + kMinute_ms);
  EXPECT_EQ(f.state(), State::Standby);
}

// Runs 20 min low, breaks the condition for one tick, then checks a whole new delay is needed.
void expect_restart(LowCell& f, void (*inhibit)(FsmInputs&), void (*restore)(FsmInputs&)) {
  f.run_ms(20 * kMinute_ms);
  inhibit(f.in);
  f.tick();
  restore(f.in);
  f.tick();
  f.run_ms(LowCell::kDelay_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby) << "the timer started over";
  f.tick();
  EXPECT_EQ(f.state(), State::SleepPending);
}

TEST(SM_3_low_cell, current_restarts_the_timer) {
  LowCell f;
  expect_restart(
      f, [](FsmInputs& in) { in.current_mA = -600; }, [](FsmInputs& in) { in.current_mA = 0; });
}

TEST(SM_3_low_cell, communication_restarts_the_timer) {
  LowCell f;
  expect_restart(
      f, [](FsmInputs& in) { in.comm_activity = true; }, [](FsmInputs&) {});
}

TEST(SM_3_low_cell, a_protection_restarts_the_timer) {
  LowCell f;
  expect_restart(
      f, [](FsmInputs& in) { in.any_protection = true; },
      [](FsmInputs& in) { in.any_protection = false; });
}

TEST(SM_3_low_cell, balancing_restarts_the_timer) {
  LowCell f;
  expect_restart(
      f, [](FsmInputs& in) { in.balancing = true; }, [](FsmInputs& in) { in.balancing = false; });
}

TEST(SM_3_low_cell, a_cell_back_at_the_sleep_voltage_restarts_the_timer) {
  LowCell f;
  expect_restart(
      f, [](FsmInputs& in) { in.min_cell_mV = 3000; },
      [](FsmInputs& in) { in.min_cell_mV = 2999; });
}

TEST(SM_3_standby, standby_longer_than_max_standby_sleeps) {
  Fsm f;
  f.tick();
  f.run_ms(24 * kHour_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby) << "one tick before 24 h";
  f.tick();
  EXPECT_EQ(f.state(), State::SleepPending);
  f.run_ms(kSleepCheck_ms);
  EXPECT_EQ(f.state(), State::Sleep);
  EXPECT_EQ(f.sm.sleep_reason(), SleepReason::Standby);
}

// max_standby_s at its minimum (600 s), so the restarts stay short.
struct ShortStandby : Fsm {
  ShortStandby() { EXPECT_TRUE(params.write(ParamId::max_standby_s, 600).ok()); }
  static constexpr TimeMs kMax_ms = 600 * kSecond_ms;
};

void expect_standby_restart(ShortStandby& f, void (*inhibit)(FsmInputs&),
                            void (*restore)(FsmInputs&)) {
  f.run_ms(5 * kMinute_ms);
  inhibit(f.in);
  f.tick();
  restore(f.in);
  f.tick();
  f.run_ms(ShortStandby::kMax_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby) << "the timer started over";
  f.tick();
  EXPECT_EQ(f.state(), State::SleepPending);
}

TEST(SM_3_standby, current_restarts_the_standby_timer) {
  ShortStandby f;
  expect_standby_restart(
      f, [](FsmInputs& in) { in.current_mA = 600; }, [](FsmInputs& in) { in.current_mA = 0; });
}

TEST(SM_3_standby, communication_restarts_the_standby_timer) {
  ShortStandby f;
  expect_standby_restart(
      f, [](FsmInputs& in) { in.comm_activity = true; }, [](FsmInputs&) {});
}

TEST(SM_3_standby, a_charger_restarts_the_standby_timer) {
  ShortStandby f;
  expect_standby_restart(
      f, [](FsmInputs& in) { in.charger_present = true; },
      [](FsmInputs& in) { in.charger_present = false; });
}

TEST(SM_3_standby, failure_mode_also_times_out) {
  ShortStandby f;
  f.in.failure = true;
  f.tick();
  ASSERT_EQ(f.state(), State::Fault);
  f.tick();  // the timer starts on the first tick judged in failure mode
  f.run_ms(ShortStandby::kMax_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Fault);
  f.tick();
  EXPECT_EQ(f.state(), State::SleepPending);
}

TEST(SM_3_host, host_command_sleeps) {
  Fsm f;
  f.in.host_sleep = true;
  f.tick();
  EXPECT_EQ(f.state(), State::SleepPending);
  f.run_ms(kSleepCheck_ms);
  EXPECT_EQ(f.state(), State::Sleep);
  EXPECT_EQ(f.sm.sleep_reason(), SleepReason::Host);
}

TEST(SM_3_host, button_and_host_also_sleep_from_failure_mode) {
  Fsm button(State::Fault);
  button.in.failure = true;
  button.press(ButtonEvent::Sleep);
  EXPECT_EQ(button.state(), State::SleepPending);
  Fsm host(State::Fault);
  host.in.failure = true;
  host.in.host_sleep = true;
  host.tick();
  EXPECT_EQ(host.state(), State::SleepPending);
}

TEST(SM_3_refused, external_voltage_at_the_terminals_refuses_sleep) {
  Fsm f;
  f.in.host_sleep = true;
  f.tick();
  f.in.external_voltage = true;
  f.run_ms(kSleepCheck_ms - kTickMs);
  EXPECT_EQ(f.state(), State::SleepPending) << "judged after the FETs were open 2 s";
  f.tick();
  EXPECT_EQ(f.state(), State::Standby);
  EXPECT_EQ(f.count(SystemEvent::SleepRefused), 1u);
  EXPECT_EQ(f.count(SystemEvent::EnterSleep), 0u);
  EXPECT_TRUE(f.out.fets_allowed);
}

TEST(SM_3_refused, voltage_gone_within_the_check_lets_it_sleep) {
  Fsm f;
  f.in.external_voltage = true;  // the inverter's capacitors still hold the terminals up
  f.in.host_sleep = true;
  f.tick();
  f.run_ms(kSleepCheck_ms - kTickMs);
  f.in.external_voltage = false;
  f.tick();
  EXPECT_EQ(f.state(), State::Sleep);
}

TEST(SM_3_refused, after_a_refusal_the_sleep_timers_start_over) {
  Fsm f;
  f.in.under_voltage = true;
  f.in.external_voltage = true;
  ASSERT_TRUE(f.run_until(State::SleepPending, 31 * kSecond_ms));
  f.run_ms(kSleepCheck_ms);
  ASSERT_EQ(f.state(), State::Standby);
  ASSERT_EQ(f.count(SystemEvent::SleepRefused), 1u);
  // The timer starts on the first tick back in standby, a whole delay again.
  f.tick();
  f.run_ms(30 * kSecond_ms - kTickMs);
  EXPECT_EQ(f.state(), State::Standby);
  f.tick();
  EXPECT_EQ(f.state(), State::SleepPending);
}

// --- SM-4: wake ---------------------------------------------------------------------------

TEST(SM_4_wake, each_wake_source_wakes_into_the_led_test) {
  void (*const kSources[])(FsmInputs&) = {
      [](FsmInputs& in) { in.button = ButtonEvent::Wake; },
      [](FsmInputs& in) { in.external_voltage = true; },
      [](FsmInputs& in) { in.comm_activity = true; },
      [](FsmInputs& in) { in.link_wake = true; },
  };
  for (std::size_t i = 0; i < std::size(kSources); ++i) {
    Fsm f;
    sleep_by_host(f);
    f.run_ms(kHour_ms);
    ASSERT_EQ(f.state(), State::Sleep);
    kSources[i](f.in);
    f.tick();
    EXPECT_EQ(f.state(), State::Startup) << "source " << i;
    EXPECT_TRUE(f.out.woke);
    EXPECT_EQ(f.count(SystemEvent::Wake), 1u);
  }
}

TEST(SM_4_wake, running_presses_do_not_wake) {
  Fsm f;
  sleep_by_host(f);
  for (const ButtonEvent e : {ButtonEvent::ShowSoc, ButtonEvent::Sleep, ButtonEvent::Reset}) {
    f.press(e);
    EXPECT_EQ(f.state(), State::Sleep) << button_event_name(e);
  }
}

TEST(SM_4_autowake, first_try_4_h_after_an_under_voltage_sleep) {
  Fsm f;
  sleep_by_under_voltage(f);
  f.run_ms(autowake_interval_ms(f) - kTickMs);
  EXPECT_EQ(f.state(), State::Sleep) << "one tick before 4 h";
  f.tick();
  EXPECT_EQ(f.state(), State::AutoWake);
  EXPECT_TRUE(f.out.auto_wake_try);
  EXPECT_TRUE(f.out.fets_allowed);
  EXPECT_TRUE(f.out.woke);
  EXPECT_EQ(f.count(SystemEvent::AutoWakeTry), 1u);
  EXPECT_EQ(f.sm.reported(), ReportedState::Standby);
}

TEST(SM_4_autowake, no_automatic_wake_after_other_sleeps) {
  Fsm f;
  sleep_by_host(f);
  f.run_ms(3 * autowake_interval_ms(f));
  EXPECT_EQ(f.state(), State::Sleep);
  EXPECT_EQ(f.count(SystemEvent::AutoWakeTry), 0u);
}

TEST(SM_4_autowake, charge_current_keeps_it_awake) {
  Fsm f;
  sleep_by_under_voltage(f);
  f.run_ms(autowake_interval_ms(f));
  ASSERT_EQ(f.state(), State::AutoWake);
  f.run_ms(30 * kSecond_ms);
  f.in.current_mA = 5000;
  f.tick();
  EXPECT_EQ(f.state(), State::Standby);
  EXPECT_FALSE(f.out.auto_wake_try);
  f.run_ms(kHour_ms);
  EXPECT_EQ(f.state(), State::Charge) << "stays awake while charging";
  EXPECT_EQ(f.sm.auto_wake_failures(), 0u);
}

TEST(SM_4_autowake, no_charge_within_the_window_goes_back_to_sleep) {
  Fsm f;
  sleep_by_under_voltage(f);
  f.run_ms(autowake_interval_ms(f));
  ASSERT_EQ(f.state(), State::AutoWake);
  f.run_ms(autowake_window_ms(f) - kTickMs);
  EXPECT_EQ(f.state(), State::AutoWake) << "59.9 s";
  f.tick();
  EXPECT_EQ(f.state(), State::Sleep);
  EXPECT_EQ(f.sm.sleep_reason(), SleepReason::UnderVoltage);
  EXPECT_EQ(f.sm.auto_wake_failures(), 1u);
  EXPECT_EQ(f.count(SystemEvent::AutoWakeFailed), 1u);
  // The next try is a whole interval later.
  f.run_ms(autowake_interval_ms(f) - kTickMs);
  EXPECT_EQ(f.state(), State::Sleep);
  f.tick();
  EXPECT_EQ(f.state(), State::AutoWake);
}

TEST(SM_4_autowake, discharge_current_for_1_s_drains_it_back_to_sleep) {
  Fsm f;
  sleep_by_under_voltage(f);
  f.run_ms(autowake_interval_ms(f));
  ASSERT_EQ(f.state(), State::AutoWake);
  f.in.current_mA = -3000;  // the inverter draws instead of charging
  f.tick();
  f.run_ms(kAutoWakeDischarge_ms - kTickMs);
  EXPECT_EQ(f.state(), State::AutoWake);
  f.tick();
  EXPECT_EQ(f.state(), State::Sleep);
  EXPECT_EQ(f.sm.auto_wake_failures(), 1u);
}

TEST(SM_4_autowake, stops_after_10_failed_tries) {
  Fsm f;
  sleep_by_under_voltage(f);
  const auto max = static_cast<std::size_t>(f.params.get(ParamId::autowake_max_count));
  ASSERT_EQ(max, 10u);
  for (std::size_t i = 0; i < max; ++i) {
    f.run_ms(autowake_interval_ms(f));
    ASSERT_EQ(f.state(), State::AutoWake) << "try " << i + 1;
    f.run_ms(autowake_window_ms(f));
    ASSERT_EQ(f.state(), State::Sleep);
    EXPECT_EQ(f.count(SystemEvent::AutoWakeStopped), i + 1 == max ? 1u : 0u);
  }
  EXPECT_TRUE(f.sm.auto_wake_stopped(f.params));
  f.run_ms(3 * autowake_interval_ms(f));
  EXPECT_EQ(f.state(), State::Sleep) << "no more automatic wakes";
  EXPECT_EQ(f.count(SystemEvent::AutoWakeTry), max);
  f.in.external_voltage = true;  // a charger still wakes it
  f.tick();
  EXPECT_EQ(f.state(), State::Startup);
  EXPECT_EQ(f.sm.auto_wake_failures(), 0u);
}

TEST(SM_4_autowake, a_real_wake_resets_the_failure_count) {
  Fsm f;
  sleep_by_under_voltage(f);
  for (int i = 0; i < 3; ++i) f.run_ms(autowake_interval_ms(f) + autowake_window_ms(f));
  ASSERT_EQ(f.sm.auto_wake_failures(), 3u);
  f.press(ButtonEvent::Wake);
  EXPECT_EQ(f.state(), State::Startup);
  EXPECT_EQ(f.sm.auto_wake_failures(), 0u);
  // The next under-voltage sleep gets all ten tries again.
  f.in.under_voltage = false;
  ASSERT_TRUE(f.run_until(State::Standby, 5 * kSecond_ms));
  sleep_by_under_voltage(f);
  f.run_ms(autowake_interval_ms(f));
  EXPECT_EQ(f.state(), State::AutoWake);
}

TEST(SM_4_autowake, a_successful_try_resets_the_failure_count) {
  Fsm f;
  sleep_by_under_voltage(f);
  for (int i = 0; i < 2; ++i) f.run_ms(autowake_interval_ms(f) + autowake_window_ms(f));
  ASSERT_EQ(f.sm.auto_wake_failures(), 2u);
  f.run_ms(autowake_interval_ms(f));
  f.in.current_mA = 5000;
  f.tick();
  EXPECT_EQ(f.state(), State::Standby);
  EXPECT_EQ(f.sm.auto_wake_failures(), 0u);
}

TEST(SM_4_autowake, zero_tries_never_wakes_by_itself) {
  Fsm f;
  ASSERT_TRUE(f.params.write(ParamId::autowake_max_count, 0).ok());
  sleep_by_under_voltage(f);
  f.run_ms(2 * autowake_interval_ms(f));
  EXPECT_EQ(f.state(), State::Sleep);
}

TEST(SM_4_autowake, a_real_wake_during_the_trial_keeps_it_awake) {
  void (*const kSources[])(FsmInputs&) = {
      [](FsmInputs& in) { in.button = ButtonEvent::ShowSoc; },
      [](FsmInputs& in) { in.button = ButtonEvent::Sleep; },  // a 3-6 s press
      [](FsmInputs& in) { in.comm_activity = true; },
      [](FsmInputs& in) { in.link_wake = true; },
  };
  for (std::size_t i = 0; i < std::size(kSources); ++i) {
    Fsm f;
    sleep_by_under_voltage(f);
    for (int k = 0; k < 2; ++k) f.run_ms(autowake_interval_ms(f) + autowake_window_ms(f));
    f.run_ms(autowake_interval_ms(f));
    ASSERT_EQ(f.state(), State::AutoWake);
    kSources[i](f.in);
    f.tick();
    EXPECT_EQ(f.state(), State::Standby) << "source " << i;
    EXPECT_EQ(f.sm.auto_wake_failures(), 0u) << "source " << i;
  }
}

// --- Through the whole pipeline -----------------------------------------------------------

BmsInputs comm_frame() {
  BmsInputs in;
  in.comm_activity = true;
  return in;
}
BmsInputs link_wake() {
  BmsInputs in;
  in.link_wake = true;
  return in;
}

bool both_open(const fakes::FakeBoard& b) {
  return !b.switches.charge_fet && !b.switches.discharge_fet;
}
bool both_closed(const fakes::FakeBoard& b) {
  return b.switches.charge_fet && b.switches.discharge_fet;
}

// Cells at 3150 mV: 50.4 V, below the 51.2 V wake voltage, so the terminals that follow the
// pack do not look like a charger once the FETs open.
struct QuietRig : BmsRig {
  QuietRig() {
    board.set_cells(3150);
    run_until_running();
  }
  State phase() const { return status().phase; }
};

TEST(SM_1_pipeline, the_state_decides_the_fets) {
  QuietRig rig;
  EXPECT_EQ(rig.status().state, ReportedState::Standby);
  EXPECT_TRUE(both_closed(rig.board));
  rig.board.set_current(10000);
  rig.run_ms(kStateDebounce_ms);
  EXPECT_EQ(rig.status().state, ReportedState::Standby) << "one tick before the debounce";
  rig.tick();
  EXPECT_EQ(rig.status().state, ReportedState::Charge);
  rig.board.set_current(0);
  rig.bms.request_sleep();
  rig.tick();
  EXPECT_EQ(rig.phase(), State::SleepPending);
  EXPECT_TRUE(both_open(rig.board)) << "the FETs open for the sleep check";
  rig.run_ms(kSleepCheck_ms);
  EXPECT_EQ(rig.status().state, ReportedState::Sleep);
  EXPECT_TRUE(both_open(rig.board));
}

TEST(SM_1_pipeline, discharge_is_reported_after_the_debounce) {
  QuietRig rig;
  rig.board.set_current(-10000);
  rig.run_ms(kStateDebounce_ms);
  EXPECT_EQ(rig.status().state, ReportedState::Standby);
  rig.tick();
  EXPECT_EQ(rig.status().state, ReportedState::Discharge);
  EXPECT_TRUE(both_closed(rig.board));
}

TEST(SM_1_pipeline, failure_mode_is_reported_with_both_fets_open) {
  QuietRig rig;
  rig.board.temperature.ambient_temperature_dC = -600;  // NTC open: latches after 1 s
  rig.run_ms(1500);
  EXPECT_EQ(rig.status().state, ReportedState::Fault);
  EXPECT_TRUE(both_open(rig.board));
}

TEST(SM_3_pipeline, under_voltage_sleeps_after_30_s_with_the_fets_open) {
  QuietRig rig;
  rig.board.set_cells(2500);
  while (!rig.status().protection.protect_on(ProtectionId::CellUv)) rig.tick();
  rig.run_ms(30 * kSecond_ms - kTickMs);
  EXPECT_EQ(rig.phase(), State::Standby) << "29.9 s after the trip";
  rig.tick();
  EXPECT_EQ(rig.phase(), State::SleepPending);
  rig.run_ms(kSleepCheck_ms);
  EXPECT_EQ(rig.status().state, ReportedState::Sleep);
  EXPECT_EQ(rig.status().sleep_reason, SleepReason::UnderVoltage);
  EXPECT_TRUE(both_open(rig.board));
  EXPECT_EQ(rig.log.count(SystemEvent::EnterSleep), 1u);
}

TEST(SM_3_pipeline, low_cell_sleeps_after_the_sleep_delay) {
  QuietRig rig;
  rig.board.set_cells(2950);  // below 3000 mV, above the 2800 mV alarm
  rig.run_ms(30 * kMinute_ms);
  EXPECT_EQ(rig.phase(), State::Standby);
  rig.tick();
  EXPECT_EQ(rig.phase(), State::SleepPending);
  rig.run_ms(kSleepCheck_ms);
  EXPECT_EQ(rig.status().sleep_reason, SleepReason::LowCell);
}

TEST(SM_3_pipeline, communication_restarts_the_low_cell_timer) {
  QuietRig rig;
  rig.board.set_cells(2950);
  rig.run_ms(20 * kMinute_ms);
  rig.tick(comm_frame());
  rig.run_ms(30 * kMinute_ms);
  EXPECT_EQ(rig.phase(), State::Standby);
  rig.tick();
  EXPECT_EQ(rig.phase(), State::SleepPending);
}

TEST(SM_3_pipeline, host_command_sleeps) {
  QuietRig rig;
  rig.bms.request_sleep();
  rig.run_ms(kSleepCheck_ms);
  EXPECT_EQ(rig.phase(), State::SleepPending);
  rig.tick();
  EXPECT_EQ(rig.status().state, ReportedState::Sleep);
  EXPECT_EQ(rig.status().sleep_reason, SleepReason::Host);
}

TEST(SM_3_pipeline, standby_longer_than_max_standby_sleeps) {
  QuietRig rig;
  ASSERT_TRUE(rig.bms.set_param(ParamId::max_standby_s, 600).ok());
  rig.run_ms(590 * kSecond_ms);
  EXPECT_EQ(rig.phase(), State::Standby);
  rig.run_ms(20 * kSecond_ms);
  EXPECT_EQ(rig.status().state, ReportedState::Sleep);
  EXPECT_EQ(rig.status().sleep_reason, SleepReason::Standby);
}

TEST(SM_3_pipeline, a_charger_at_the_terminals_keeps_standby_awake) {
  QuietRig rig;
  ASSERT_TRUE(rig.bms.set_param(ParamId::max_standby_s, 600).ok());
  rig.board.pin_terminals(56000);  // charger connected, charge path not drawing
  rig.run_ms(2 * 600 * kSecond_ms);
  EXPECT_EQ(rig.phase(), State::Standby);
  EXPECT_TRUE(rig.status().charger_present);
}

TEST(SM_3_pipeline, external_voltage_refuses_sleep) {
  QuietRig rig;
  rig.board.pin_terminals(53000);  // another source holds the terminals up
  rig.bms.request_sleep();
  rig.run_ms(kSleepCheck_ms + kTickMs);
  EXPECT_EQ(rig.status().state, ReportedState::Standby);
  EXPECT_EQ(rig.log.count(SystemEvent::SleepRefused), 1u);
  EXPECT_EQ(rig.log.count(SystemEvent::EnterSleep), 0u);
  EXPECT_TRUE(both_closed(rig.board)) << "back in standby, FETs closed again";
}

TEST(SM_4_pipeline, charger_at_the_terminals_wakes) {
  QuietRig rig;
  rig.bms.request_sleep();
  rig.run_ms(kSleepCheck_ms + kTickMs);
  ASSERT_EQ(rig.phase(), State::Sleep);
  rig.run_ms(kHour_ms);
  ASSERT_EQ(rig.phase(), State::Sleep);
  rig.board.pin_terminals(
      static_cast<std::int32_t>(rig.bms.params().get(ParamId::wake_charger_mV)));  // 51.2 V at 16S
  rig.tick();
  EXPECT_EQ(rig.phase(), State::Startup);
  EXPECT_EQ(rig.log.count(SystemEvent::Wake), 1u);
}

TEST(SM_4_pipeline, terminals_below_the_wake_voltage_do_not_wake) {
  QuietRig rig;
  rig.bms.request_sleep();
  rig.run_ms(kSleepCheck_ms + kTickMs);
  rig.board.pin_terminals(rig.bms.params().get(ParamId::wake_charger_mV) - 1);
  rig.run_ms(kHour_ms);
  EXPECT_EQ(rig.phase(), State::Sleep);
}

TEST(SM_4_pipeline, communication_and_the_link_wake) {
  for (const BmsInputs& in : {comm_frame(), link_wake()}) {
    QuietRig rig;
    rig.bms.request_sleep();
    rig.run_ms(kSleepCheck_ms + kTickMs);
    ASSERT_EQ(rig.phase(), State::Sleep);
    rig.tick(in);
    EXPECT_EQ(rig.phase(), State::Startup);
    rig.run_until_running();
    EXPECT_EQ(rig.status().state, ReportedState::Standby);
    EXPECT_TRUE(both_closed(rig.board));
  }
}

// An under-voltage sleep at 2500 mV per cell, automatic wake every minute (its minimum).
struct UnderVoltageRig : QuietRig {
  UnderVoltageRig() {
    EXPECT_TRUE(bms.set_param(ParamId::autowake_interval_s, 60).ok());
    board.set_cells(2500);
    for (TimeMs t = 0; t < 40 * kSecond_ms && phase() != State::Sleep; t += kTickMs) tick();
    EXPECT_EQ(phase(), State::Sleep);
    EXPECT_EQ(status().sleep_reason, SleepReason::UnderVoltage);
  }
};

TEST(SM_4_pipeline, automatic_wake_closes_the_fets_despite_under_voltage) {
  UnderVoltageRig rig;
  rig.run_ms(kMinute_ms - kTickMs);
  EXPECT_EQ(rig.phase(), State::Sleep);
  EXPECT_TRUE(both_open(rig.board));
  rig.tick();
  EXPECT_EQ(rig.phase(), State::AutoWake);
  EXPECT_TRUE(rig.status().protection.protect_on(ProtectionId::CellUv));
  EXPECT_TRUE(both_closed(rig.board)) << "an inverter must see the pack to charge it";
  EXPECT_EQ(rig.log.count(SystemEvent::AutoWakeTry), 1u);
}

TEST(SM_4_pipeline, charge_current_during_the_trial_stays_awake) {
  UnderVoltageRig rig;
  rig.run_ms(kMinute_ms);
  ASSERT_EQ(rig.phase(), State::AutoWake);
  rig.board.set_current(20000);
  rig.tick();
  EXPECT_EQ(rig.phase(), State::Standby);
  rig.run_ms(kMinute_ms);
  EXPECT_EQ(rig.status().state, ReportedState::Charge);
  EXPECT_TRUE(both_closed(rig.board)) << "charge current closes the UV-held discharge FET";
}

TEST(SM_4_pipeline, discharge_during_the_trial_goes_back_to_sleep) {
  UnderVoltageRig rig;
  rig.run_ms(kMinute_ms);
  ASSERT_EQ(rig.phase(), State::AutoWake);
  rig.board.set_current(-5000);
  rig.tick();  // first seen
  rig.run_ms(kAutoWakeDischarge_ms - kTickMs);
  EXPECT_EQ(rig.phase(), State::AutoWake);
  rig.tick();
  EXPECT_EQ(rig.phase(), State::Sleep);
  EXPECT_TRUE(both_open(rig.board));
  EXPECT_EQ(rig.log.count(SystemEvent::AutoWakeFailed), 1u);
}

TEST(SM_4_pipeline, stops_waking_after_10_failed_tries_then_only_a_manual_wake) {
  UnderVoltageRig rig;
  rig.run_ms(10 * (kMinute_ms + kMinute_ms));  // ten tries, each with a 60 s window
  EXPECT_EQ(rig.log.count(SystemEvent::AutoWakeFailed), 10u);
  EXPECT_EQ(rig.log.count(SystemEvent::AutoWakeStopped), 1u);
  rig.run_ms(kHour_ms);
  EXPECT_EQ(rig.phase(), State::Sleep);
  EXPECT_EQ(rig.log.count(SystemEvent::AutoWakeTry), 10u);
  rig.press_button(1000);
  EXPECT_EQ(rig.phase(), State::Startup);
}

}  // namespace
}  // namespace lfpbms::testing
