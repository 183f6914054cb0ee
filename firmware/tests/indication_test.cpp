// Indication (IN-1...IN-4): blink timings, the RUN/ALM rule tables per product, the SOC LEDs,
// the [000 §5.3] 6-LED fault codes and the buzzer. Most tests call indicate() directly with a
// hand-made protection status; the last ones go through the whole BMS.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "bms_rig.hpp"
#include "indication/indication.hpp"
#include "indication/patterns.hpp"

namespace lfpbms::testing {
namespace {

using I = ProtectionId;
using L = hal::LedPattern;
using B = hal::BuzzerPattern;

// indicate() for one product style, a healthy pack at 50 % in standby unless a test says else.
struct Indication {
  explicit Indication(IndicationStyle style = IndicationStyle::Standard, std::uint8_t leds = 6)
      : params(16) {
    config.indication = style;
    config.soc_led_count = leds;
    in.now = 60000;
    in.state = State::Standby;
    in.protection = &p;
    in.soc_pptt = 5000;
  }
  Indication(const Indication&) = delete;  // `in` points at `p`

  hal::IndicatorFrame show() { return indicate(in, config, params); }
  void alarm(I id) { p.alarm |= bit(id); }
  void protect(I id) { p.protect |= bit(id); }
  void buzzer_on() { ASSERT_TRUE(params.write(ParamId::buzzer_enable, 1).ok()); }

