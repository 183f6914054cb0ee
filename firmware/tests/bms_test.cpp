// The whole tick pipeline on the fake board: what reaches the FETs, the events and the status.
#include <gtest/gtest.h>

#include "bms_rig.hpp"

namespace lfpbms::testing {
namespace {

using I = ProtectionId;

bool both_open(const fakes::FakeBoard& b) {
  return !b.switches.charge_fet && !b.switches.discharge_fet;
}
bool both_closed(const fakes::FakeBoard& b) {
  return b.switches.charge_fet && b.switches.discharge_fet;
}

TEST(SM_1_pipeline, starts_with_the_led_test_then_closes_both_fets) {
  BmsRig rig;
  rig.tick();
  EXPECT_EQ(rig.status().phase, State::Startup);
  EXPECT_TRUE(both_open(rig.board));  // no FET during the start-up test
  rig.run_until_running();
  EXPECT_EQ(rig.status().state, ReportedState::Standby);
  EXPECT_TRUE(both_closed(rig.board));
  EXPECT_EQ(rig.log.count(SystemEvent::PowerOn), 1u);
}

TEST(PR_14_interrupt, short_circuit_opens_both_fets_on_the_next_tick) {
  BmsRig rig;
  rig.run_until_running();
  rig.bms.on_short_circuit();  // the front end already opened the FETs in hardware
  rig.tick();
  EXPECT_TRUE(both_open(rig.board));
  EXPECT_TRUE(rig.status().protection.protect_on(I::ShortCircuit));
  EXPECT_EQ(rig.status().fault_code, 36);
  rig.run_ms(60000);
  EXPECT_TRUE(both_open(rig.board));
  rig.board.pin_terminals(56000);  // a charger at the terminals releases it [003]
  rig.run_ms(2500);
  EXPECT_FALSE(rig.status().protection.protect_on(I::ShortCircuit));
  EXPECT_TRUE(rig.board.switches.charge_fet);
}

TEST(PR_14_interrupt, front_end_gets_the_short_circuit_settings) {
  BmsRig rig;
  EXPECT_EQ(rig.board.scp_threshold_mA, 300000);
  EXPECT_EQ(rig.board.scp_delay_us, 300);
  ASSERT_TRUE(rig.bms.set_param(ParamId::scp_current_mA, 250000).ok());
  EXPECT_EQ(rig.board.scp_threshold_mA, 250000);
}

TEST(PR_17_blocking, an_invalid_reading_opens_both_fets_in_the_same_tick) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.temperature.ambient_temperature_dC = -600;  // NTC open
  rig.tick();
  EXPECT_TRUE(both_open(rig.board));
  EXPECT_FALSE(rig.status().protection.protect_on(I::NtcFault));  // latch after 1 s
  rig.run_ms(1000);
  EXPECT_TRUE(rig.status().protection.latched_on(I::NtcFault));
  EXPECT_EQ(rig.status().state, ReportedState::Fault);
  rig.board.set_temperatures(250);
  rig.run_ms(10000);
  EXPECT_TRUE(both_open(rig.board)) << "failure mode until manual intervention";
  rig.bms.clear_latched();
  rig.run_ms(3000);
  EXPECT_TRUE(both_closed(rig.board));
}

TEST(PR_17_blocking, stale_cell_readings_open_both_fets) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.cells_ok = false;  // the front end stops answering
  rig.run_ms(500);
  EXPECT_TRUE(both_closed(rig.board)) << "within measurement_max_age_ms the last sample holds";
  rig.tick();
  EXPECT_TRUE(both_open(rig.board));
  EXPECT_NE(rig.status().measurements.faults & kCellStale, 0);
}

TEST(PR_17_fet_failure, discharge_current_through_an_open_discharge_fet) {
  BmsRig rig;
  rig.run_until_running();
  rig.bms.set_host_switches(false, true);  // the host opens the discharge circuit
  rig.tick();
  ASSERT_FALSE(rig.board.switches.discharge_fet);
  rig.board.set_current(-5000);  // yet current flows: the FET is stuck closed
  rig.run_ms(1200);
  EXPECT_TRUE(rig.status().protection.latched_on(I::DischargeFetFault));
  EXPECT_NE(rig.status().protection.protect_flags & kProtDhgMos, 0u);
}

TEST(PR_15_reverse, negative_terminals_keep_every_fet_open) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.pin_terminals(-52000);
  rig.tick();
  EXPECT_TRUE(both_open(rig.board));
  EXPECT_TRUE(rig.status().protection.latched_on(I::ReversePolarity));
  rig.board.release_terminals();
  rig.run_ms(60000);
  EXPECT_TRUE(both_open(rig.board));
  rig.press_button(7000);  // a reset by the button is the manual intervention [003]
  rig.run_until_running();
  EXPECT_TRUE(both_closed(rig.board));
}

