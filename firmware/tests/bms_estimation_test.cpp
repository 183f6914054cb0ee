// The estimates through the whole BMS: the status carries SOH, capacities and counters (SE-2),
// and the counters survive a restart of the firmware on the same board memory (ST-2). The
// fake board's cells sit at 3.3 V, 16S, rated 100 Ah (the defaults).
#include <gtest/gtest.h>

#include "bms_rig.hpp"

namespace lfpbms::testing {
namespace {

constexpr TimeMs kHourMs = 3600000;

// The firmware restarted on the same board (a reset): a new Bms, one tick.
struct Restarted {
  explicit Restarted(BmsRig& rig) : bms(rig.board.hardware(), rig.config, log) {
    bms.start();
    rig.board.advance(kTickMs);
    bms.tick();
  }
  fakes::EventLog log;
  Bms bms;
};

// Sleep by host command, nothing at the terminals (52.8 V would refuse it as a charger).
void sleep(BmsRig& rig) {
  rig.board.pin_terminals(0);
  rig.bms.request_sleep();
}

void expect_same_counters(const BmsStatus& a, const BmsStatus& b) {
  EXPECT_EQ(a.charged_mAh_total, b.charged_mAh_total);
  EXPECT_EQ(a.discharged_mAh_total, b.discharged_mAh_total);
  EXPECT_EQ(a.charged_Wh_total, b.charged_Wh_total);
  EXPECT_EQ(a.discharged_Wh_total, b.discharged_Wh_total);
  EXPECT_EQ(a.cycle_count, b.cycle_count);
  EXPECT_EQ(a.full_capacity_mAh, b.full_capacity_mAh);
  EXPECT_EQ(a.soh_pptt, b.soh_pptt);
}

TEST(SE_2_status, reports_capacity_soh_remaining_and_cycles) {
  BmsRig rig;
  rig.run_until_running();
  const BmsStatus& s = rig.status();
  EXPECT_EQ(s.full_capacity_mAh, rig.bms.params().get(ParamId::design_capacity_mAh));
  EXPECT_EQ(s.soh_pptt, 10000);
  EXPECT_GT(s.soc_pptt, 0);
  EXPECT_NEAR(s.remaining_mAh, s.soc_pptt * 10, 1);  // 100 Ah at 25 °C
  EXPECT_EQ(s.cycle_count, 0);
}

TEST(SE_2_status, a_capacity_discharged_is_a_cycle) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_current(-50000);
  rig.run_ms(kHourMs);
  EXPECT_EQ(rig.status().cycle_count, 0);
  rig.run_ms(kHourMs + kHourMs / 5);  // 110 Ah in all
  // Within the sensor offset the filter learns: the rig's cells do not fall with the charge.
  EXPECT_NEAR(rig.status().discharged_mAh_total, 110000u, 550u);
  EXPECT_NEAR(rig.status().discharged_Wh_total, 5808u, 30u);  // 110 Ah at 52.8 V
  EXPECT_EQ(rig.status().cycle_count, 1);
  EXPECT_EQ(rig.status().charged_mAh_total, 0u);
}

// Saved whenever the SOC has moved 5 % (and every 4 h): at 0.1C within half an hour.
TEST(ST_2_restart, counters_survive_a_reset_after_the_save_every_5_pct) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_current(10000);
  const std::size_t writes = rig.board.nvm_writes;
  for (TimeMs t = 0; t < 5 * kHourMs && rig.board.nvm_writes == writes; t += kTickMs) rig.tick();
  ASSERT_GT(rig.board.nvm_writes, writes) << "saved";
  const BmsStatus saved = rig.status();
  EXPECT_GT(saved.charged_mAh_total, 500u);  // the filter moves the SOC too: it can come sooner
  Restarted again(rig);
  expect_same_counters(again.bms.status(), saved);
}

TEST(ST_2_restart, counters_survive_sleep) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_current(10000);
  rig.run_ms(kHourMs);
  rig.board.set_current(-5000);
  rig.run_ms(kHourMs);
  rig.board.set_current(0);
  rig.run_ms(1000);
  const BmsStatus before = rig.status();
  EXPECT_NEAR(before.charged_mAh_total, 10000u, 50u);
  EXPECT_NEAR(before.discharged_mAh_total, 5000u, 25u);
  sleep(rig);
  rig.run_ms(5000);
  ASSERT_EQ(rig.status().phase, State::Sleep);
  Restarted again(rig);  // woken: the firmware starts from reset
  expect_same_counters(again.bms.status(), before);
}

TEST(ST_2_restart, the_soc_survives_a_reset_on_the_plateau) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_current(-20000);
  rig.run_ms(kHourMs);
  rig.board.set_current(0);
  rig.run_ms(1000);
  const std::int32_t soc = rig.status().soc_pptt;
  sleep(rig);
  rig.run_ms(5000);
  ASSERT_EQ(rig.status().phase, State::Sleep);
  Restarted again(rig);
  EXPECT_NEAR(again.bms.status().soc_pptt, soc, 10);
}

TEST(ST_2_restart, a_new_rated_capacity_restarts_the_learning) {
  BmsRig rig;
  rig.run_until_running();
  ASSERT_TRUE(rig.bms.set_param(ParamId::design_capacity_mAh, 200000).ok());
  rig.tick();
  EXPECT_EQ(rig.status().full_capacity_mAh, 200000);
  EXPECT_EQ(rig.status().soh_pptt, 10000);
}

TEST(SE_1_host_soc, a_host_sets_the_soc_and_a_bad_value_changes_nothing) {
  BmsRig rig;
  rig.run_until_running();
  EXPECT_TRUE(rig.bms.set_soc_pptt(4200));
  EXPECT_EQ(rig.bms.estimates().soc().estimate_pptt(), 4200);
  EXPECT_EQ(rig.bms.estimates().soc().soc_pptt(), 4200);  // set, not slewed: the host knows
  EXPECT_FALSE(rig.bms.set_soc_pptt(-1));
  EXPECT_FALSE(rig.bms.set_soc_pptt(10001));
  EXPECT_EQ(rig.bms.estimates().soc().estimate_pptt(), 4200);
}

}  // namespace
}  // namespace lfpbms::testing

namespace lfpbms::testing {
namespace {

// A power cut while the inverter draws: the voltage under load says little on the plateau, the
// SOC stored at power-up (and every 5 %) says more.
TEST(ST_2_restart, a_power_cut_under_load_keeps_the_stored_soc) {
  BmsRig rig;
  rig.run_until_running();
  ASSERT_TRUE(rig.bms.set_soc_pptt(6300));
  rig.board.set_current(-5000);
  rig.run_ms(10 * 60 * 1000);
  const std::int32_t before = rig.status().soc_pptt;
  rig.board.set_cells(3280);  // the sag under load
  Restarted again(rig);
  EXPECT_NEAR(again.bms.status().soc_pptt, before, 600);
}

}  // namespace
}  // namespace lfpbms::testing
