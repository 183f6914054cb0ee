// Indication (IN-1, IN-2): blink patterns, 4 or 6 SOC LEDs, LEDs switched off by the host,
// and the RUN/ALM tables of each product style, row by row.
#include <gtest/gtest.h>

#include "indication_rig.hpp"

namespace lfpbms::testing {
namespace {

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

}  // namespace
}  // namespace lfpbms::testing
