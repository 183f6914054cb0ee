// Sleep (SM-3): under-voltage not released in 30 s, a low cell for the sleep delay, standby
// too long, button and host; what inhibits each timer; no sleep while an external voltage
// holds the terminals up. The StateMachine alone, then the pipeline.
#include <gtest/gtest.h>

#include "fsm_rig.hpp"

namespace lfpbms::testing {
namespace {

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

// --- Through the whole pipeline -----------------------------------------------------------

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

}  // namespace
}  // namespace lfpbms::testing
