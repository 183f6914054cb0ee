// The pack's estimates as the BMS reports and keeps them (SE-2, ST-2): cumulative charge and
// energy, cycles, SOH from the learned capacity, and what survives a reset through the NVM.
// 4 cells, rated 100 Ah, 25 °C, ticked once a second.
#include <gtest/gtest.h>

#include "estimation/pack_estimator.hpp"
#include "estimation_rig.hpp"
#include "fake_hardware.hpp"

namespace lfpbms::testing {
namespace {

constexpr std::size_t kSector = 2;  // the estimates' copies A and B: sectors 2 and 3
constexpr std::int32_t kRated_mAh = 100000;
constexpr std::int32_t kBleed_mA = 80;
constexpr TimeMs kSecondMs = 1000;

struct PackRun {
  explicit PackRun(fakes::FakeBoard& b, std::int32_t rated_mAh = kRated_mAh)
      : board(b), pack(b, kSector, rated_mAh, kBleed_mA) {
    pack.load(rated_mAh);
  }
  void run_s(int seconds, std::int32_t current_mA) {
    m.current_mA = m.current_raw_mA = current_mA;
    for (int s = 0; s < seconds; ++s) {
      now += kSecondMs;
      pack.update(now, m, kSecondMs, 0);
    }
  }
  // Started, then the cells stop reading: the voltage filter stays out (it would take the rig's
  // unmoving cell voltages for a sensor offset), the current is counted as measured.
  void count_only() {
    run_s(1, 0);
    m.faults = kCellAdc;
  }
  BmsStatus status() const {
    BmsStatus s;
    pack.report(s);
    return s;
  }

