// The state machine (SM-1, SM-2): the five reported states, which of them let the FETs close,
// the direction debounce, and what each button press does to the state. First the
// StateMachine alone at the exact boundaries, then through the pipeline on the fake board.
#include <gtest/gtest.h>

#include "fsm_rig.hpp"

namespace lfpbms::testing {
namespace {

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

// --- Through the whole pipeline -----------------------------------------------------------

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

}  // namespace
}  // namespace lfpbms::testing
