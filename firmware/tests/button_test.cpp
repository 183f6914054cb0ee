// The button (SM-2): the tracker alone at every threshold (a tick before and at it), then
// through the whole pipeline: the wake, the start-up LED test, the SOC display, the sleep
// press and the reset with all LEDs on.
#include <gtest/gtest.h>

#include <string>

#include "bms_rig.hpp"

namespace lfpbms::testing {
namespace {

using hal::IndicatorFrame;
using hal::LedPattern;

constexpr TimeMs kSecond_ms = 1000;

struct Press {
  ButtonEvent while_held = ButtonEvent::None;  // the first event while the button was down
  ButtonEvent on_release = ButtonEvent::None;
};

// Holds the button for `held_ms`, sampled every `step_ms`, then releases it.
Press hold(TimeMs held_ms, bool asleep, const ButtonTimings& t = {}, TimeMs step_ms = kTickMs) {
  ButtonTracker b;
  Press p;
  constexpr TimeMs kStart = 5000;
  b.update(kStart - step_ms, false, asleep, t);
  for (TimeMs now = kStart; now < kStart + held_ms; now += step_ms) {
    const ButtonEvent e = b.update(now, true, asleep, t);
    if (p.while_held == ButtonEvent::None) p.while_held = e;
  }
  p.on_release = b.update(kStart + held_ms, false, asleep, t);
  return p;
}

ButtonEvent asleep_press(TimeMs held_ms, TimeMs step_ms = kTickMs) {
  const Press p = hold(held_ms, true, {}, step_ms);
  EXPECT_EQ(p.while_held, ButtonEvent::None) << "asleep, a press is judged on release";
  return p.on_release;
}

ButtonEvent running_press(TimeMs held_ms, TimeMs step_ms = kTickMs) {
  const Press p = hold(held_ms, false, {}, step_ms);
  EXPECT_EQ(p.while_held, ButtonEvent::None) << "under 10 s, a press is judged on release";
  return p.on_release;
}

// --- The tracker: asleep ------------------------------------------------------------------

TEST(SM_2_button, asleep_a_1_s_press_wakes) {
  EXPECT_EQ(asleep_press(1000), ButtonEvent::Wake);
}

TEST(SM_2_button, asleep_999_ms_or_900_ms_does_not_wake) {
  EXPECT_EQ(asleep_press(999, 1), ButtonEvent::None);
  EXPECT_EQ(asleep_press(900), ButtonEvent::None);
  EXPECT_EQ(asleep_press(100), ButtonEvent::None);
}

TEST(SM_2_button, asleep_a_press_just_under_10_s_wakes) {
  EXPECT_EQ(asleep_press(9900), ButtonEvent::Wake);
  EXPECT_EQ(asleep_press(9999, 1), ButtonEvent::Wake);
}

TEST(SM_2_button, asleep_10_s_or_more_does_not_wake) {
  EXPECT_EQ(asleep_press(10000), ButtonEvent::None);
  EXPECT_EQ(asleep_press(60000), ButtonEvent::None) << "a stuck button neither wakes nor resets";
}

TEST(SM_2_button, the_wake_threshold_is_a_profile_setting) {
  ButtonTimings t;
  t.wake_min_ms = 3000;  // [004 §6-7]: 3 s
  EXPECT_EQ(hold(2900, true, t).on_release, ButtonEvent::None);
  EXPECT_EQ(hold(3000, true, t).on_release, ButtonEvent::Wake);
}

// --- The tracker: running -----------------------------------------------------------------

TEST(SM_2_button, running_press_under_3_s_shows_soc) {
  EXPECT_EQ(running_press(100), ButtonEvent::ShowSoc);
  EXPECT_EQ(running_press(2900), ButtonEvent::ShowSoc);
  EXPECT_EQ(running_press(2999, 1), ButtonEvent::ShowSoc);
}

TEST(SM_2_button, running_press_of_3_to_6_s_sleeps) {
  EXPECT_EQ(running_press(3000), ButtonEvent::Sleep);
  EXPECT_EQ(running_press(5900), ButtonEvent::Sleep);
  EXPECT_EQ(running_press(5999, 1), ButtonEvent::Sleep);
}

TEST(SM_2_button, running_press_of_6_s_or_more_resets) {
  EXPECT_EQ(running_press(6000), ButtonEvent::Reset);
  EXPECT_EQ(running_press(9900), ButtonEvent::Reset);
}

TEST(SM_2_button, holding_10_s_resets_without_release) {
  ButtonTracker b;
  const ButtonTimings t;
  b.update(0, true, false, t);
  for (TimeMs now = kTickMs; now < t.ignore_ms; now += kTickMs) {
    ASSERT_EQ(b.update(now, true, false, t), ButtonEvent::None) << now;
  }
  EXPECT_EQ(b.update(t.ignore_ms, true, false, t), ButtonEvent::Reset);
  EXPECT_EQ(b.update(t.ignore_ms + kTickMs, true, false, t), ButtonEvent::None) << "once";
  EXPECT_EQ(b.update(20000, false, false, t), ButtonEvent::None) << "release adds nothing";
  // The next press starts afresh.
  b.update(30000, true, false, t);
  EXPECT_EQ(b.update(30500, false, false, t), ButtonEvent::ShowSoc);
}

TEST(SM_2_button, nothing_without_a_press) {
  ButtonTracker b;
  const ButtonTimings t;
  for (TimeMs now = 0; now < 20000; now += kTickMs) {
    ASSERT_EQ(b.update(now, false, false, t), ButtonEvent::None);
  }
}

TEST(SM_2_button, a_press_is_timed_from_its_first_sample) {
  ButtonTracker b;
  const ButtonTimings t;
  b.update(0, false, false, t);
  b.update(7000, true, false, t);  // pressed 7 s after the last sample: a new press
  EXPECT_EQ(b.update(7500, false, false, t), ButtonEvent::ShowSoc);
}

TEST(SM_2_button, events_have_names) {
  EXPECT_STREQ(button_event_name(ButtonEvent::Wake), "wake");
  EXPECT_STREQ(button_event_name(ButtonEvent::Reset), "reset");
}

// --- Through the whole pipeline -----------------------------------------------------------

// The LEDs that are not off, "+"-joined; a "~" marks one that blinks instead of being on.
std::string lit(const IndicatorFrame& f) {
  std::string s;
  const auto add = [&s](LedPattern p, const std::string& name) {
    if (p == LedPattern::Off) return;
    s += (s.empty() ? "" : "+") + name + (p == LedPattern::On ? "" : "~");
  };
  add(f.run, "RUN");
  add(f.alm, "ALM");
  for (std::size_t i = 0; i < kMaxSocLeds; ++i) add(f.soc[i], "SOC" + std::to_string(i + 1));
  return s;
}

IndicatorFrame all_on(std::uint8_t soc_leds) {
  IndicatorFrame f;
  f.run = f.alm = LedPattern::On;
  for (std::uint8_t i = 0; i < soc_leds; ++i) f.soc[i] = LedPattern::On;
  return f;
}

const char* const kLedTestOrder[] = {"RUN", "ALM", "SOC1", "SOC2", "SOC3", "SOC4", "SOC5", "SOC6"};

// Cells at 3150 mV: the terminals that follow the pack (50.4 V) stay below the 51.2 V wake
// voltage, so the pack can sleep without anything at the terminals.
struct QuietRig : BmsRig {
  QuietRig() {
    board.set_cells(3150);
    run_until_running();
  }
  void sleep() {
    bms.request_sleep();
    run_ms(kSleepCheck_ms + kTickMs);
    EXPECT_EQ(phase(), State::Sleep);
  }
  State phase() const { return status().phase; }
};

TEST(SM_2_led_test, start_up_lights_run_then_alm_then_each_soc_led_for_0_5_s) {
  BmsRig rig;  // started at 0 ms
  for (TimeMs t = kTickMs; t < 8 * kLedTestStep_ms; t += kTickMs) {
    rig.tick();
    ASSERT_EQ(rig.status().phase, State::Startup) << t;
    EXPECT_EQ(lit(rig.status().indicators), kLedTestOrder[t / kLedTestStep_ms]) << t;
    EXPECT_EQ(rig.board.frame, rig.status().indicators);
    EXPECT_FALSE(rig.board.switches.charge_fet || rig.board.switches.discharge_fet);
  }
  rig.tick();
  EXPECT_EQ(rig.status().phase, State::Standby);
  EXPECT_TRUE(rig.board.switches.charge_fet && rig.board.switches.discharge_fet);
}

TEST(SM_2_led_test, four_soc_leds_finish_after_3_s) {
  PackConfig config;
  config.soc_led_count = 4;
  BmsRig rig(config);
  rig.run_ms(6 * kLedTestStep_ms - 2 * kTickMs);
  EXPECT_EQ(lit(rig.status().indicators), "SOC4");
  rig.tick();
  EXPECT_EQ(rig.status().phase, State::Startup);
  rig.tick();
  EXPECT_EQ(rig.status().phase, State::Standby);
}

TEST(SM_2_led_test, a_wake_from_sleep_runs_the_led_test_again) {
  QuietRig rig;
  rig.sleep();
  EXPECT_EQ(lit(rig.status().indicators), "") << "asleep: all off";
  rig.press_button(1000);
  ASSERT_EQ(rig.phase(), State::Startup);
  for (TimeMs since = 0; since < 8 * kLedTestStep_ms; since += kTickMs) {
    if (since > 0) rig.tick();
    EXPECT_EQ(lit(rig.status().indicators), kLedTestOrder[since / kLedTestStep_ms]) << since;
  }
  rig.tick();
  EXPECT_EQ(rig.phase(), State::Standby);
}

TEST(SM_2_pipeline, asleep_a_900_ms_press_does_not_wake_a_1_s_press_does) {
  QuietRig rig;
  rig.sleep();
  rig.press_button(900);
  EXPECT_EQ(rig.phase(), State::Sleep);
  rig.press_button(1000);
  EXPECT_EQ(rig.phase(), State::Startup);
  EXPECT_EQ(rig.log.count(SystemEvent::Wake), 1u);
}

TEST(SM_2_pipeline, asleep_the_wake_is_judged_on_release) {
  QuietRig rig;
  rig.sleep();
  rig.board.button_down = true;
  rig.run_ms(5 * kSecond_ms);
  EXPECT_EQ(rig.phase(), State::Sleep) << "still held";
  rig.board.button_down = false;
  rig.tick();
  EXPECT_EQ(rig.phase(), State::Startup);
}

TEST(SM_2_pipeline, asleep_a_10_s_press_does_not_wake) {
  QuietRig rig;
  rig.sleep();
  rig.press_button(10000);
  EXPECT_EQ(rig.phase(), State::Sleep);
  rig.press_button(9900);
  EXPECT_EQ(rig.phase(), State::Startup);
}

TEST(SM_2_pipeline, short_press_shows_the_soc_for_soc_display_s) {
  BmsRig rig;
  rig.run_until_running();
  ASSERT_TRUE(rig.bms.set_param(ParamId::led_enable, 0).ok());
  rig.tick();
  EXPECT_EQ(rig.status().indicators, IndicatorFrame{}) << "LEDs disabled from the host";
  rig.press_button(2900);
  EXPECT_EQ(rig.status().phase, State::Standby);
  EXPECT_NE(rig.status().indicators.soc[0], LedPattern::Off);
  const TimeMs display_ms =
      static_cast<TimeMs>(rig.bms.params().get(ParamId::soc_display_s)) * kSecond_ms;
  rig.run_ms(display_ms - kTickMs);
  EXPECT_NE(rig.status().indicators.soc[0], LedPattern::Off);
  rig.tick();
  EXPECT_EQ(rig.status().indicators, IndicatorFrame{});
}

TEST(SM_2_pipeline, running_a_3_s_press_puts_the_pack_to_sleep) {
  QuietRig rig;
  rig.press_button(2900);
  EXPECT_EQ(rig.phase(), State::Standby) << "2.9 s shows the SOC";
  rig.press_button(3000);
  EXPECT_EQ(rig.phase(), State::SleepPending);
  rig.run_ms(kSleepCheck_ms);
  EXPECT_EQ(rig.status().state, ReportedState::Sleep);
  EXPECT_EQ(rig.status().sleep_reason, SleepReason::Button);
}

TEST(SM_2_pipeline, running_a_press_just_under_6_s_still_sleeps) {
  QuietRig rig;
  rig.press_button(5900);
  EXPECT_EQ(rig.phase(), State::SleepPending);
  EXPECT_EQ(rig.log.count(SystemEvent::ButtonReset), 0u);
}

TEST(SM_2_reset, a_6_s_press_lights_all_leds_for_1_5_s_then_standby) {
  BmsRig rig;
  rig.run_until_running();
  rig.press_button(6000);
  ASSERT_EQ(rig.status().phase, State::Reset);
  EXPECT_EQ(rig.log.count(SystemEvent::ButtonReset), 1u);
  for (TimeMs since = 0; since < kResetAllOn_ms; since += kTickMs) {
    if (since > 0) rig.tick();
    EXPECT_EQ(rig.status().indicators, all_on(6)) << since;
    EXPECT_FALSE(rig.board.switches.charge_fet || rig.board.switches.discharge_fet) << since;
  }
  rig.tick();
  EXPECT_EQ(rig.status().phase, State::Standby);
  EXPECT_NE(rig.status().indicators, all_on(6));
  EXPECT_TRUE(rig.board.switches.charge_fet && rig.board.switches.discharge_fet);
}

TEST(SM_2_reset, holding_10_s_resets_before_release) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.button_down = true;
  rig.run_ms(10 * kSecond_ms);  // the press is first seen on the first of these ticks
  EXPECT_EQ(rig.status().phase, State::Standby) << "held 9.9 s";
  rig.tick();
  EXPECT_EQ(rig.status().phase, State::Reset) << "held 10 s, still down";
  rig.run_ms(5 * kSecond_ms);
  rig.board.button_down = false;
  rig.tick();
  EXPECT_EQ(rig.status().phase, State::Standby);
  EXPECT_EQ(rig.log.count(SystemEvent::ButtonReset), 1u) << "the release adds nothing";
}

TEST(SM_2_reset, four_soc_leds_all_on) {
  PackConfig config;
  config.soc_led_count = 4;
  BmsRig rig(config);
  rig.run_until_running();
  rig.press_button(7000);
  EXPECT_EQ(rig.status().indicators, all_on(4));
}

TEST(SM_2_reset, parameters_survive_a_reset) {
  BmsRig rig;
  rig.run_until_running();
  ASSERT_TRUE(rig.bms.set_param(ParamId::soc_display_s, 20).ok());
  ASSERT_TRUE(rig.bms.set_param(ParamId::max_standby_s, 3600).ok());
  const ParamValues before = rig.bms.params().values();
  rig.press_button(7000);
  rig.run_until_running();
  EXPECT_EQ(rig.log.count(SystemEvent::ButtonReset), 1u);
  EXPECT_EQ(rig.bms.params().values(), before);
  EXPECT_EQ(rig.bms.params().get(ParamId::soc_display_s), 20);
  EXPECT_EQ(rig.log.count(SystemEvent::ParamsRestored), 0u);
}

TEST(SM_2_reset, every_protection_starts_over) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_cells(2500);
  rig.run_ms(1500);
  ASSERT_TRUE(rig.status().protection.protect_on(ProtectionId::CellUv));
  rig.press_button(6000);
  ASSERT_EQ(rig.status().phase, State::Reset);
  EXPECT_FALSE(rig.status().protection.protect_on(ProtectionId::CellUv));
  EXPECT_GE(rig.log.count(EventKind::ManualClear, static_cast<std::uint8_t>(ProtectionId::CellUv)),
            1u);
}

}  // namespace
}  // namespace lfpbms::testing
