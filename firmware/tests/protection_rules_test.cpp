// The release, latch and lockout rules of individual protections, beyond the boundary cases
// that protection_rows_test.cpp checks for every row.
#include <gtest/gtest.h>

#include "protection_rig.hpp"

namespace lfpbms::testing {
namespace {

using I = ProtectionId;

void trip_cell_ov(ProtectionRig& rig) {
  rig.set(Quantity::MaxCell_mV, 3700);
  rig.run_ms(1100);
  ASSERT_TRUE(rig.protect(I::CellOv));
}

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
  const ParamWrite tiers[] = {{ParamId::dsg_oc1_alarm_mA, 100000},
                              {ParamId::dsg_oc1_protect_mA, 101000},
                              {ParamId::dsg_oc1_delay_ms, 300000},
                              {ParamId::dsg_oc2_protect_mA, 120000},
                              {ParamId::dsg_oc2_delay_ms, 15000},
                              {ParamId::scp_current_mA, 201000}};
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

TEST(PR_14_short_circuit, trips_at_once_and_opens_both) {
  ProtectionRig rig;
  rig.in.short_circuit = true;
  rig.tick();
  EXPECT_TRUE(rig.protect(I::ShortCircuit));
  EXPECT_TRUE(rig.engine.status().block_charge && rig.engine.status().block_discharge);
}

TEST(PR_14_short_circuit, released_by_a_charger_not_by_time) {
  ProtectionRig rig;
  rig.in.short_circuit = true;
  rig.tick();
  rig.in.short_circuit = false;
  rig.run_ms(3600000);
  EXPECT_TRUE(rig.protect(I::ShortCircuit));
  rig.in.charger_present = true;  // [003][004]: charge to release
  rig.tick();
  rig.run_ms(1900);
  EXPECT_TRUE(rig.protect(I::ShortCircuit));
  rig.tick();
  EXPECT_FALSE(rig.protect(I::ShortCircuit));
}

TEST(PR_14_short_circuit, released_by_manual_intervention) {
  ProtectionRig rig;
  rig.in.short_circuit = true;
  rig.tick();
  rig.in.short_circuit = false;
  rig.engine.clear_latched();
  EXPECT_FALSE(rig.protect(I::ShortCircuit));
}

TEST(PR_15_reverse, no_fet_until_manual_reset) {
  ProtectionRig rig;
  rig.in.reverse_polarity = true;
  rig.tick();
  EXPECT_TRUE(rig.latched(I::ReversePolarity));
  EXPECT_TRUE(rig.engine.status().fault);
  rig.in.reverse_polarity = false;
  rig.in.charger_present = true;
  rig.run_ms(600000);
  EXPECT_TRUE(rig.engine.status().block_charge && rig.engine.status().block_discharge);
  rig.engine.clear_latched();
  rig.tick();
  EXPECT_FALSE(rig.protect(I::ReversePolarity));
}

TEST(PR_16_high_high, is_a_failure_that_opens_both) {
  ProtectionRig rig;
  rig.set(Quantity::MaxCell_mV, 3800);
  rig.run_ms(1100);
  EXPECT_TRUE(rig.latched(I::CellOvOv));
  EXPECT_TRUE(rig.engine.status().fault);
  EXPECT_TRUE(rig.engine.status().block_discharge);
}

struct SensorCase {
  ProtectionId id;
  void (*fail)(ProtectionRig&);
};

class PR_17_sensor : public ::testing::TestWithParam<SensorCase> {};

TEST_P(PR_17_sensor, fails_after_the_fault_delay_and_latches_both_fets_open) {
  ProtectionRig rig;
  GetParam().fail(rig);
  rig.tick();
  rig.run_ms(900);
  EXPECT_FALSE(rig.protect(GetParam().id)) << "one tick before sensor_fault_delay_ms";
  rig.tick();
  EXPECT_TRUE(rig.latched(GetParam().id));
  EXPECT_TRUE(rig.engine.status().fault);
  EXPECT_TRUE(rig.engine.status().block_charge && rig.engine.status().block_discharge);
  rig.nominal();  // the sensor recovers: failure mode stays until manual intervention
  rig.run_ms(60000);
  EXPECT_TRUE(rig.protect(GetParam().id));
  rig.engine.clear_latched();
  rig.run_ms(2000);
  EXPECT_FALSE(rig.protect(GetParam().id));
}

INSTANTIATE_TEST_SUITE_P(
    Rows, PR_17_sensor,
    ::testing::Values(
        SensorCase{I::NtcFault, [](ProtectionRig& r) { r.m.faults = kNtcOpen; }},
        SensorCase{I::NtcFault, [](ProtectionRig& r) { r.m.faults = kNtcShort; }},
        SensorCase{I::SampleFault, [](ProtectionRig& r) { r.m.faults = kCellLineOpen; }},
        SensorCase{I::SampleFault, [](ProtectionRig& r) { r.m.faults = kCellAdc; }},
        SensorCase{I::SampleFault, [](ProtectionRig& r) { r.m.faults = kCellStale; }},
        SensorCase{I::CurrentSensorFault, [](ProtectionRig& r) { r.m.faults = kCurrentSensor; }},
        SensorCase{I::ChargeFetFault, [](ProtectionRig& r) { r.in.charge_fet_fault = true; }},
        SensorCase{I::DischargeFetFault,
                   [](ProtectionRig& r) { r.in.discharge_fet_fault = true; }}));

TEST(PR_17_sensor_hold, an_untrusted_reading_neither_trips_nor_releases) {
  ProtectionRig rig;
  trip_cell_ov(rig);
  rig.m.faults = kCellLineOpen;
  rig.set(Quantity::MaxCell_mV, 3000);  // would release, but cannot be trusted
  rig.run_ms(5000);
  EXPECT_TRUE(rig.protect(I::CellOv));
  rig.set(Quantity::MinCell_mV, 2000);  // would trip under-voltage
  rig.run_ms(5000);
  EXPECT_FALSE(rig.protect(I::CellUv));
}

TEST(PR_18_cells, spread_fault_is_failure_mode) {
  ProtectionRig rig;
  rig.set(Quantity::CellSpread_mV, 300);
  rig.run_ms(5100);
  EXPECT_TRUE(rig.alarm(I::CellSpread));
  EXPECT_FALSE(rig.protect(I::CellSpread));  // 300 mV at the ends is normal [004 §4.1]
  rig.set(Quantity::CellSpread_mV, 800);
  rig.run_ms(5100);
  EXPECT_TRUE(rig.engine.status().fault);
  EXPECT_NE(rig.engine.status().protect_flags & kProtCells, 0u);
}

TEST(PR_19_full, set_at_the_charge_taper_end_and_cleared_below_95_percent) {
  ProtectionRig rig;
  rig.in.full_charge = true;
  rig.in.soc_pptt = 10000;
  rig.tick();
  EXPECT_TRUE(rig.protect(I::FullCharge));
  EXPECT_NE(rig.engine.status().protect_flags & kProtFully, 0u);
  EXPECT_FALSE(rig.engine.status().block_charge);  // a flag: the inverter's CVL holds
  rig.in.full_charge = false;
  rig.in.soc_pptt = 9501;
  rig.run_ms(60000);
  EXPECT_TRUE(rig.protect(I::FullCharge));
  rig.in.soc_pptt = 9500;
  rig.run_ms(2100);
  EXPECT_FALSE(rig.protect(I::FullCharge));
}

TEST(PR_19_full, set_by_a_charge_end_protection) {
  ProtectionRig rig;
  trip_cell_ov(rig);
  EXPECT_TRUE(rig.protect(I::FullCharge));
}

TEST(PR_19_empty, follows_the_under_voltage_protection) {
  ProtectionRig rig;
  rig.set(Quantity::MinCell_mV, 2500);
  rig.run_ms(1100);
  EXPECT_TRUE(rig.protect(I::FullDischarge));
  rig.set(Quantity::MinCell_mV, 2950);
  rig.m.current_mA = 2000;
  rig.run_ms(2200);
  EXPECT_FALSE(rig.protect(I::CellUv));
  rig.tick();
  EXPECT_FALSE(rig.protect(I::FullDischarge));
}

TEST(PR_20_usoc, level_is_a_parameter_up_to_50_percent) {
  ProtectionRig rig;
  ASSERT_TRUE(rig.params.write(ParamId::usoc_alarm_pptt, 2000).ok());  // [003 §5.6] 20 %
  EXPECT_FALSE(rig.params.write(ParamId::usoc_alarm_pptt, 5001).ok());
  rig.set(Quantity::Soc_pptt, 2000);
  rig.tick();
  EXPECT_TRUE(rig.alarm(I::LowSoc));
  EXPECT_NE(rig.engine.status().alarm_flags & kAlarmUSOC, 0);
  EXPECT_FALSE(rig.engine.status().block_discharge);
}

struct NoticeCase {
  ProtectionId id;
  bool SystemFaults::*flag;
};

class PR_21_notice : public ::testing::TestWithParam<NoticeCase> {};

TEST_P(PR_21_notice, reported_without_opening_a_fet_and_cleared_with_its_cause) {
  ProtectionRig rig;
  rig.in.system.*GetParam().flag = true;
  rig.tick();
  EXPECT_TRUE(rig.protect(GetParam().id));
  EXPECT_FALSE(rig.engine.status().block_charge || rig.engine.status().block_discharge);
  EXPECT_NE(protection_row(GetParam().id).fault_code, 0);
  rig.in.system.*GetParam().flag = false;
  rig.run_ms(2100);
  EXPECT_FALSE(rig.protect(GetParam().id));
}

INSTANTIATE_TEST_SUITE_P(Rows, PR_21_notice,
                         ::testing::Values(NoticeCase{I::IdTimeout, &SystemFaults::id_timeout},
                                           NoticeCase{I::AddressConflict,
                                                      &SystemFaults::address_conflict},
                                           NoticeCase{I::DipFault, &SystemFaults::dip_fault},
                                           NoticeCase{I::CabinetFault,
                                                      &SystemFaults::cabinet_fault}));

TEST(PK_4_precharge_row, retries_after_10_s_and_locks_after_three_failures) {
  ProtectionRig rig;
  for (int i = 1; i <= 3; ++i) {
    rig.in.precharge_failed = true;
    rig.tick();
    rig.in.precharge_failed = false;
    EXPECT_TRUE(rig.protect(I::Precharge));
    EXPECT_TRUE(rig.engine.status().block_discharge);
    EXPECT_EQ(rig.latched(I::Precharge), i == 3);
    rig.run_ms(9900);
    EXPECT_TRUE(rig.protect(I::Precharge)) << "one tick before the retry";
    rig.tick();
    EXPECT_EQ(rig.protect(I::Precharge), i == 3) << "attempt " << i;
  }
}

TEST(ST_3_events, every_alarm_protection_and_release_is_a_transition) {
  ProtectionRig rig;
  rig.set(Quantity::MaxCellTemperature_dC, 560);
  rig.run_ms(2100);
  rig.set(Quantity::MaxCellTemperature_dC, 250);
  rig.run_ms(2100);
  EXPECT_EQ(rig.count(I::ChargeOt, EventKind::AlarmSet), 1u);
  EXPECT_EQ(rig.count(I::ChargeOt, EventKind::Protect), 1u);
  EXPECT_EQ(rig.count(I::ChargeOt, EventKind::Release), 1u);
  EXPECT_EQ(rig.count(I::ChargeOt, EventKind::AlarmClear), 1u);
}

}  // namespace
}  // namespace lfpbms::testing
