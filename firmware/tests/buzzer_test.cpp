// The buzzer (IN-4): off by default, fault / protection / alarm patterns, silent for
// over-voltage; then indication through the whole BMS.
#include <gtest/gtest.h>

#include "indication_rig.hpp"

namespace lfpbms::testing {
namespace {

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
