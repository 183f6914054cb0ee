// PK-8: each product profile loads, its settings pass the firmware's batch check over the
// SPEC defaults of its series count, and the result holds the manual's values.
#include <gtest/gtest.h>

#include "sim/profile/product_profile.hpp"

namespace lfpbms::sim::test {
namespace {

using P = ParamId;

struct Loaded {
  ProductProfile profile;
  ParamSet params;
};

Loaded loaded(const std::string& name) {
  ProductProfile profile = load_profile(name);
  ParamSet params(profile.config.series_count);
  const WriteResult r = apply_params(profile, params);
  EXPECT_TRUE(r.ok()) << param_error_name(r.error) << " " << param_def(r.param).name;
  return {std::move(profile), params};
}

TEST(PK_8_VT_12040_1, defaults_match_manual_000) {
  const auto [p, s] = loaded("VT-12040-1");
  EXPECT_EQ(p.config.series_count, 16);                      // [000 §3.1]
  EXPECT_EQ(p.config.soc_led_count, 6);                      // [000 Table 5-2]
  EXPECT_EQ(p.config.indication, IndicationStyle::Vtac000);  // [000 §5.3]
  EXPECT_TRUE(p.fault_code_leds);                            // [000 §5.3]
  EXPECT_EQ(p.parallel_max, 15);                             // [000 §7]
  EXPECT_EQ(s.get(P::charge_voltage_mV), 58400);             // [000 last page] CC/CV to 58.4 V
  EXPECT_EQ(s.get(P::full_current_mA), 14000);               // [000 last page] CV until 14 A
  EXPECT_EQ(s.get(P::ccl_max_mA), 100000);                   // [000 Table 8-1] 100 A
  EXPECT_EQ(s.get(P::dcl_max_mA), 100000);                   // [000 Table 8-1] 100 A
  EXPECT_EQ(s.get(P::discharge_voltage_mV), 43200);          // [000 Table 8-1] 43.2 V
  EXPECT_EQ(s.get(P::chg_ut_protect_dC), 0);                 // [000 §4.2] no charge below 0 °C
  EXPECT_EQ(s.get(P::chg_ot_protect_dC), 550);               // [000 Table 8-1] charge to 55 °C
  EXPECT_EQ(s.get(P::dsg_ut_protect_dC), -200);              // [000 §4.2] -20 °C
  EXPECT_EQ(s.get(P::dsg_ot_protect_dC), 600);               // [000 Table 8-1] 60 °C
  EXPECT_EQ(s.get(P::buzzer_enable), 1);                     // [000 §5.3]
  // CH-1: the OV alarm rose with the charge voltage; the protection stays above both.
  EXPECT_EQ(s.get(P::pack_ov_alarm_mV), 58400);
  EXPECT_EQ(s.get(P::cell_ov_alarm_mV), 3650);
  EXPECT_GT(s.get(P::cell_ov_protect_mV), s.get(P::cell_ov_alarm_mV));
  EXPECT_LT(s.get(P::float_voltage_mV), s.get(P::charge_voltage_mV));  // no float at 3.65 V/cell
}

TEST(PK_8_VT_12040, defaults_match_manual_001) {
  const auto [p, s] = loaded("VT-12040");
  EXPECT_EQ(p.config.series_count, 16);                       // [001 §2.1] 51.2 V
  EXPECT_DOUBLE_EQ(p.capacity_Ah, 200);                       // [001 §2.1]
  EXPECT_EQ(s.get(P::design_capacity_mAh), 200000);           // [001 §2.1]
  EXPECT_EQ(p.config.contacts, ContactMode::AlarmAndLowSoc);  // [001 §2.2]
  EXPECT_EQ(p.config.button.wake_min_ms, 3000u);              // [001 §5.1] RST 3...6 s
  EXPECT_EQ(s.get(P::charge_voltage_mV), 57600);              // [001 §2.1] max charging 57.6 V
  EXPECT_EQ(s.get(P::discharge_voltage_mV), 40000);           // [001 §2.1] min discharge 40 V
  EXPECT_EQ(s.get(P::rated_current_mA), 100000);              // [001 §2.1] rated 100 A
  EXPECT_EQ(s.get(P::ccl_max_mA), 100000);                    // [001 §2.1] max 100 A
  EXPECT_EQ(s.get(P::dcl_max_mA), 100000);                    // [001 §2.1] max 100 A
  EXPECT_EQ(s.get(P::chg_ut_protect_dC), 0);                  // [001 §2.1] charge 0...45 °C
  EXPECT_EQ(s.get(P::chg_ot_protect_dC), 450);
  EXPECT_EQ(s.get(P::dsg_ut_protect_dC), -200);  // [001 §2.1] discharge -20...50 °C
  EXPECT_EQ(s.get(P::dsg_ot_protect_dC), 500);
  EXPECT_EQ(s.get(P::wake_charger_mV), 51200);           // [001 §5.5] > 51.2 V at 16S
  EXPECT_EQ(s.get(P::max_standby_s), 86400);             // [001 §5.5] 24 h
  EXPECT_EQ(s.get(P::force_charge_after_s), 2 * 86400);  // [001 §5.5] 2 days
  EXPECT_EQ(s.get(P::buzzer_enable), 0);                 // [001 §5.2] off by default
}

void expect_vlrv(const ProductProfile& p, const ParamSet& s) {
  EXPECT_EQ(p.config.soc_led_count, 4);                        // [002 §4.4] 4 green LEDs
  EXPECT_EQ(p.config.indication, IndicationStyle::Voltgo002);  // [002 §4.5]
  EXPECT_TRUE(p.config.has_heater);                            // [002 §6.2]
  EXPECT_EQ(s.get(P::heater_enable), 0);                       // [002 §6.2] the app turns it on
  EXPECT_FALSE(p.has_contacts);                                // [002 §4.4]
  EXPECT_EQ(s.get(P::charge_voltage_mV), 3500 * p.config.series_count);  // [002 §6.6]
  EXPECT_EQ(s.get(P::full_current_mA), 5000);                            // [002 §6.6] cut-off 5 A
  EXPECT_EQ(s.get(P::dsg_ut_protect_dC), -200);  // [002 §5.2.1] -20...55 °C
  EXPECT_EQ(s.get(P::dsg_ot_protect_dC), 550);
}

TEST(PK_8_VLRV_12, defaults_match_manual_002) {
  const auto [p, s] = loaded("VLRV-12");
  expect_vlrv(p, s);
  EXPECT_EQ(p.config.series_count, 4);                               // [002 §4.1] 12.8 V
  EXPECT_EQ(p.capacities_Ah, (std::vector<double>{100, 200, 400}));  // [002 §4.1]
  EXPECT_EQ(s.get(P::charge_voltage_mV), 14000);                     // [002 §6.6] 14 V
  EXPECT_EQ(s.get(P::ccl_max_mA), 50000);                            // [002 §6.6] 50 A
}

TEST(PK_8_VLRV_24, defaults_match_manual_002) {
  const auto [p, s] = loaded("VLRV-24");
  expect_vlrv(p, s);
  EXPECT_EQ(p.config.series_count, 8);                          // [002 §4.1] 25.6 V
  EXPECT_EQ(p.capacities_Ah, (std::vector<double>{100, 200}));  // [002 §4.1]
  EXPECT_EQ(s.get(P::charge_voltage_mV), 28000);                // [002 §6.6] 28 V
  EXPECT_EQ(s.get(P::ccl_max_mA), 50000);                       // [002 §6.6] 50 A
}

TEST(PK_8_VLRV_48, defaults_match_manual_002) {
  const auto [p, s] = loaded("VLRV-48");
  expect_vlrv(p, s);
  EXPECT_EQ(p.config.series_count, 16);                    // [002 §4.1] 51.2 V
  EXPECT_EQ(p.capacities_Ah, (std::vector<double>{100}));  // [002 §4.1]
  EXPECT_EQ(s.get(P::charge_voltage_mV), 56000);           // [002 §6.6] 56 V
  EXPECT_EQ(s.get(P::ccl_max_mA), 30000);                  // [002 §6.6] 30 A
}

TEST(PK_8_VE_ESS_R5120, defaults_match_manual_003) {
  const auto [p, s] = loaded("VE-ESS-R5120");
  EXPECT_EQ(p.config.series_count, 16);                              // [003 §3.3.2]
  EXPECT_EQ(p.config.indication, IndicationStyle::Voltium003);       // [003 §3.3.3.4]
  EXPECT_EQ(p.config.contacts, ContactMode::ChargeDischargeEnable);  // [003 §3.3.3.1]
  EXPECT_EQ(p.parallel_max, 32);                                     // [003 §3.3.2]
  EXPECT_EQ(s.get(P::charge_voltage_mV), 56000);                     // [003 §5.6] 56.0 V
  EXPECT_EQ(s.get(P::float_voltage_mV), 54600);                      // [003 §5.6] 54.6 V
  EXPECT_EQ(s.get(P::restart_voltage_mV), 52000);                    // [003 §5.6] 52 V
  EXPECT_EQ(s.get(P::discharge_voltage_mV), 48000);                  // [003 §5.6] 48.0 V
  EXPECT_EQ(s.get(P::low_soc_cutoff_pptt), 400);                     // [003 §5.6] 4 %
  EXPECT_EQ(s.get(P::rated_current_mA), 50000);                      // [003 §5.6] 50 A
  EXPECT_EQ(s.get(P::ccl_max_mA), 70000);                            // [003 §5.6] 70 A
  EXPECT_EQ(s.get(P::dcl_max_mA), 100000);                           // [003 §5.6] 100 A
  EXPECT_EQ(s.get(P::dcl_full_temp_dC), 300);                        // [003 §3.3.2] <= 30 °C
  EXPECT_EQ(s.get(P::uv_release_any), 1);                            // [003 §3.4]
  EXPECT_EQ(s.get(P::chg_ut_protect_dC), -50);                       // [003 §3.3.2] -5...50 °C
  EXPECT_EQ(s.get(P::chg_ot_protect_dC), 500);
  EXPECT_EQ(s.get(P::dsg_ut_protect_dC), -100);  // [003 §3.3.2] -10...50 °C
  EXPECT_EQ(s.get(P::dsg_ot_protect_dC), 500);
  EXPECT_EQ(s.get(P::dsg_oc1_protect_mA), 101000);  // [003 §3.3.2] 101~119 A
  EXPECT_EQ(s.get(P::dsg_oc1_delay_ms), 300000);    //   for 5 min
  EXPECT_EQ(s.get(P::dsg_oc2_protect_mA), 120000);  // 120~200 A
  EXPECT_EQ(s.get(P::dsg_oc2_delay_ms), 15000);     //   for 15 s
  EXPECT_EQ(s.get(P::scp_current_mA), 201000);      // above 200 A
  EXPECT_EQ(s.get(P::oc_lock_count), 3);            // [003 §3.4]
}

TEST(PK_8_BALI48, defaults_match_manual_004) {
  const auto [p, s] = loaded("BALI48");
  EXPECT_EQ(p.config.series_count, 15);                       // [004 §4-1] 15 strings
  EXPECT_EQ(p.config.contacts, ContactMode::AlarmAndLowSoc);  // [004 §4.3]
  EXPECT_EQ(s.get(P::pack_ov_alarm_mV), 54000);               // [004 §4.2] 54.0 V
  EXPECT_EQ(s.get(P::pack_ov_protect_mV), 55500);             // [004 §4.2] 55.5 V
  EXPECT_EQ(s.get(P::pack_ov_release_mV), 50200);             // [004 §4.2] 50.2 V
  EXPECT_EQ(s.get(P::pack_uv_alarm_mV), 42000);               // [004 §4.2] 42.0 V
  EXPECT_EQ(s.get(P::pack_uv_protect_mV), 37500);             // [004 §4.2] 37.5 V
  EXPECT_EQ(s.get(P::pack_uv_release_mV), 43500);             // [004 §4.2] 43.5 V
  EXPECT_EQ(s.get(P::cell_ov_protect_mV), 3700);              // [004 §4.2]
  EXPECT_EQ(s.get(P::cell_uv_protect_mV), 2500);              // [004 §4.2]
  EXPECT_EQ(s.get(P::float_voltage_mV), 52500);               // [004 §4-1] 52.5 V
  // [004 §4-1] 54.75 V cut-off, capped at the pack OV alarm (CH-1) [004 §6-8].
  EXPECT_EQ(s.get(P::charge_voltage_mV), 54000);
  EXPECT_EQ(s.get(P::ccl_max_mA), 100000);       // [004 §4-1] 1C
  EXPECT_EQ(s.get(P::dcl_max_mA), 100000);       // [004 §4-1] 1C
  EXPECT_EQ(s.get(P::rated_current_mA), 20000);  // [004 §4-1] 0.2C
  EXPECT_EQ(s.get(P::max_standby_s), 14400);     // [004 §4.2] 4 h
  EXPECT_EQ(s.get(P::charge_limit_mA), 20000);   // [004 §4.2] 20 A
  EXPECT_EQ(s.get(P::chg_ot_protect_dC), 550);   // [004 §4.2] 55 °C
  EXPECT_EQ(s.get(P::dsg_ut_protect_dC), -200);  // [004 §4.2] -20 °C
  EXPECT_EQ(s.get(P::bal_start_mV), 3450);       // [004 §4.2]
}

}  // namespace
}  // namespace lfpbms::sim::test
