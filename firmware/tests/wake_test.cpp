// Wake (SM-4): button, charger, communication and the link wake; the automatic wake every 4 h
// after an under-voltage sleep, what keeps it awake, and the stop after 10 failed tries. The
// StateMachine alone, then the pipeline.
#include <gtest/gtest.h>

#include "fsm_rig.hpp"

namespace lfpbms::testing {
namespace {

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
