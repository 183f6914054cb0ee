// Failure-mode, flag and notice rows (PR-14...PR-21, PK-4) and their events.
#include <gtest/gtest.h>

#include <string>

#include "protection_rig.hpp"

namespace lfpbms::testing {
namespace {

using I = ProtectionId;

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
  const char* what;  // the test's name suffix
  ProtectionId id;
  void (*fail)(ProtectionRig&);
};

void PrintTo(const SensorCase& c, std::ostream* os) {
  *os << c.what;
}

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
        SensorCase{"ntc_open", I::NtcFault, [](ProtectionRig& r) { r.m.faults = kNtcOpen; }},
        SensorCase{"ntc_short", I::NtcFault, [](ProtectionRig& r) { r.m.faults = kNtcShort; }},
        SensorCase{"cell_line_open", I::SampleFault,
                   [](ProtectionRig& r) { r.m.faults = kCellLineOpen; }},
        SensorCase{"cell_adc", I::SampleFault, [](ProtectionRig& r) { r.m.faults = kCellAdc; }},
        SensorCase{"cell_stale", I::SampleFault, [](ProtectionRig& r) { r.m.faults = kCellStale; }},
        SensorCase{"current_sensor", I::CurrentSensorFault,
                   [](ProtectionRig& r) { r.m.faults = kCurrentSensor; }},
        SensorCase{"charge_mos", I::ChargeFetFault,
                   [](ProtectionRig& r) { r.in.charge_fet_fault = true; }},
        SensorCase{"discharge_mos", I::DischargeFetFault,
                   [](ProtectionRig& r) { r.in.discharge_fet_fault = true; }}),
    [](const ::testing::TestParamInfo<SensorCase>& c) { return std::string(c.param.what); });

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

void PrintTo(const NoticeCase& c, std::ostream* os) {
  PrintTo(c.id, os);
}

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

INSTANTIATE_TEST_SUITE_P(
    Rows, PR_21_notice,
    ::testing::Values(NoticeCase{I::IdTimeout, &SystemFaults::id_timeout},
                      NoticeCase{I::AddressConflict, &SystemFaults::address_conflict},
                      NoticeCase{I::DipFault, &SystemFaults::dip_fault},
                      NoticeCase{I::CabinetFault, &SystemFaults::cabinet_fault},
                      NoticeCase{I::MasterLost, &SystemFaults::master_lost}),
    [](const ::testing::TestParamInfo<NoticeCase>& c) {
      return std::string(protection_row(c.param.id).name);
    });

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
