// Parameter storage (ST-1): CRC-32, the A/B format, corrupt and foreign sets, and the same
// through the whole BMS. Power cuts at every step of a save: storage_power_cut_test.cpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "bms_rig.hpp"
#include "core/crc32.hpp"
#include "params/param_storage.hpp"

namespace lfpbms::testing {
namespace {

using P = ParamId;

// --- CRC and storage -------------------------------------------------------------------------

TEST(ST_1_crc, check_value_and_continuation) {
  const auto* text = reinterpret_cast<const std::uint8_t*>("123456789");
  EXPECT_EQ(crc32(text, 9), 0xCBF43926u);
  EXPECT_EQ(crc32(text + 4, 5, crc32(text, 4)), 0xCBF43926u);
  EXPECT_EQ(crc32(text, 0), 0u);
  const std::uint8_t zero = 0;
  EXPECT_EQ(crc32(&zero, 1), 0xD202EF8Du);
}

// A set that differs from the defaults in its first and last parameter.
ParamSet custom_set(std::int32_t cell_ov_alarm = 3550) {
  ParamSet s(16);
  EXPECT_TRUE(s.write(P::cell_ov_alarm_mV, cell_ov_alarm).ok());
  EXPECT_TRUE(s.write(P::design_capacity_mAh, 200000).ok());
  return s;
}

LoadResult load_fresh(hal::Nvm& nvm, ParamSet& into) {
  return ParamStorage(nvm, 0).load(into);
}

TEST(ST_1_storage, round_trip_and_the_newest_of_two_copies_wins) {
  fakes::FakeBoard board;
  ParamStorage storage(board, 0);
  for (const std::int32_t v : {3500, 3510, 3520}) {
    ASSERT_TRUE(storage.save(custom_set(v)));
    ParamSet loaded(16);
    ASSERT_EQ(load_fresh(board, loaded), LoadResult::Loaded);
    EXPECT_EQ(loaded.values(), custom_set(v).values());
  }
  EXPECT_EQ(board.nvm_writes, 3u);
}

TEST(ST_1_storage, blank_memory_loads_defaults_as_blank) {
  fakes::FakeBoard board;
  ParamSet s = custom_set();
  EXPECT_EQ(load_fresh(board, s), LoadResult::Blank);
  EXPECT_EQ(s.values(), ParamSet::defaults(16));
}

TEST(ST_1_storage, failed_save_keeps_the_previous_set) {
  fakes::FakeBoard board;
  ParamStorage storage(board, 0);
  ASSERT_TRUE(storage.save(custom_set(3500)));
  board.nvm_fail = true;
  EXPECT_FALSE(storage.save(custom_set(3510)));
  board.nvm_fail = false;
  ParamSet loaded(16);
  ASSERT_EQ(load_fresh(board, loaded), LoadResult::Loaded);
  EXPECT_EQ(loaded.get(P::cell_ov_alarm_mV), 3500);
  ASSERT_TRUE(storage.save(custom_set(3520)));  // the retry goes to the same free copy
  ASSERT_EQ(load_fresh(board, loaded), LoadResult::Loaded);
  EXPECT_EQ(loaded.get(P::cell_ov_alarm_mV), 3520);
}

TEST(ST_1_storage, stays_inside_its_two_sectors_wherever_they_are) {
  fakes::FakeBoard board;
  constexpr std::size_t kSector = fakes::FakeBoard::kSectorSize;
  ParamStorage storage(board, 5);
  ASSERT_TRUE(storage.save(custom_set(3500)));
  ASSERT_TRUE(storage.save(custom_set(3510)));
  for (std::size_t i = 0; i < board.memory.size(); ++i) {
    if (i < 5 * kSector || i >= 7 * kSector) {
      ASSERT_EQ(board.memory[i], 0xFF) << i;
    }
  }
  EXPECT_EQ(board.flash.erase_count(5), 1u);
  EXPECT_EQ(board.flash.erase_count(6), 1u);
  ParamSet loaded(16);
  ASSERT_EQ(ParamStorage(board, 5).load(loaded), LoadResult::Loaded);
  EXPECT_EQ(loaded.get(P::cell_ov_alarm_mV), 3510);
}

// Flips one byte inside a copy's data (copy 0 = A in sector 0, 1 = B in sector 1).
void scribble(std::vector<std::uint8_t>& mem, std::size_t copy) {
  mem[copy * fakes::FakeBoard::kSectorSize + 40] ^= 0x5A;
}

TEST(ST_1_storage, a_corrupt_copy_falls_back_to_the_other_and_both_corrupt_gives_defaults) {
  fakes::FakeBoard board;
  ParamStorage storage(board, 0);
  ASSERT_TRUE(storage.save(custom_set(3500)));  // A
  ASSERT_TRUE(storage.save(custom_set(3510)));  // B
  scribble(board.memory, 1);
  ParamSet loaded(16);
  ASSERT_EQ(load_fresh(board, loaded), LoadResult::Loaded);
  EXPECT_EQ(loaded.get(P::cell_ov_alarm_mV), 3500);
  scribble(board.memory, 0);
  EXPECT_EQ(load_fresh(board, loaded), LoadResult::Corrupt);
  EXPECT_EQ(loaded.values(), ParamSet::defaults(16));
}

TEST(ST_1_storage, a_set_for_another_series_count_is_not_loaded) {
  fakes::FakeBoard board;
  ParamSet fifteen(15);
  ASSERT_TRUE(fifteen.write(P::cell_ov_alarm_mV, 3550).ok());
  ASSERT_TRUE(ParamStorage(board, 0).save(fifteen));
  ParamSet loaded(16);
  EXPECT_EQ(load_fresh(board, loaded), LoadResult::Corrupt);
  EXPECT_EQ(loaded.values(), ParamSet::defaults(16));
  ParamSet same(15);
  EXPECT_EQ(load_fresh(board, same), LoadResult::Loaded);
  EXPECT_EQ(same.get(P::cell_ov_alarm_mV), 3550);
}

// Rewrites copy A with `count` values (12-byte header with the payload length at 6; payload:
// series and 3 bytes, 4 bytes a value; the CRC right after).
void reseal(std::vector<std::uint8_t>& mem, std::uint16_t count) {
  const std::size_t payload = 4 + std::size_t{count} * 4;
  mem[6] = static_cast<std::uint8_t>(payload);
  mem[7] = static_cast<std::uint8_t>(payload >> 8);
  const std::size_t body = 12 + payload;
  const std::uint32_t crc = crc32(mem.data(), body);
  for (std::size_t i = 0; i < 4; ++i) mem[body + i] = static_cast<std::uint8_t>(crc >> (8 * i));
}

TEST(ST_1_storage, a_set_from_older_firmware_loads_with_defaults_for_newer_ids) {
  fakes::FakeBoard board;
  ASSERT_TRUE(ParamStorage(board, 0).save(custom_set(3550)));
  // A firmware that knew the ids before design_capacity_mAh only.
  reseal(board.memory, static_cast<std::uint16_t>(P::design_capacity_mAh));
  ParamSet loaded(16);
  ASSERT_EQ(load_fresh(board, loaded), LoadResult::Loaded);
  EXPECT_EQ(loaded.get(P::cell_ov_alarm_mV), 3550);
  EXPECT_EQ(loaded.get(P::design_capacity_mAh), 100000);  // the default, not 200000
}

TEST(ST_1_storage, a_sealed_set_that_breaks_a_range_is_not_loaded) {
  fakes::FakeBoard board;
  ASSERT_TRUE(ParamStorage(board, 0).save(custom_set(3550)));
  static_assert(static_cast<int>(P::cell_ov_alarm_mV) == 0);
  board.memory[16 + 1] = 0xFF;  // the first value is cell_ov_alarm_mV = 3550 (0x00000DDE):
  board.memory[16 + 2] = 0xFF;  // make it 0x00FFFFDE, far out of range
  reseal(board.memory, static_cast<std::uint16_t>(kParamCount));
  ParamSet loaded(16);
  EXPECT_EQ(load_fresh(board, loaded), LoadResult::Corrupt);
  EXPECT_EQ(loaded.values(), ParamSet::defaults(16));
}

TEST(ST_1_storage, an_unreadable_memory_is_corrupt_not_blank) {
  fakes::FakeBoard board(16, fakes::FakeBoard::kSectorSize);  // copy B lies beyond the end
  ParamSet loaded(16);
  EXPECT_EQ(load_fresh(board, loaded), LoadResult::Corrupt);
}

// --- through the BMS -------------------------------------------------------------------------

TEST(ST_1_bms, corrupt_set_at_start_up_raises_ParamsCorrupt_and_runs_on_defaults) {
  fakes::FakeBoard board;
  const PackConfig config;
  {
    fakes::EventLog log;
    Bms bms(board.hardware(), config, log);
    bms.start();
    EXPECT_EQ(log.count(SystemEvent::ParamsCorrupt), 0u);  // blank is not corrupt
    ASSERT_TRUE(bms.set_param(P::cell_ov_alarm_mV, 3550).ok());
    ASSERT_TRUE(bms.set_param(P::buzzer_enable, 1).ok());
  }
  {
    fakes::EventLog log;
    Bms bms(board.hardware(), config, log);
    bms.start();
    EXPECT_EQ(log.count(SystemEvent::ParamsCorrupt), 0u);
    EXPECT_EQ(bms.params().get(P::cell_ov_alarm_mV), 3550);
  }
  scribble(board.memory, 0);
  scribble(board.memory, 1);
  fakes::EventLog log;
  Bms bms(board.hardware(), config, log);
  bms.start();
  EXPECT_EQ(log.count(SystemEvent::ParamsCorrupt), 1u);
  EXPECT_EQ(bms.params().values(), ParamSet::defaults(16));
  bms.tick();
  EXPECT_EQ(bms.params().values(), ParamSet::defaults(16));
}

TEST(ST_1_bms, refused_write_leaves_nvm_and_params_untouched) {
  BmsRig rig;
  ASSERT_TRUE(rig.bms.set_param(P::cell_ov_alarm_mV, 3550).ok());
  const std::vector<std::uint8_t> memory = rig.board.memory;
  const std::size_t writes = rig.board.nvm_writes;
  const ParamValues values = rig.bms.params().values();
  EXPECT_EQ(rig.bms.set_param(P::cell_ov_alarm_mV, 4501).error, ParamError::OutOfRange);
  EXPECT_EQ(rig.bms.set_param(P::cell_ov_alarm_mV, 3701).error, ParamError::Ordering);
  const ParamWrite batch[] = {{P::buzzer_enable, 1}, {P::cell_ov_protect_mV, 3000}};
  EXPECT_FALSE(rig.bms.set_params(batch, 2).ok());
  EXPECT_EQ(rig.board.memory, memory);
  EXPECT_EQ(rig.board.nvm_writes, writes);
  EXPECT_EQ(rig.bms.params().values(), values);
  EXPECT_EQ(rig.log.count(SystemEvent::ParamsWritten), 1u);
}

}  // namespace
}  // namespace lfpbms::testing