  PackConfig config;
  ParamSet params;
  ProtectionStatus p;
  IndicationInputs in;
};

// The SOC LEDs as text, LED1 first: '.' off, 'o' on, 'x' 1 Hz (Flash2), anything else '?'.
std::string soc_leds(const hal::IndicatorFrame& f, std::uint8_t leds = 6) {
  std::string s;
  for (std::uint8_t i = 0; i < leds; ++i) {
    s += f.soc[i] == L::Off ? '.' : f.soc[i] == L::On ? 'o' : f.soc[i] == L::Flash2 ? 'x' : '?';
  }
  return s;
}

// ---- IN-1: patterns, LED count, LEDs off -------------------------------------------------

TEST(IN_1_patterns, flash1_is_0_25_s_on_3_75_s_off) {
  EXPECT_EQ(blink_of(L::Flash1).on_ms, 250);
  EXPECT_EQ(blink_of(L::Flash1).off_ms, 3750);
  EXPECT_TRUE(pattern_on(L::Flash1, 0));
  EXPECT_TRUE(pattern_on(L::Flash1, 249));
  EXPECT_FALSE(pattern_on(L::Flash1, 250));
  EXPECT_FALSE(pattern_on(L::Flash1, 3999));
  EXPECT_TRUE(pattern_on(L::Flash1, 4000));
}

TEST(IN_1_patterns, flash2_is_0_5_s_on_0_5_s_off) {
  EXPECT_EQ(blink_of(L::Flash2).on_ms, 500);
  EXPECT_EQ(blink_of(L::Flash2).off_ms, 500);
  EXPECT_TRUE(pattern_on(L::Flash2, 499));
  EXPECT_FALSE(pattern_on(L::Flash2, 500));
  EXPECT_FALSE(pattern_on(L::Flash2, 999));
  EXPECT_TRUE(pattern_on(L::Flash2, 1000));
}

TEST(IN_1_patterns, flash3_is_0_5_s_on_1_5_s_off) {
  EXPECT_EQ(blink_of(L::Flash3).on_ms, 500);
  EXPECT_EQ(blink_of(L::Flash3).off_ms, 1500);
  EXPECT_TRUE(pattern_on(L::Flash3, 499));
  EXPECT_FALSE(pattern_on(L::Flash3, 500));
  EXPECT_FALSE(pattern_on(L::Flash3, 1999));
  EXPECT_TRUE(pattern_on(L::Flash3, 2000));
}

TEST(IN_1_patterns, product_002_flash_1_is_1_0_s_on_1_0_s_off) {
  EXPECT_EQ(blink_of(L::Slow).on_ms, 1000);
  EXPECT_EQ(blink_of(L::Slow).off_ms, 1000);
  EXPECT_TRUE(pattern_on(L::Slow, 999));
  EXPECT_FALSE(pattern_on(L::Slow, 1000));
  EXPECT_FALSE(pattern_on(L::Slow, 1999));
  EXPECT_TRUE(pattern_on(L::Slow, 2000));
}

TEST(IN_1_patterns, steady_is_always_lit_and_off_never) {
  for (const TimeMs t : {0u, 250u, 3999u, 123456u}) {
    EXPECT_TRUE(pattern_on(L::On, t)) << t;
    EXPECT_FALSE(pattern_on(L::Off, t)) << t;
  }
}

TEST(IN_1_patterns, fast_cue_is_5_hz) {
  EXPECT_TRUE(pattern_on(L::Fast5Hz, 99));
  EXPECT_FALSE(pattern_on(L::Fast5Hz, 100));
  EXPECT_TRUE(pattern_on(L::Fast5Hz, 200));
  EXPECT_TRUE(pattern_on(B::Beep5Hz, 99));
  EXPECT_FALSE(pattern_on(B::Beep5Hz, 100));
  EXPECT_TRUE(pattern_on(B::Beep1Hz, 499));
  EXPECT_FALSE(pattern_on(B::Beep1Hz, 500));
}

TEST(IN_1_soc_leds, four_leds_are_25_percent_each) {
  EXPECT_EQ(soc_led_count_lit(2499, 4), 1);
  EXPECT_EQ(soc_led_count_lit(2500, 4), 2);
  EXPECT_EQ(soc_led_count_lit(4999, 4), 2);
  EXPECT_EQ(soc_led_count_lit(5000, 4), 3);
  EXPECT_EQ(soc_led_count_lit(7499, 4), 3);
  EXPECT_EQ(soc_led_count_lit(7500, 4), 4);
  EXPECT_EQ(soc_led_count_lit(10000, 4), 4);
}

TEST(IN_1_soc_leds, four_led_pack_never_drives_leds_5_and_6) {
  Indication t(IndicationStyle::Voltgo002, 4);
  t.in.soc_pptt = 10000;
  const auto f = t.show();
  EXPECT_EQ(soc_leds(f), "oooo..");
  t.in.soc_pptt = 7499;
  EXPECT_EQ(soc_leds(t.show(), 4), "ooo.");
}

TEST(IN_1_soc_leds, six_led_pack_lights_all_six_when_full) {
  Indication t;
  t.in.soc_pptt = 10000;
  EXPECT_EQ(soc_leds(t.show()), "oooooo");
}

TEST(IN_1_led_enable, leds_on_by_default) {
  EXPECT_EQ(ParamSet(16).get(ParamId::led_enable), 1);
}

TEST(IN_1_led_enable, disabled_leds_give_a_dark_frame_even_in_a_fault) {
  Indication t;
  ASSERT_TRUE(t.params.write(ParamId::led_enable, 0).ok());
  t.in.failure = true;
  t.in.state = State::Fault;
  EXPECT_EQ(t.show(), hal::IndicatorFrame{});
}

TEST(IN_1_led_enable, short_press_still_shows_the_soc_but_not_run_or_alm) {
  Indication t;
  ASSERT_TRUE(t.params.write(ParamId::led_enable, 0).ok());
  t.alarm(I::CellUv);
  t.in.soc_pptt = 5000;
  t.in.show_soc = true;
  const auto f = t.show();
  EXPECT_EQ(soc_leds(f), "oooo..");
  EXPECT_EQ(f.run, L::Off);
  EXPECT_EQ(f.alm, L::Off);
}

TEST(IN_1_led_enable, disabling_leds_does_not_silence_the_buzzer) {
  Indication t;
  t.buzzer_on();
  ASSERT_TRUE(t.params.write(ParamId::led_enable, 0).ok());
  t.alarm(I::CellUv);
  EXPECT_EQ(t.show().buzzer, B::Alarm);
}

// ---- IN-2: the default RUN/ALM table [001 §5.4] ------------------------------------------

TEST(IN_2_standard, sleep_is_off_off_and_all_dark) {
  Indication t;
  t.in.state = State::Sleep;
  t.alarm(I::CellUv);
  EXPECT_EQ(t.show(), hal::IndicatorFrame{});
}

TEST(IN_2_standard, standby_normal_is_flash1_off) {
  Indication t;
  const auto f = t.show();
  EXPECT_EQ(f.run, L::Flash1);
  EXPECT_EQ(f.alm, L::Off);
  EXPECT_EQ(soc_leds(f), "oooo..");
}

TEST(IN_2_standard, standby_alarm_is_flash1_flash3) {
  Indication t;
  t.alarm(I::CellUv);  // the manual's example: cell low voltage
  const auto f = t.show();
  EXPECT_EQ(f.run, L::Flash1);
  EXPECT_EQ(f.alm, L::Flash3);
}

TEST(IN_2_standard, charge_normal_is_on_off_with_the_top_soc_led_flash2) {
  Indication t;
  t.in.state = State::Charge;
  const auto f = t.show();
  EXPECT_EQ(f.run, L::On);
  EXPECT_EQ(f.alm, L::Off);
  EXPECT_EQ(soc_leds(f), "ooox..");
}

TEST(IN_2_standard, over_voltage_alarm_while_charging_does_not_flash_alm) {
  for (const I id : {I::CellOv, I::PackOv}) {
    Indication t;
    t.in.state = State::Charge;
    t.alarm(id);
    const auto f = t.show();
    EXPECT_EQ(f.run, L::On);
    EXPECT_EQ(f.alm, L::Off) << static_cast<int>(id);
  }
}

TEST(IN_2_standard, charge_alarm_is_on_flash3) {
  Indication t;
  t.in.state = State::Charge;
  t.alarm(I::ChargeOt);
  const auto f = t.show();
  EXPECT_EQ(f.run, L::On);
  EXPECT_EQ(f.alm, L::Flash3);
  EXPECT_EQ(soc_leds(f), "ooox..");
}

TEST(IN_2_standard, over_charge_protection_with_charger_is_on_off) {
  for (const I id : {I::CellOv, I::PackOv}) {
    Indication t;
    t.protect(id);  // the charge FET opened: no current, the state is standby
    t.in.charger_present = true;
    const auto f = t.show();
    EXPECT_EQ(f.run, L::On) << static_cast<int>(id);
    EXPECT_EQ(f.alm, L::Off) << static_cast<int>(id);
  }
}

TEST(IN_2_standard, over_charge_protection_without_charger_shows_as_standby) {
  Indication t;
  t.protect(I::CellOv);
  t.in.charger_present = false;
  const auto f = t.show();
  EXPECT_EQ(f.run, L::Flash1);
  EXPECT_EQ(f.alm, L::Off);
}

TEST(IN_2_standard, charge_temperature_or_over_current_protection_is_off_on) {
  for (const I id : {I::ChargeOt, I::ChargeUt, I::ChargeOc}) {
    Indication t;
    t.in.state = State::Charge;
    t.protect(id);
    const auto f = t.show();
    EXPECT_EQ(f.run, L::Off) << static_cast<int>(id);
    EXPECT_EQ(f.alm, L::On) << static_cast<int>(id);
  }
}

TEST(IN_2_standard, discharge_normal_is_flash3_off) {
  Indication t;
  t.in.state = State::Discharge;
  const auto f = t.show();
  EXPECT_EQ(f.run, L::Flash3);
  EXPECT_EQ(f.alm, L::Off);
  EXPECT_EQ(soc_leds(f), "oooo..");
}

TEST(IN_2_standard, discharge_alarm_is_flash3_flash3) {
  Indication t;
  t.in.state = State::Discharge;
  t.alarm(I::DischargeOc1);
  const auto f = t.show();
  EXPECT_EQ(f.run, L::Flash3);
  EXPECT_EQ(f.alm, L::Flash3);
}

TEST(IN_2_standard, over_voltage_alarm_flashes_alm_when_not_charging) {
  Indication t;
  t.in.state = State::Discharge;
  t.alarm(I::CellOv);
  EXPECT_EQ(t.show().alm, L::Flash3);
}

TEST(IN_2_standard, under_voltage_protection_is_off_off) {
  for (const I id : {I::CellUv, I::PackUv}) {
    Indication t;
    t.in.state = State::Discharge;
    t.alarm(id);
    t.protect(id);
    const auto f = t.show();
    EXPECT_EQ(f.run, L::Off) << static_cast<int>(id);
    EXPECT_EQ(f.alm, L::Off) << static_cast<int>(id);
  }
}

TEST(IN_2_standard, discharge_temperature_over_current_short_are_off_on) {
  for (const I id : {I::DischargeOt, I::DischargeUt, I::DischargeOc1, I::DischargeOc2,
                     I::ShortCircuit, I::AmbientOt, I::AmbientUt, I::MosOt, I::Precharge}) {
    Indication t;
    t.in.state = State::Discharge;
    t.protect(id);
    const auto f = t.show();
    EXPECT_EQ(f.run, L::Off) << static_cast<int>(id);
    EXPECT_EQ(f.alm, L::On) << static_cast<int>(id);
  }
}

TEST(IN_2_standard, fault_is_off_on) {
  Indication t;
  t.in.state = State::Fault;
  t.in.failure = true;
  t.protect(I::NtcFault);
  const auto f = t.show();
  EXPECT_EQ(f.run, L::Off);
  EXPECT_EQ(f.alm, L::On);
}

TEST(IN_2_standard, invalid_measurements_show_as_fault_before_failure_mode) {
  Indication t;
  t.in.state = State::Discharge;
  t.in.failure = true;  // a fault bit, the row not yet latched
  const auto f = t.show();
  EXPECT_EQ(f.run, L::Off);
  EXPECT_EQ(f.alm, L::On);
}

TEST(IN_2_product_003, standby_charge_and_discharge_as_the_default) {
  Indication t(IndicationStyle::Voltium003);
  EXPECT_EQ(t.show().run, L::Flash1);
  t.in.state = State::Charge;
  EXPECT_EQ(t.show().run, L::On);
  EXPECT_EQ(soc_leds(t.show()), "ooox..");
  t.in.state = State::Discharge;
  EXPECT_EQ(t.show().run, L::Flash3);
  t.alarm(I::CellSpread);  // "warning" includes cell imbalance
  EXPECT_EQ(t.show().alm, L::Flash3);
}

TEST(IN_2_product_003, cocp_is_run_flash1_alm_off_with_the_soc) {
  Indication t(IndicationStyle::Voltium003);
  t.protect(I::ChargeOc);
  const auto f = t.show();
  EXPECT_EQ(f.run, L::Flash1);
  EXPECT_EQ(f.alm, L::Off);
  EXPECT_EQ(soc_leds(f), "oooo..");
}

TEST(IN_2_product_003, under_voltage_is_run_off_alm_flash3_soc_leds_off) {
  for (const I id : {I::CellUv, I::PackUv}) {
    Indication t(IndicationStyle::Voltium003);
    t.in.state = State::Discharge;
    t.protect(id);
    const auto f = t.show();
    EXPECT_EQ(f.run, L::Off);
    EXPECT_EQ(f.alm, L::Flash3);
    EXPECT_EQ(soc_leds(f), "......");
  }
}

TEST(IN_2_product_003, docp_and_failures_are_off_on_with_soc_leds_off) {
  for (const I id : {I::DischargeOc1, I::DischargeOc2, I::ShortCircuit}) {
    Indication t(IndicationStyle::Voltium003);
    t.protect(id);
    const auto f = t.show();
    EXPECT_EQ(f.run, L::Off) << static_cast<int>(id);
    EXPECT_EQ(f.alm, L::On) << static_cast<int>(id);
    EXPECT_EQ(soc_leds(f), "......") << static_cast<int>(id);
  }
  Indication t(IndicationStyle::Voltium003);
  t.in.failure = true;
  t.in.state = State::Fault;
  EXPECT_EQ(t.show().alm, L::On);
  EXPECT_EQ(soc_leds(t.show()), "......");
}

TEST(IN_2_product_003, short_press_shows_the_soc_over_a_dark_soc_row) {
  Indication t(IndicationStyle::Voltium003);
  t.protect(I::CellUv);
  t.in.show_soc = true;
  EXPECT_EQ(soc_leds(t.show()), "oooo..");
}

TEST(IN_2_product_000, run_is_steady_in_charge_discharge_and_standby) {
  for (const State s : {State::Standby, State::Charge, State::Discharge}) {
    Indication t(IndicationStyle::Vtac000);
    t.in.state = s;
    const auto f = t.show();
    EXPECT_EQ(f.run, L::On) << static_cast<int>(s);
    EXPECT_EQ(f.alm, L::Off) << static_cast<int>(s);
  }
}

TEST(IN_2_product_000, an_alarm_alone_keeps_the_normal_display) {
  Indication t(IndicationStyle::Vtac000);
  t.in.state = State::Discharge;
  t.alarm(I::DischargeOt);
  const auto f = t.show();
  EXPECT_EQ(f.run, L::On);
  EXPECT_EQ(f.alm, L::Off);
  EXPECT_EQ(soc_leds(f), "oooo..");
}

TEST(IN_2_product_002, standby_on_charge_slow_discharge_flash2) {
  Indication t(IndicationStyle::Voltgo002, 4);
  EXPECT_EQ(t.show().run, L::On);
  t.in.state = State::Charge;
  EXPECT_EQ(t.show().run, L::Slow);  // its "Flash 1": 1.0 s / 1.0 s
  t.in.state = State::Discharge;
  EXPECT_EQ(t.show().run, L::Flash2);
  t.alarm(I::DischargeOt);  // its alarm rows keep ALM off
  EXPECT_EQ(t.show().run, L::Flash2);
  EXPECT_EQ(t.show().alm, L::Off);
}

TEST(IN_2_product_002, protections_and_the_current_limit_are_off_on) {
  Indication t(IndicationStyle::Voltgo002, 4);
  t.in.state = State::Charge;
  t.in.limiter_active = true;  // "over-current transfer limit-current"
  EXPECT_EQ(t.show().run, L::Off);
  EXPECT_EQ(t.show().alm, L::On);
  for (const I id : {I::ChargeOt, I::DischargeOc1, I::CellUv}) {  // UV: discharge end-off
    Indication u(IndicationStyle::Voltgo002, 4);
    u.protect(id);
    EXPECT_EQ(u.show().run, L::Off) << static_cast<int>(id);
    EXPECT_EQ(u.show().alm, L::On) << static_cast<int>(id);
  }
}

TEST(IN_2_product_002, charge_end_off_voltage_is_on_off) {
  Indication t(IndicationStyle::Voltgo002, 4);
  t.protect(I::CellOv);
  t.in.charger_present = true;
  EXPECT_EQ(t.show().run, L::On);
  EXPECT_EQ(t.show().alm, L::Off);
}

// ---- IN-3: SOC LEDs ----------------------------------------------------------------------

TEST(IN_3_soc_steps, six_leds_step_at_17_33_50_66_84_percent) {
  Indication t;
  t.in.state = State::Discharge;
  const struct {
    std::int32_t soc_pptt;
    const char* leds;
  } kSteps[] = {{1699, "o....."}, {1700, "oo...."}, {3299, "oo...."}, {3300, "ooo..."},
                {4999, "ooo..."}, {5000, "oooo.."}, {6599, "oooo.."}, {6600, "ooooo."},
                {8399, "ooooo."}, {8400, "oooooo"}, {10000, "oooooo"}};
  for (const auto& s : kSteps) {
    t.in.soc_pptt = s.soc_pptt;
    EXPECT_EQ(soc_leds(t.show()), s.leds) << s.soc_pptt;
  }
}

TEST(IN_3_soc_steps, lit_count_at_each_boundary) {
  EXPECT_EQ(soc_led_count_lit(0, 6), 1);
  EXPECT_EQ(soc_led_count_lit(1699, 6), 1);
  EXPECT_EQ(soc_led_count_lit(1700, 6), 2);
  EXPECT_EQ(soc_led_count_lit(3299, 6), 2);
  EXPECT_EQ(soc_led_count_lit(3300, 6), 3);
  EXPECT_EQ(soc_led_count_lit(4999, 6), 3);
  EXPECT_EQ(soc_led_count_lit(5000, 6), 4);
  EXPECT_EQ(soc_led_count_lit(6599, 6), 4);
  EXPECT_EQ(soc_led_count_lit(6600, 6), 5);
  EXPECT_EQ(soc_led_count_lit(8399, 6), 5);
  EXPECT_EQ(soc_led_count_lit(8400, 6), 6);
}

TEST(IN_3_soc_charging, full_is_all_six_solid) {
  Indication t;
  t.in.state = State::Charge;
  t.in.soc_pptt = 10000;
  EXPECT_EQ(soc_leds(t.show()), "oooooo");
}

TEST(IN_3_soc_charging, the_top_lit_led_blinks) {
  Indication t;
  t.in.state = State::Charge;
  const struct {
    std::int32_t soc_pptt;
    const char* leds;
  } kSteps[] = {{0, "x....."},    {1699, "x....."}, {1700, "ox...."},
                {8399, "oooox."}, {8400, "ooooox"}, {9999, "ooooox"}};
  for (const auto& s : kSteps) {
    t.in.soc_pptt = s.soc_pptt;
    EXPECT_EQ(soc_leds(t.show()), s.leds) << s.soc_pptt;
  }
}

TEST(IN_3_soc_low, discharging_at_16_percent_and_below_shows_only_led1_steady) {
  Indication t;
  t.in.state = State::Discharge;
  for (const std::int32_t soc : {1699, 1000, 800}) {
    t.in.soc_pptt = soc;
    EXPECT_EQ(soc_leds(t.show()), "o.....") << soc;
  }
}

TEST(IN_3_soc_low, discharging_at_7_percent_and_below_led1_blinks_at_1_hz) {
  Indication t;
  t.in.state = State::Discharge;
  for (const std::int32_t soc : {799, 700, 0}) {
    t.in.soc_pptt = soc;
    EXPECT_EQ(soc_leds(t.show()), "x.....") << soc;
  }
}

TEST(IN_3_soc_low, standby_keeps_led1_steady_down_to_0_percent) {
  Indication t;  // [000 §5.3] "Standing 0%~16%": LED1 always, no blinking row
  for (const std::int32_t soc : {1699, 799, 0}) {
    t.in.soc_pptt = soc;
    EXPECT_EQ(soc_leds(t.show()), "o.....") << soc;
  }
}

TEST(IN_3_soc_low, product_000_buzzer_beeps_5_hz_at_16_percent_and_below) {
  Indication t(IndicationStyle::Vtac000);
  t.buzzer_on();
  t.in.state = State::Discharge;
  t.in.soc_pptt = 1700;
  EXPECT_EQ(t.show().buzzer, B::Off);
  t.in.soc_pptt = 1699;
  EXPECT_EQ(t.show().buzzer, B::Beep5Hz);
  t.in.soc_pptt = 800;
  EXPECT_EQ(t.show().buzzer, B::Beep5Hz);
  t.in.state = State::Standby;
  t.in.soc_pptt = 0;  // standing has only the 5 Hz row
  EXPECT_EQ(t.show().buzzer, B::Beep5Hz);
}

TEST(IN_3_soc_low, product_000_buzzer_beeps_1_hz_at_7_percent_and_below_discharging) {
  Indication t(IndicationStyle::Vtac000);
  t.buzzer_on();
  t.in.state = State::Discharge;
  t.in.soc_pptt = 799;
  EXPECT_EQ(t.show().buzzer, B::Beep1Hz);
  t.in.soc_pptt = 0;
  EXPECT_EQ(t.show().buzzer, B::Beep1Hz);
}

TEST(IN_3_soc_low, product_000_charging_is_silent_at_low_soc) {
  Indication t(IndicationStyle::Vtac000);
  t.buzzer_on();
  t.in.state = State::Charge;
  t.in.soc_pptt = 500;
  EXPECT_EQ(t.show().buzzer, B::Off);
}

// ---- IN-3: the 6-LED fault codes [000 §5.3] ------------------------------------------------

// Every code of the manual, LED1 = 32 ... LED6 = 1, 'x' flashing at 1 Hz.
const struct {
  std::uint8_t code;
  const char* leds;
  B buzzer;
} kCodes[] = {
    {4, "...x..", B::Continuous},   // ID
    {6, "...xx.", B::Off},          // ADS dialer
    {12, "..xx..", B::Off},         // cabinet
    {14, "..xxx.", B::Continuous},  // cell
    {16, ".x....", B::Continuous},  // pre-charge
    {18, ".x..x.", B::Beep1Hz},     // D-low temp
    {20, ".x.x..", B::Beep1Hz},     // C-low temp
    {22, ".x.xx.", B::Beep1Hz},     // high voltage
    {24, ".xx...", B::Beep1Hz},     // low voltage
    {26, ".xx.x.", B::Beep1Hz},     // C-high temp
    {28, ".xxx..", B::Continuous},  // discharge over-current
    {30, ".xxxx.", B::Beep1Hz},     // discharge high temp
    {32, "x.....", B::Continuous},  // charge over-current
    {34, "x...x.", B::Beep1Hz},     // MOS high temp
    {36, "x..x..", B::Continuous},  // short circuit
    {38, "x..xx.", B::Continuous},  // environment high
    {40, "x.x...", B::Continuous},  // environment low
};

// A Vtac000 pack with one protection row active, as the BMS would pass it on.
void trip(Indication& t, const ProtectionRow& row) {
  t.protect(row.id);
  t.in.failure = row.severity == Severity::Fault;
  if (t.in.failure) t.in.state = State::Fault;
}

TEST(IN_3_fault_codes, every_code_from_04_to_40_has_a_protection_row) {
  std::set<int> table;
  for (const ProtectionRow* r = protection_rows_begin(); r != protection_rows_end(); ++r) {
    if (r->fault_code != 0) table.insert(r->fault_code);
  }
  std::set<int> manual;
  for (const auto& c : kCodes) manual.insert(c.code);
  EXPECT_EQ(table, manual);
}

TEST(IN_3_fault_codes, each_code_shows_in_binary_led1_is_32) {
  for (const auto& c : kCodes) {
    for (const ProtectionRow* r = protection_rows_begin(); r != protection_rows_end(); ++r) {
      if (r->fault_code != c.code) continue;
      Indication t(IndicationStyle::Vtac000);
      trip(t, *r);
      const auto f = t.show();
      EXPECT_EQ(fault_code(t.p), c.code) << r->name;
      EXPECT_EQ(soc_leds(f), c.leds) << r->name;
      EXPECT_EQ(f.run, L::Off) << r->name;
      EXPECT_EQ(f.alm, L::On) << r->name;
    }
  }
}

TEST(IN_3_fault_codes, buzzer_per_code_loud_silent_or_1_hz) {
  for (const auto& c : kCodes) {
    for (const ProtectionRow* r = protection_rows_begin(); r != protection_rows_end(); ++r) {
      if (r->fault_code != c.code) continue;
      Indication t(IndicationStyle::Vtac000);
      t.buzzer_on();
      trip(t, *r);
      EXPECT_EQ(t.show().buzzer, c.buzzer) << r->name;
    }
  }
}

TEST(IN_3_fault_codes, code_flashes_at_1_hz) {
  Indication t(IndicationStyle::Vtac000);
  t.protect(I::ChargeOc);
  EXPECT_EQ(t.show().soc[0], L::Flash2);
  EXPECT_EQ(blink_of(L::Flash2).on_ms + blink_of(L::Flash2).off_ms, 1000);
}

TEST(IN_3_fault_codes, alarms_alone_show_no_code) {
  Indication t(IndicationStyle::Vtac000);
  t.alarm(I::CellOv);
  t.alarm(I::DischargeOt);
  EXPECT_EQ(fault_code(t.p), 0);
  EXPECT_EQ(soc_leds(t.show()), "oooo..");
}

TEST(IN_3_fault_codes, full_charge_flag_shows_no_code) {
  Indication t(IndicationStyle::Vtac000);
  t.protect(I::FullCharge);
  t.in.soc_pptt = 10000;
  const auto f = t.show();
  EXPECT_EQ(fault_code(t.p), 0);
  EXPECT_EQ(f.run, L::On);
  EXPECT_EQ(soc_leds(f), "oooooo");
}

TEST(IN_3_fault_codes, short_circuit_wins_over_every_other_code) {
  Indication t(IndicationStyle::Vtac000);
  for (const I id : {I::CellUv, I::ChargeOc, I::DischargeOt, I::AmbientUt, I::IdTimeout,
                     I::Precharge, I::ShortCircuit}) {
    t.protect(id);
  }
  EXPECT_EQ(fault_code(t.p), 36);
  EXPECT_EQ(soc_leds(t.show()), "x..x..");
}

TEST(IN_3_fault_codes, a_protection_wins_over_a_link_notice) {
  Indication t(IndicationStyle::Vtac000);
  t.protect(I::IdTimeout);
  t.protect(I::DischargeOt);
  EXPECT_EQ(fault_code(t.p), 30);
  t.protect(I::CellUv);
  EXPECT_EQ(fault_code(t.p), 24);
}

TEST(IN_3_fault_codes, short_press_shows_the_soc_instead_of_the_code) {
  Indication t(IndicationStyle::Vtac000);
  t.protect(I::ChargeOc);
  t.in.show_soc = true;
  const auto f = t.show();
  EXPECT_EQ(soc_leds(f), "oooo..");
  EXPECT_EQ(f.alm, L::On);
}

TEST(IN_3_fault_codes, no_code_display_on_a_four_led_pack) {
  Indication t(IndicationStyle::Vtac000, 4);
  t.protect(I::ChargeOc);
  EXPECT_EQ(soc_leds(t.show(), 4), "ooo.");
}

TEST(IN_3_fault_codes, the_bms_reports_the_code_of_a_short_circuit) {
  PackConfig config;
  config.indication = IndicationStyle::Vtac000;
  BmsRig rig(config);
  rig.run_until_running();
  rig.bms.on_short_circuit();
  rig.tick();
  EXPECT_EQ(rig.status().fault_code, 36);
  EXPECT_EQ(soc_leds(rig.status().indicators), "x..x..");
  EXPECT_EQ(rig.board.frame, rig.status().indicators);
}

// ---- IN-4: buzzer --------------------------------------------------------------------------

TEST(IN_4_buzzer, off_by_default_even_in_a_fault) {
  Indication t;
  t.in.failure = true;
  t.in.state = State::Fault;
  t.protect(I::ShortCircuit);
  EXPECT_EQ(t.show().buzzer, B::Off);
}

TEST(IN_4_buzzer, fault_beeps_0_25_s_every_1_s) {
  Indication t;
  t.buzzer_on();
  t.in.failure = true;
  t.in.state = State::Fault;
  EXPECT_EQ(t.show().buzzer, B::Fault);
  EXPECT_TRUE(pattern_on(B::Fault, 249));
  EXPECT_FALSE(pattern_on(B::Fault, 250));
  EXPECT_FALSE(pattern_on(B::Fault, 999));
  EXPECT_TRUE(pattern_on(B::Fault, 1000));
}

TEST(IN_4_buzzer, protection_beeps_0_25_s_every_2_s) {
  for (const I id : {I::DischargeOt, I::ChargeOc, I::CellUv, I::ShortCircuit}) {
    Indication t;
    t.buzzer_on();
    t.protect(id);
    EXPECT_EQ(t.show().buzzer, B::Protection) << static_cast<int>(id);
  }
  EXPECT_TRUE(pattern_on(B::Protection, 249));
  EXPECT_FALSE(pattern_on(B::Protection, 250));
  EXPECT_FALSE(pattern_on(B::Protection, 1999));
  EXPECT_TRUE(pattern_on(B::Protection, 2000));
}

TEST(IN_4_buzzer, alarm_beeps_0_25_s_every_3_s) {
  for (const I id : {I::CellUv, I::DischargeOt, I::LowSoc}) {
    Indication t;
    t.buzzer_on();
    t.alarm(id);
    EXPECT_EQ(t.show().buzzer, B::Alarm) << static_cast<int>(id);
  }
  EXPECT_TRUE(pattern_on(B::Alarm, 249));
  EXPECT_FALSE(pattern_on(B::Alarm, 250));
  EXPECT_FALSE(pattern_on(B::Alarm, 2999));
  EXPECT_TRUE(pattern_on(B::Alarm, 3000));
}

TEST(IN_4_buzzer, fault_outranks_protection_outranks_alarm) {
  Indication t;
  t.buzzer_on();
  t.alarm(I::CellUv);
  t.protect(I::DischargeOt);
  EXPECT_EQ(t.show().buzzer, B::Protection);
  t.in.failure = true;
  EXPECT_EQ(t.show().buzzer, B::Fault);
}

TEST(IN_4_buzzer, silent_for_over_voltage_alarm_and_protection) {
  for (const I id : {I::CellOv, I::PackOv}) {
    Indication t;
    t.buzzer_on();
    t.alarm(id);
    EXPECT_EQ(t.show().buzzer, B::Off) << static_cast<int>(id);
    t.protect(id);
    t.in.charger_present = true;
    EXPECT_EQ(t.show().buzzer, B::Off) << static_cast<int>(id);
    t.in.charger_present = false;
    EXPECT_EQ(t.show().buzzer, B::Off) << static_cast<int>(id);
  }
}

TEST(IN_4_buzzer, silent_when_fully_charged) {
  Indication t;
  t.buzzer_on();
  t.protect(I::FullCharge);
  EXPECT_EQ(t.show().buzzer, B::Off);
}

TEST(IN_4_buzzer, over_voltage_does_not_mask_another_alarm) {
  Indication t;
  t.buzzer_on();
  t.alarm(I::CellOv);
  t.alarm(I::ChargeOt);
  EXPECT_EQ(t.show().buzzer, B::Alarm);
}

// ---- through the whole BMS -----------------------------------------------------------------

TEST(IN_2_pipeline, standby_charge_discharge_and_under_voltage) {
  BmsRig rig;
  rig.run_until_running();
  EXPECT_EQ(rig.status().indicators.run, L::Flash1);
  rig.board.set_current(10000);
  rig.run_ms(1500);
  EXPECT_EQ(rig.status().state, ReportedState::Charge);
  EXPECT_EQ(rig.status().indicators.run, L::On);
  rig.board.set_current(-10000);
  rig.run_ms(1500);
  EXPECT_EQ(rig.status().state, ReportedState::Discharge);
  EXPECT_EQ(rig.status().indicators.run, L::Flash3);
  EXPECT_EQ(rig.status().indicators.alm, L::Off);
  rig.board.set_cells(2500);
  rig.board.set_current(0);
  rig.run_ms(1200);
  ASSERT_TRUE(rig.status().protection.protect_on(I::CellUv));
  EXPECT_EQ(rig.status().indicators.run, L::Off);
  EXPECT_EQ(rig.status().indicators.alm, L::Off);
}

TEST(IN_1_pipeline, short_press_lights_disabled_leds_for_soc_display_s) {
  BmsRig rig;
  ASSERT_TRUE(rig.bms.set_param(ParamId::led_enable, 0).ok());
  rig.run_until_running();
  EXPECT_EQ(rig.board.frame, hal::IndicatorFrame{});
  rig.press_button(500);
  EXPECT_NE(soc_leds(rig.board.frame), "......");
  EXPECT_EQ(rig.board.frame.run, L::Off);
  rig.run_ms(9000);
  EXPECT_NE(soc_leds(rig.board.frame), "......");
  rig.run_ms(1000);
  EXPECT_EQ(rig.board.frame, hal::IndicatorFrame{});
}

TEST(IN_4_pipeline, host_enables_the_buzzer_for_an_alarm) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_cells(2750);  // below the 2.8 V alarm, above the 2.5 V trip
  rig.run_ms(1200);
  ASSERT_TRUE(rig.status().protection.alarm_on(I::CellUv));
  EXPECT_EQ(rig.status().indicators.buzzer, B::Off);
  ASSERT_TRUE(rig.bms.set_param(ParamId::buzzer_enable, 1).ok());
  rig.tick();
  EXPECT_EQ(rig.board.frame.buzzer, B::Alarm);
}

}  // namespace
}  // namespace lfpbms::testing