  fakes::FakeBoard& board;
  PackEstimator pack;
  Measurements m = pack_of(4, 3300);  // 13.2 V
  TimeMs now = 0;
};

TEST(SE_2_counters, charge_and_energy_are_counted_both_ways) {
  fakes::FakeBoard board;
  PackRun run(board);
  run.count_only();
  run.run_s(3600, 10000);  // 10 Ah at 13.2 V
  EXPECT_EQ(run.status().charged_mAh_total, 10000u);
  EXPECT_EQ(run.status().charged_Wh_total, 132u);
  EXPECT_EQ(run.status().discharged_mAh_total, 0u);
  run.run_s(1800, -20000);
  EXPECT_EQ(run.status().discharged_mAh_total, 10000u);
  EXPECT_EQ(run.status().discharged_Wh_total, 132u);
  EXPECT_EQ(run.status().charged_mAh_total, 10000u);
}

TEST(SE_2_counters, fractions_of_a_unit_are_carried_over) {
  fakes::FakeBoard board;
  PackRun run(board);
  run.count_only();
  for (int i = 0; i < 36; ++i) run.run_s(1, 100);  // 36 × 100 mA·s = 1 mAh in bits
  EXPECT_EQ(run.status().charged_mAh_total, 1u);
}

TEST(SE_2_counters, a_cycle_is_the_learned_capacity_discharged) {
  fakes::FakeBoard board;
  PackRun run(board);
  run.count_only();
  run.run_s(3600, -99000);
  EXPECT_EQ(run.status().cycle_count, 0);
  run.run_s(36, -100000);  // 99 Ah + 1 Ah
  EXPECT_EQ(run.status().cycle_count, 1);
  run.run_s(3600, 50000);  // charging does not count cycles
  EXPECT_EQ(run.status().cycle_count, 1);
  run.run_s(7200, -50000);
  EXPECT_EQ(run.status().cycle_count, 2);
}

TEST(SE_2_report, a_new_pack_reports_its_rating) {
  fakes::FakeBoard board;
  PackRun run(board);
  run.run_s(1, 0);
  const BmsStatus s = run.status();
  EXPECT_EQ(s.full_capacity_mAh, kRated_mAh);
  EXPECT_EQ(s.soh_pptt, 10000);
  EXPECT_EQ(s.cycle_count, 0);
  EXPECT_EQ(s.soc_pptt, run.pack.soc().soc_pptt());
  EXPECT_NEAR(s.remaining_mAh, s.soc_pptt * 10, 10);  // 10 mAh a pptt
  EXPECT_EQ(s.weak_cell, 0);
}

TEST(SE_2_report, soh_is_the_learned_capacity_over_the_rating) {
  fakes::FakeBoard board;
  StoredEstimates e;
  e.design_capacity_mAh = kRated_mAh;
  e.capacity_mAh = 80000;
  e.capacity_sigma_mAh = 1000;
  e.soc_pptt = 5000;
  e.soc_sigma_pptt = 300;
  ASSERT_TRUE(EstimateStorage(board, kSector).save(e));
  PackRun run(board);
  run.run_s(1, 0);
  EXPECT_EQ(run.status().full_capacity_mAh, 80000);
  EXPECT_EQ(run.status().soh_pptt, 8000);
  EXPECT_NEAR(run.status().remaining_mAh, run.status().soc_pptt * 8, 8);
}

TEST(SE_2_counters, the_learned_sensor_offset_is_taken_out) {
  fakes::FakeBoard board;
  StoredEstimates e;
  e.design_capacity_mAh = kRated_mAh;
  e.capacity_mAh = kRated_mAh;
  e.current_offset_uA = 50000;  // the sensor reads 50 mA high
  e.r0_25_uOhm = 450;
  ASSERT_TRUE(EstimateStorage(board, kSector).save(e));
  PackRun run(board);
  run.count_only();
  EXPECT_NEAR(run.pack.soc().current_offset_mA(), 50, 1);
  run.run_s(3600, 10050);
  EXPECT_NEAR(run.status().charged_mAh_total, 10000u, 1u);
}

TEST(ST_2_pack_storage, counters_capacity_and_soc_survive_a_reset) {
  fakes::FakeBoard board;
  PackRun before(board);
  before.run_s(3600, 30000);
  before.run_s(3600, -20000);
  ASSERT_TRUE(before.pack.save(before.now));
  const BmsStatus saved = before.status();
  const std::int32_t soc = before.pack.soc().estimate_pptt();

  PackRun after(board);  // a reset: a new estimator on the same memory
  const BmsStatus restored = after.status();
  EXPECT_EQ(restored.charged_mAh_total, saved.charged_mAh_total);
  EXPECT_EQ(restored.discharged_mAh_total, saved.discharged_mAh_total);
  EXPECT_EQ(restored.charged_Wh_total, saved.charged_Wh_total);
  EXPECT_EQ(restored.discharged_Wh_total, saved.discharged_Wh_total);
  EXPECT_EQ(restored.cycle_count, saved.cycle_count);
  EXPECT_EQ(restored.full_capacity_mAh, saved.full_capacity_mAh);
  after.run_s(1, 0);  // the same plateau voltage: it allows the stored SOC
  EXPECT_NEAR(after.pack.soc().estimate_pptt(), soc, 2);
  EXPECT_NEAR(after.pack.soc().soc_pptt(), soc, 2);
}

TEST(ST_2_pack_storage, a_stored_soc_the_voltage_contradicts_gives_way) {
  fakes::FakeBoard board;
  PackRun before(board);
  before.run_s(60, 0);
  ASSERT_TRUE(before.pack.save(before.now));
  ASSERT_GT(before.pack.soc().estimate_pptt(), 2000);  // on the plateau

  PackRun after(board);
  after.m = pack_of(4, ocv_mV(0.05f));  // discharged while the BMS was off
  after.run_s(1, 0);
  EXPECT_NEAR(after.pack.soc().estimate_pptt(), 500, 150);
}

TEST(ST_2_pack_storage, another_rated_capacity_drops_the_stored_record) {
  fakes::FakeBoard board;
  PackRun before(board);
  before.run_s(3600, 10000);
  ASSERT_TRUE(before.pack.save(before.now));

  PackRun other(board, 200000);  // the installer fitted another pack
  EXPECT_EQ(other.status().charged_mAh_total, 0u);
  EXPECT_EQ(other.status().full_capacity_mAh, 200000);
  EXPECT_EQ(other.status().soh_pptt, 10000);
}

TEST(ST_2_pack_storage, setting_the_rating_starts_learning_over) {
  fakes::FakeBoard board;
  StoredEstimates e;
  e.design_capacity_mAh = kRated_mAh;
  e.capacity_mAh = 80000;
  e.capacity_sigma_mAh = 1000;
  ASSERT_TRUE(EstimateStorage(board, kSector).save(e));
  PackRun run(board);
  run.run_s(10, 0);
  ASSERT_EQ(run.status().full_capacity_mAh, 80000);
  run.pack.set_design_capacity(150000);
  EXPECT_EQ(run.status().full_capacity_mAh, 150000);
  EXPECT_EQ(run.status().soh_pptt, 10000);
  EXPECT_EQ(run.pack.capacity().segments(), 0);
}

TEST(ST_2_pack_storage, saves_every_4_hours_and_not_before_the_start) {
  fakes::FakeBoard board;
  PackRun run(board);
  EXPECT_FALSE(run.pack.save(0)) << "nothing to save before the first measurement";
  run.run_s(1, 0);
  const std::size_t writes = board.nvm_writes;
  run.run_s(4 * 3600 - 2, 0);
  EXPECT_EQ(board.nvm_writes, writes);
  run.run_s(2, 0);
  EXPECT_EQ(board.nvm_writes, writes + 1);
}

TEST(BA_1_weak_cell_pack, a_cell_low_near_empty_is_named_with_an_event) {
  fakes::FakeBoard board;
  PackRun run(board);
  run.m = pack_of(4, ocv_mV(0.3f));
  set_cell(run.m, 2, ocv_mV(0.15f));  // cell 3: 15 % below the others near the bottom
  run.run_s(86400 + 120, 0);
  EXPECT_EQ(run.status().weak_cell, 3);
  EXPECT_EQ(run.pack.take_events(), kWeakCellFound);
  EXPECT_EQ(run.pack.take_events(), 0) << "taken once";
}

}  // namespace
}  // namespace lfpbms::testing
