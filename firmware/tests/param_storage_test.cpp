// Parameter storage (ST-1): CRC-32, the two-slot NVM format that survives power loss in the
// middle of a save, corrupt and foreign sets, and the same through the whole BMS.
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

// NVM that loses power after `budget` more bytes: the write stops there and fails.
class TearingNvm final : public hal::Nvm {
 public:
  explicit TearingNvm(std::vector<std::uint8_t>& m) : mem(m) {}
  std::size_t size() const override { return mem.size(); }
  bool read(std::size_t offset, std::uint8_t* data, std::size_t length) override {
    if (offset + length > mem.size()) return false;
    std::memcpy(data, mem.data() + offset, length);
    return true;
  }
  bool write(std::size_t offset, const std::uint8_t* data, std::size_t length) override {
    const std::size_t n = length < budget ? length : budget;
    std::memcpy(mem.data() + offset, data, n);
    budget -= n;
    return n == length;
  }
  std::vector<std::uint8_t>& mem;
  std::size_t budget = SIZE_MAX;
};

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

TEST(ST_1_storage, round_trip_and_the_newest_of_two_slots_wins) {
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
  ASSERT_TRUE(storage.save(custom_set(3520)));  // the retry goes to the same free slot
  ASSERT_EQ(load_fresh(board, loaded), LoadResult::Loaded);
  EXPECT_EQ(loaded.get(P::cell_ov_alarm_mV), 3520);
}

// Power lost after every possible byte of a save: the set read back at the next start is the
// previous one until the new one is complete up to its CRC, then the new one; never a mix.
TEST(ST_1_storage, power_loss_at_any_byte_of_a_save_never_yields_a_half_written_set) {
  const std::size_t sealed = 16 + kParamCount * 5 + 4;  // header, pairs, CRC
  for (const int earlier_saves : {1, 2}) {  // the cut save goes to slot 1, then to slot 0
    const std::int32_t previous = 3500 + earlier_saves - 1;
    for (std::size_t cut = 0; cut <= ParamStorage::kSlotSize; ++cut) {
      std::vector<std::uint8_t> mem(4096, 0xFF);
      TearingNvm nvm(mem);
      ParamStorage storage(nvm, 0);
      for (int i = 0; i < earlier_saves; ++i) ASSERT_TRUE(storage.save(custom_set(3500 + i)));
      nvm.budget = cut;
      EXPECT_EQ(storage.save(custom_set(3590)), cut == ParamStorage::kSlotSize);
      ParamSet loaded(16);
      ASSERT_EQ(load_fresh(nvm, loaded), LoadResult::Loaded) << cut;
      EXPECT_EQ(loaded.get(P::cell_ov_alarm_mV), cut < sealed ? previous : 3590) << cut;
      EXPECT_EQ(loaded.get(P::design_capacity_mAh), 200000);
    }
  }
}

TEST(ST_1_storage, stays_inside_its_footprint_at_any_offset) {
  fakes::FakeBoard board;
  ParamStorage storage(board, 1000);
  ASSERT_TRUE(storage.save(custom_set(3500)));
  ASSERT_TRUE(storage.save(custom_set(3510)));
  for (std::size_t i = 0; i < board.memory.size(); ++i) {
    if (i < 1000 || i >= 1000 + storage.footprint()) {
      ASSERT_EQ(board.memory[i], 0xFF) << i;
    }
  }
  ParamSet loaded(16);
  ASSERT_EQ(ParamStorage(board, 1000).load(loaded), LoadResult::Loaded);
  EXPECT_EQ(loaded.get(P::cell_ov_alarm_mV), 3510);
}

// Flips one byte inside each slot's data.
void scribble(std::vector<std::uint8_t>& mem, std::size_t slot) {
  mem[slot * ParamStorage::kSlotSize + 40] ^= 0x5A;
}

TEST(ST_1_storage, a_corrupt_slot_falls_back_to_the_other_and_both_corrupt_gives_defaults) {
  fakes::FakeBoard board;
  ParamStorage storage(board, 0);
  ASSERT_TRUE(storage.save(custom_set(3500)));  // slot 0
  ASSERT_TRUE(storage.save(custom_set(3510)));  // slot 1
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

// Rewrites slot 0 in the stored format (16-byte header, count at 6, 5-byte pairs, CRC after).
void reseal(std::vector<std::uint8_t>& mem, std::uint16_t count) {
  mem[6] = static_cast<std::uint8_t>(count);
  mem[7] = static_cast<std::uint8_t>(count >> 8);
  const std::size_t body = 16 + std::size_t{count} * 5;
  const std::uint32_t crc = crc32(mem.data(), body);
  for (std::size_t i = 0; i < 4; ++i) mem[body + i] = static_cast<std::uint8_t>(crc >> (8 * i));
}

TEST(ST_1_storage, a_set_from_older_firmware_loads_with_defaults_for_newer_ids) {
  fakes::FakeBoard board;
  ASSERT_TRUE(ParamStorage(board, 0).save(custom_set(3550)));
  reseal(board.memory, static_cast<std::uint16_t>(kParamCount - 3));  // last 3 ids unknown
  ParamSet loaded(16);
  ASSERT_EQ(load_fresh(board, loaded), LoadResult::Loaded);
  EXPECT_EQ(loaded.get(P::cell_ov_alarm_mV), 3550);
  EXPECT_EQ(loaded.get(P::design_capacity_mAh), 100000);  // the default, not 200000
}

TEST(ST_1_storage, a_sealed_set_that_breaks_a_range_is_not_loaded) {
  fakes::FakeBoard board;
  ASSERT_TRUE(ParamStorage(board, 0).save(custom_set(3550)));
  board.memory[16 + 1] = 0xFF;  // the first pair is (cell_ov_alarm_mV, 3550): make its value
  board.memory[16 + 2] = 0xFF;  // 0x0000FFFF = 65535 mV, far out of range
  reseal(board.memory, static_cast<std::uint16_t>(kParamCount));
  ParamSet loaded(16);
  EXPECT_EQ(load_fresh(board, loaded), LoadResult::Corrupt);
  EXPECT_EQ(loaded.values(), ParamSet::defaults(16));
}

TEST(ST_1_storage, an_unreadable_memory_is_corrupt_not_blank) {
  fakes::FakeBoard board(16, ParamStorage::kSlotSize);  // slot 1 lies beyond the end
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
