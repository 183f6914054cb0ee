// The release, latch and lockout rules of individual protections, beyond the boundary cases
// that protection_rows_test.cpp checks for every row.
#include <gtest/gtest.h>

#include "protection_rig.hpp"

namespace lfpbms::testing {
namespace {

using I = ProtectionId;

TEST(PR_1_release, below_protect_and_soc_at_most_95_percent_releases) {
  ProtectionRig rig;
  trip_cell_ov(rig);
  rig.set(Quantity::MaxCell_mV, 3699);  // below protect, far above the 3380 mV release
  rig.in.soc_pptt = 9501;
  rig.run_ms(10000);
  EXPECT_TRUE(rig.protect(I::CellOv));
  rig.in.soc_pptt = 9500;  // [004]: capacity <= 95 %
  rig.run_ms(2100);
  EXPECT_FALSE(rig.protect(I::CellOv));
}

TEST(PR_1_release, below_protect_after_24_hours_without_charging_releases) {
  ProtectionRig rig;
  trip_cell_ov(rig);
  rig.set(Quantity::MaxCell_mV, 3600);
  rig.in.soc_pptt = 10000;
  rig.in.s_since_charge_end = 86399;
  rig.run_ms(10000);
  EXPECT_TRUE(rig.protect(I::CellOv));
  rig.in.s_since_charge_end = 86400;  // [004]: regular charging once a day
  rig.run_ms(2100);
  EXPECT_FALSE(rig.protect(I::CellOv));
}

TEST(PR_1_release, discharge_current_releases_at_any_voltage) {
  ProtectionRig rig;
  trip_cell_ov(rig);
  rig.in.soc_pptt = 10000;
  rig.m.current_mA = -1000;  // [003]: efficient discharge current
  rig.run_ms(2100);
  EXPECT_FALSE(rig.protect(I::CellOv));
}

TEST(PR_1_gating, opens_the_charge_fet_only) {
  ProtectionRig rig;
  trip_cell_ov(rig);
  EXPECT_TRUE(rig.engine.status().block_charge);
  EXPECT_FALSE(rig.engine.status().block_discharge);
}

TEST(PR_2_release, needs_charge_current_and_level_by_default) {
  ProtectionRig rig;
  rig.set(Quantity::MinCell_mV, 2500);
  rig.run_ms(1100);
  ASSERT_TRUE(rig.protect(I::CellUv));
  rig.set(Quantity::MinCell_mV, 3000);  // above release, no charge current
  rig.run_ms(10000);
  EXPECT_TRUE(rig.protect(I::CellUv));
  rig.set(Quantity::MinCell_mV, 2899);  // charging, below release
  rig.m.current_mA = 5000;
  rig.run_ms(10000);
  EXPECT_TRUE(rig.protect(I::CellUv));
  rig.set(Quantity::MinCell_mV, 2900);
  rig.run_ms(2100);
  EXPECT_FALSE(rig.protect(I::CellUv));
  EXPECT_TRUE(rig.engine.status().block_charge == false);
}

TEST(PR_2_release, product_003_releases_on_charge_current_or_level) {
  ProtectionRig rig;
  ASSERT_TRUE(rig.params.write(ParamId::uv_release_any, 1).ok());
  rig.set(Quantity::MinCell_mV, 2500);
  rig.run_ms(1100);
  ASSERT_TRUE(rig.protect(I::CellUv));
  rig.set(Quantity::MinCell_mV, 2600);
  rig.m.current_mA = 1000;  // charge current alone releases [003 §3.4]
  rig.run_ms(2100);
  EXPECT_FALSE(rig.protect(I::CellUv));
}

TEST(PR_3_scaling, pack_levels_follow_the_series_count) {
  ProtectionRig rig4(4);
  EXPECT_EQ(rig4.params.get(ParamId::pack_ov_protect_mV), 14800);
  rig4.set(Quantity::Pack_mV, 14799);
  rig4.run_ms(5000);
  EXPECT_FALSE(rig4.protect(I::PackOv));
  rig4.set(Quantity::Pack_mV, 14800);
  rig4.run_ms(1100);
  EXPECT_TRUE(rig4.protect(I::PackOv));
}

TEST(PR_4_scaling, pack_under_voltage_follows_the_series_count) {
  ProtectionRig rig15(15);
  EXPECT_EQ(rig15.params.get(ParamId::pack_uv_protect_mV), 37500);  // [004 §4.2] 37.5 V
  rig15.set(Quantity::Pack_mV, 37500);
  rig15.run_ms(1100);
  EXPECT_TRUE(rig15.protect(I::PackUv));
  EXPECT_TRUE(rig15.engine.status().block_discharge);
  EXPECT_FALSE(rig15.engine.status().block_charge);
}

TEST(PR_5_gating, charge_over_temperature_keeps_discharge) {
  ProtectionRig rig;
  rig.set(Quantity::MaxCellTemperature_dC, 560);
  rig.run_ms(2100);
  EXPECT_TRUE(rig.protect(I::ChargeOt));
  EXPECT_FALSE(rig.protect(I::DischargeOt));
  EXPECT_TRUE(rig.engine.status().block_charge);
  EXPECT_FALSE(rig.engine.status().block_discharge);
}

TEST(PR_6_gating, charge_under_temperature_keeps_discharge) {
  ProtectionRig rig;
  rig.set(Quantity::MinCellTemperature_dC, -50);
  rig.run_ms(2100);
  EXPECT_TRUE(rig.protect(I::ChargeUt));
  EXPECT_FALSE(rig.engine.status().block_discharge);
}

TEST(PR_6_setting, product_000_protects_at_0_degrees) {
  ProtectionRig rig;
  const ParamWrite at_zero[] = {{ParamId::chg_ut_protect_dC, 0}, {ParamId::chg_ut_release_dC, 20}};
  ASSERT_TRUE(rig.params.write(at_zero, 2).ok());  // [000 §4.2]
  rig.set(Quantity::MinCellTemperature_dC, 0);
  rig.run_ms(2100);
  EXPECT_TRUE(rig.protect(I::ChargeUt));
}

TEST(PR_7_gating, discharge_over_temperature_opens_discharge) {
  ProtectionRig rig;
  rig.set(Quantity::MaxCellTemperature_dC, 600);
  rig.run_ms(2100);
  EXPECT_TRUE(rig.protect(I::DischargeOt));
  EXPECT_TRUE(rig.engine.status().block_discharge);
}

TEST(PR_8_gating, discharge_under_temperature_opens_discharge) {
  ProtectionRig rig;
  rig.set(Quantity::MinCellTemperature_dC, -200);
  rig.run_ms(2100);
  EXPECT_TRUE(rig.protect(I::DischargeUt));
  EXPECT_TRUE(rig.engine.status().block_discharge);
}

TEST(PR_9_gating, ambient_high_opens_both) {
  ProtectionRig rig;
  rig.set(Quantity::Ambient_dC, 700);
  rig.run_ms(2100);
  EXPECT_TRUE(rig.engine.status().block_charge && rig.engine.status().block_discharge);
}

TEST(PR_10_gating, ambient_low_opens_both) {
  ProtectionRig rig;
  rig.set(Quantity::Ambient_dC, -200);
  rig.run_ms(2100);
  EXPECT_TRUE(rig.protect(I::AmbientUt));
  EXPECT_TRUE(rig.alarm(I::AmbientUt));  // alarm and protect share -20 °C [004]
  EXPECT_TRUE(rig.engine.status().block_charge && rig.engine.status().block_discharge);
}

TEST(PR_11_gating, mosfet_over_temperature_opens_both) {
  ProtectionRig rig;
  rig.set(Quantity::Mosfet_dC, 1100);
  rig.run_ms(2100);
  EXPECT_TRUE(rig.engine.status().block_charge && rig.engine.status().block_discharge);
}

// One over-current event: trip, then back to 0 A until the recovery delay has passed.
void over_current(ProtectionRig& rig, Quantity q, std::int32_t mA, TimeMs delay_ms, TimeMs gap_ms) {
  rig.set(q, mA);
  rig.run_ms(delay_ms + kTickMs);
  rig.set(q, 0);
  rig.run_ms(gap_ms);
}

TEST(PR_12_lockout, ocp_locks_after_three_continuous_events) {
  ProtectionRig rig;
  for (int i = 0; i < 2; ++i) {
    over_current(rig, Quantity::ChargeCurrent_mA, 130000, 5000, 61000);
    EXPECT_FALSE(rig.protect(I::ChargeOc)) << "recovers after 60 s, event " << i + 1;
  }
  over_current(rig, Quantity::ChargeCurrent_mA, 130000, 5000, 600000);
  EXPECT_TRUE(rig.latched(I::ChargeOc));
  EXPECT_EQ(rig.count(I::ChargeOc, EventKind::Lock), 1u);
  rig.engine.clear_latched();  // manual intervention: button reset or host command
  EXPECT_FALSE(rig.protect(I::ChargeOc));
  EXPECT_EQ(rig.engine.lock_count(LockGroup::ChargeOc), 0);
}

TEST(PR_12_lockout, events_more_than_5_minutes_apart_are_not_continuous) {
  ProtectionRig rig;
  for (int i = 0; i < 5; ++i) {
    // 5.1 s over current, then 5 min of rest: the next trip is just over 5 min later.
    over_current(rig, Quantity::ChargeCurrent_mA, 130000, 5000, 300000);
    EXPECT_FALSE(rig.latched(I::ChargeOc)) << "event " << i + 1;
  }
}

TEST(PR_12_lockout, lock_count_is_a_parameter) {
  ProtectionRig rig;
  ASSERT_TRUE(rig.params.write(ParamId::oc_lock_count, 1).ok());
  over_current(rig, Quantity::ChargeCurrent_mA, 130000, 5000, 120000);
  EXPECT_TRUE(rig.latched(I::ChargeOc));
  EXPECT_FALSE(rig.params.write(ParamId::oc_lock_count, 101).ok());  // 1...100
}

TEST(PR_13_tiers, oc2_trips_after_its_own_shorter_delay) {
  ProtectionRig rig;
  rig.set(Quantity::DischargeCurrent_mA, 160000);
  rig.tick();
  rig.run_ms(900);
  EXPECT_FALSE(rig.protect(I::DischargeOc2));
  rig.tick();
  EXPECT_TRUE(rig.protect(I::DischargeOc2));
  EXPECT_FALSE(rig.protect(I::DischargeOc1));  // OC1 still counting its 10 s
  EXPECT_TRUE(rig.engine.status().block_discharge);
}

TEST(PR_13_tiers, oc1_and_oc2_share_one_lockout) {
  ProtectionRig rig;
  over_current(rig, Quantity::DischargeCurrent_mA, 130000, 10000, 61000);
  over_current(rig, Quantity::DischargeCurrent_mA, 160000, 1000, 61000);
  EXPECT_FALSE(rig.latched(I::DischargeOc2));
  over_current(rig, Quantity::DischargeCurrent_mA, 160000, 1000, 1000);
  EXPECT_TRUE(rig.latched(I::DischargeOc2));
}

TEST(PR_13_tiers, product_003_peak_currents_are_settings) {
  ProtectionRig rig;  // [003]: 101-119 A for 5 min, 120-200 A for 15 s
  const ParamWrite tiers[] = {
      {ParamId::dsg_oc1_alarm_mA, 100000}, {ParamId::dsg_oc1_protect_mA, 101000},
      {ParamId::dsg_oc1_delay_ms, 300000}, {ParamId::dsg_oc2_protect_mA, 120000},
      {ParamId::dsg_oc2_delay_ms, 15000},  {ParamId::scp_current_mA, 201000}};
  ASSERT_TRUE(rig.params.write(tiers, 6).ok());
  rig.set(Quantity::DischargeCurrent_mA, 100000);  // continuous rating: never trips
  rig.run_ms(600000);
  EXPECT_FALSE(rig.engine.status().block_discharge);
  rig.set(Quantity::DischargeCurrent_mA, 119000);
  rig.tick();
  rig.run_ms(299900);
  EXPECT_FALSE(rig.protect(I::DischargeOc1));
  rig.tick();
  EXPECT_TRUE(rig.protect(I::DischargeOc1));
  ProtectionRig peak;
  ASSERT_TRUE(peak.params.write(tiers, 6).ok());
  peak.set(Quantity::DischargeCurrent_mA, 200000);
  peak.tick();
  peak.run_ms(14900);
  EXPECT_FALSE(peak.protect(I::DischargeOc2));
  peak.tick();
  EXPECT_TRUE(peak.protect(I::DischargeOc2));
}

}  // namespace
}  // namespace lfpbms::testing