TEST(PR_12_manual, host_command_clears_an_over_current_lockout) {
  BmsRig rig;
  ASSERT_TRUE(rig.bms.set_param(ParamId::charge_limit_mA, 0).ok());  // no limiter: trip
  rig.run_until_running();
  for (int i = 0; i < 3; ++i) {
    rig.board.set_current(131000);
    rig.run_ms(5200);
    rig.board.set_current(0);
    rig.run_ms(61000);
  }
  EXPECT_TRUE(rig.status().protection.latched_on(I::ChargeOc));
  EXPECT_FALSE(rig.board.switches.charge_fet);
  EXPECT_TRUE(rig.board.switches.discharge_fet);  // a charge-side lock keeps discharge
  rig.bms.clear_latched();
  rig.tick();
  EXPECT_TRUE(rig.board.switches.charge_fet);
  EXPECT_EQ(rig.log.count(SystemEvent::HostClear), 1u);
}

TEST(PR_2_soc, under_voltage_trip_calibrates_soc_to_zero) {
  BmsRig rig;
  rig.run_until_running();
  EXPECT_GT(rig.status().soc_pptt, 3000);  // 3300 mV at rest is mid-plateau
  rig.board.set_cells(2500);
  rig.run_ms(1200);
  EXPECT_TRUE(rig.status().protection.protect_on(I::CellUv));
  EXPECT_EQ(rig.bms.estimates().soc().estimate_pptt(), 0);
  EXPECT_FALSE(rig.board.switches.discharge_fet);
  EXPECT_EQ(rig.log.count(SystemEvent::EmptyCalibrated), 1u);
  // The reported SOC follows without a visible jump (SE-1): at most 1 % a minute.
  const std::int32_t before = rig.status().soc_pptt;
  rig.run_ms(60000);
  EXPECT_LT(before - rig.status().soc_pptt, 100);
  EXPECT_GT(before - rig.status().soc_pptt, 50);
}

TEST(PR_19_pipeline, charge_taper_end_sets_full_soc_100_and_float_voltage) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_cells(3490);    // 55.84 V >= 56.0 V - 0.2 V
  rig.board.set_current(4000);  // <= 0.05C
  rig.run_ms(299000);
  EXPECT_FALSE(rig.status().protection.protect_on(I::FullCharge));
  rig.run_ms(1200);
  EXPECT_TRUE(rig.status().protection.protect_on(I::FullCharge));
  EXPECT_EQ(rig.bms.estimates().soc().estimate_pptt(), 10000);
  EXPECT_EQ(rig.status().limits.charge_voltage_mV, 3410 * 16);
  EXPECT_EQ(rig.log.count(SystemEvent::FullyCharged), 1u);
}

TEST(PK_4_host, host_switches_gate_each_direction) {
  BmsRig rig;
  rig.run_until_running();
  rig.bms.set_host_switches(true, false);
  rig.tick();
  EXPECT_FALSE(rig.board.switches.charge_fet);
  EXPECT_TRUE(rig.board.switches.discharge_fet);
  EXPECT_FALSE(rig.status().limits.charge_enable);
}

TEST(PK_7_rapid_shutdown, input_opens_both_fets_and_is_logged) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.rapid = true;
  rig.tick();
  EXPECT_TRUE(both_open(rig.board));
  EXPECT_TRUE(rig.status().rapid_shutdown);
  EXPECT_EQ(rig.log.count(SystemEvent::RapidShutdown), 1u);
  rig.board.rapid = false;
  rig.tick();
  EXPECT_TRUE(both_closed(rig.board));
}

TEST(ST_3_events, protection_events_carry_time_and_measurements) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_cell(3, 3720);
  rig.run_ms(1200);
  const Event* trip = nullptr;
  for (const auto& e : rig.log.events) {
    if (e.kind == EventKind::Protect && e.source == static_cast<std::uint8_t>(I::CellOv)) trip = &e;
  }
  ASSERT_NE(trip, nullptr);
  EXPECT_EQ(trip->snapshot.max_cell_mV, 3720);
  EXPECT_EQ(trip->snapshot.pack_voltage_mV, 15u * 3300u + 3720u);
  EXPECT_GT(trip->unix_time_s, 1767225600u);
  EXPECT_EQ(trip->code(),
            (static_cast<unsigned>(EventKind::Protect) << 8) | static_cast<unsigned>(I::CellOv));
}

}  // namespace
}  // namespace lfpbms::testing

namespace lfpbms::testing {
namespace {

TEST(ST_1_bms_store, a_write_the_memory_refuses_is_undone_and_reported) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.nvm_fail = true;
  const WriteResult r = rig.bms.set_param(ParamId::cell_ov_alarm_mV, 3550);
  EXPECT_EQ(r.error, ParamError::StorageFailed);
  EXPECT_EQ(rig.bms.params().get(ParamId::cell_ov_alarm_mV), 3600);
  EXPECT_EQ(rig.log.count(SystemEvent::ParamsWritten), 0u);
  rig.board.nvm_fail = false;
  EXPECT_TRUE(rig.bms.set_param(ParamId::cell_ov_alarm_mV, 3550).ok());
  EXPECT_EQ(rig.log.count(SystemEvent::ParamsWritten), 1u);
}

}  // namespace
}  // namespace lfpbms::testing
