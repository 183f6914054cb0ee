// The SOC LEDs (IN-3): equal steps at every boundary, charging blink, the low-SOC rows, and
// the [000 §5.3] 6-LED binary fault codes with their priority and buzzer.
#include <gtest/gtest.h>

#include <set>

#include "indication_rig.hpp"

namespace lfpbms::testing {
namespace {

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

}  // namespace
}  // namespace lfpbms::testing
