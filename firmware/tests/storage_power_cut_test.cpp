// Power cut at every step of a save (ST-1, ST-2): for every N from 0 to the steps of one save,
// the flash loses power after N steps (the step after is left half done); then the board
// restarts (power back, new storage objects on the same flash) and must find the last
// complete parameter set or counters, never a mix, and save again from there.
#include <gtest/gtest.h>

#include <cstdint>

#include "bms.hpp"
#include "estimation/estimate_storage.hpp"
#include "fake_hardware.hpp"
#include "params/param_storage.hpp"

namespace lfpbms::testing {
namespace {

using P = ParamId;

ParamSet param_set(std::int32_t cell_ov_alarm_mV) {
  ParamSet s(16);
  EXPECT_TRUE(s.write(P::cell_ov_alarm_mV, cell_ov_alarm_mV).ok());
  EXPECT_TRUE(s.write(P::design_capacity_mAh, 200000).ok());
  return s;
}

// Steps (words programmed + sectors erased) one save takes.
std::uint64_t param_save_steps() {
  fakes::FakeBoard board;
  ParamStorage storage(board, 0);
  const std::uint64_t before = board.flash.steps();
  EXPECT_TRUE(storage.save(param_set(3500)));
  return board.flash.steps() - before;
}

TEST(ST_1_power_cut, a_save_is_one_erase_and_the_copy_word_by_word) {
  EXPECT_EQ(param_save_steps(), 1 + ParamStorage::kFrameSize / 4);
  // Header 12, series 4, 4 a value, CRC 4: 118 steps with 112 parameters.
  EXPECT_EQ(ParamStorage::kFrameSize, 12 + 4 + 4 * kParamCount + 4);
}

TEST(ST_1_power_cut, at_every_step_of_a_save_the_last_complete_set_survives) {
  const std::uint64_t steps = param_save_steps();
  for (const int earlier : {1, 2, 3}) {  // the cut save goes to B, A, B
    const std::int32_t previous = 3500 + earlier - 1;
    for (std::uint64_t n = 0; n <= steps; ++n) {
      fakes::FakeBoard board;
      {
        ParamStorage storage(board, 0);
        for (int i = 0; i < earlier; ++i) ASSERT_TRUE(storage.save(param_set(3500 + i)));
        board.flash.cut_power_after(n);
        EXPECT_EQ(storage.save(param_set(3590)), n == steps) << n;
      }
      board.flash.restore_power();
      ParamSet loaded(16);
      ParamStorage rebooted(board, 0);
      ASSERT_EQ(rebooted.load(loaded), LoadResult::Loaded) << n;
      EXPECT_EQ(loaded.get(P::cell_ov_alarm_mV), n == steps ? 3590 : previous) << n;
      EXPECT_EQ(loaded.get(P::design_capacity_mAh), 200000) << n;
      // Saving goes on from there, over whatever the cut left.
      ASSERT_TRUE(rebooted.save(param_set(3595))) << n;
      ASSERT_EQ(ParamStorage(board, 0).load(loaded), LoadResult::Loaded);
      EXPECT_EQ(loaded.get(P::cell_ov_alarm_mV), 3595) << n;
    }
  }
}

TEST(ST_1_power_cut, a_cut_first_save_leaves_the_defaults) {
  const std::uint64_t steps = param_save_steps();
  for (std::uint64_t n = 0; n < steps; ++n) {
    fakes::FakeBoard board;
    board.flash.cut_power_after(n);
    EXPECT_FALSE(ParamStorage(board, 0).save(param_set(3590)));
    board.flash.restore_power();
    ParamSet loaded = param_set(3550);
    EXPECT_NE(ParamStorage(board, 0).load(loaded), LoadResult::Loaded) << n;
    EXPECT_EQ(loaded.values(), ParamSet::defaults(16)) << n;
  }
}

TEST(ST_1_power_cut, a_set_written_through_the_bms_survives_a_cut_at_every_step) {
  const std::uint64_t steps = param_save_steps();
  const PackConfig config;
  for (std::uint64_t n = 0; n <= steps; n += 1) {
    fakes::FakeBoard board;
    {
      fakes::EventLog log;
      Bms bms(board.hardware(), config, log);
      bms.start();
      ASSERT_TRUE(bms.set_param(P::cell_ov_alarm_mV, 3550).ok());
      board.flash.cut_power_after(n);
      bms.set_param(P::cell_ov_alarm_mV, 3560);
    }
    board.flash.restore_power();
    fakes::EventLog log;
    Bms bms(board.hardware(), config, log);
    bms.start();
    EXPECT_EQ(bms.params().get(P::cell_ov_alarm_mV), n == steps ? 3560 : 3550) << n;
    EXPECT_EQ(log.count(SystemEvent::ParamsCorrupt), 0u) << n;
  }
}

StoredEstimates estimates(std::uint32_t salt) {
  StoredEstimates e;
  e.design_capacity_mAh = 100000;
  e.capacity_mAh = 95000 + salt;
  e.usage.cycle_count = static_cast<std::uint16_t>(100 + salt);
  e.usage.charged_mAh = 5000000 + salt;
  e.usage.discharged_Wh = 250000 + salt;
  e.soc_pptt = static_cast<std::uint16_t>(5000 + salt);
  for (std::uint8_t i = 0; i < kMaxCells; ++i) {
    e.cell_drift_pptt_day[i] = static_cast<std::int16_t>(i - 8 + static_cast<int>(salt));
  }
  return e;
}

void expect_counters(const StoredEstimates& got, std::uint32_t salt, std::uint64_t n) {
  const StoredEstimates want = estimates(salt);
  EXPECT_EQ(got.capacity_mAh, want.capacity_mAh) << n;
  EXPECT_EQ(got.usage.cycle_count, want.usage.cycle_count) << n;
  EXPECT_EQ(got.usage.charged_mAh, want.usage.charged_mAh) << n;
  EXPECT_EQ(got.usage.discharged_Wh, want.usage.discharged_Wh) << n;
  EXPECT_EQ(got.soc_pptt, want.soc_pptt) << n;
  for (std::uint8_t i = 0; i < kMaxCells; ++i) {
    EXPECT_EQ(got.cell_drift_pptt_day[i], want.cell_drift_pptt_day[i]) << n;
  }
}

constexpr std::size_t kEstimates = 2;  // the default layout's sectors

TEST(ST_2_power_cut, at_every_step_of_a_save_the_last_complete_counters_survive) {
  std::uint64_t steps = 0;
  {
    fakes::FakeBoard board;
    ASSERT_TRUE(EstimateStorage(board, kEstimates).save(estimates(0)));
    steps = board.flash.steps();
  }
  EXPECT_EQ(steps, 1 + EstimateStorage::kFrameSize / 4);
  EXPECT_EQ(EstimateStorage::kFrameSize, 96u);  // 25 steps
  for (const std::uint32_t earlier : {1u, 2u}) {
    for (std::uint64_t n = 0; n <= steps; ++n) {
      fakes::FakeBoard board;
      {
        EstimateStorage storage(board, kEstimates);
        for (std::uint32_t i = 0; i < earlier; ++i) ASSERT_TRUE(storage.save(estimates(i)));
        board.flash.cut_power_after(n);
        EXPECT_EQ(storage.save(estimates(50)), n == steps) << n;
      }
      board.flash.restore_power();
      EstimateStorage rebooted(board, kEstimates);
      StoredEstimates got;
      ASSERT_TRUE(rebooted.load(got)) << n;
      expect_counters(got, n == steps ? 50 : earlier - 1, n);
      ASSERT_TRUE(rebooted.save(estimates(60))) << n;
      ASSERT_TRUE(EstimateStorage(board, kEstimates).load(got));
      expect_counters(got, 60, n);
    }
  }
}

}  // namespace
}  // namespace lfpbms::testing
