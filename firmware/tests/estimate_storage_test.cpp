// What the estimator learned, kept across resets (ST-2): every field round-trips, the two copies
// are written in turn, the newer record wins, and a corrupt, blank or unwritable memory never
// yields a wrong record.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "estimation/estimate_storage.hpp"
#include "fake_hardware.hpp"

namespace lfpbms::testing {
namespace {

constexpr std::size_t kFirstSector = 2;
constexpr std::size_t kSlot = fakes::FakeBoard::kSectorSize;  // a copy's sector
constexpr std::size_t kOffset = kFirstSector * kSlot;

// A record with a distinct value in every field, negatives where the type allows them.
StoredEstimates record(std::uint32_t salt = 0) {
  StoredEstimates e;
  e.design_capacity_mAh = 100000 + salt;
  e.capacity_mAh = 81234 + salt;
  e.capacity_sigma_mAh = 1500 + salt;
  e.capacity_segments = static_cast<std::uint16_t>(7 + salt);
  e.usage.cycle_count = static_cast<std::uint16_t>(321 + salt);
  e.usage.cycle_progress_mAh = 40000 + salt;
  e.usage.charged_mAh = 4000000000u - salt;  // near the top of the type
  e.usage.discharged_mAh = 3900000 + salt;
  e.usage.charged_Wh = 205000 + salt;
  e.usage.discharged_Wh = 199000 + salt;
  e.soc_pptt = static_cast<std::uint16_t>(6543 + salt);
  e.soc_sigma_pptt = static_cast<std::uint16_t>(250 + salt);
  e.current_offset_uA = -12345 - static_cast<std::int32_t>(salt);
  e.r0_25_uOhm = 450 + salt;
  for (std::uint8_t i = 0; i < kMaxCells; ++i) {
    e.cell_drift_pptt_day[i] = static_cast<std::int16_t>(i * 7 - 50 + static_cast<int>(salt));
  }
  return e;
}

void expect_same(const StoredEstimates& a, const StoredEstimates& b) {
  EXPECT_EQ(a.design_capacity_mAh, b.design_capacity_mAh);
  EXPECT_EQ(a.capacity_mAh, b.capacity_mAh);
  EXPECT_EQ(a.capacity_sigma_mAh, b.capacity_sigma_mAh);
  EXPECT_EQ(a.capacity_segments, b.capacity_segments);
  EXPECT_EQ(a.usage.cycle_count, b.usage.cycle_count);
  EXPECT_EQ(a.usage.cycle_progress_mAh, b.usage.cycle_progress_mAh);
  EXPECT_EQ(a.usage.charged_mAh, b.usage.charged_mAh);
  EXPECT_EQ(a.usage.discharged_mAh, b.usage.discharged_mAh);
  EXPECT_EQ(a.usage.charged_Wh, b.usage.charged_Wh);
  EXPECT_EQ(a.usage.discharged_Wh, b.usage.discharged_Wh);
  EXPECT_EQ(a.soc_pptt, b.soc_pptt);
  EXPECT_EQ(a.soc_sigma_pptt, b.soc_sigma_pptt);
  EXPECT_EQ(a.current_offset_uA, b.current_offset_uA);
  EXPECT_EQ(a.r0_25_uOhm, b.r0_25_uOhm);
  for (std::uint8_t i = 0; i < kMaxCells; ++i) {
    EXPECT_EQ(a.cell_drift_pptt_day[i], b.cell_drift_pptt_day[i]) << "cell " << int{i};
  }
}

bool slot_blank(const fakes::FakeBoard& b, std::size_t slot) {
  for (std::size_t i = 0; i < kSlot; ++i) {
    if (b.memory[kOffset + slot * kSlot + i] != 0xFF) return false;
  }
  return true;
}

// Loads through a storage object of its own, as after a reset.
bool load_fresh(fakes::FakeBoard& b, StoredEstimates& out) {
  return EstimateStorage(b, kFirstSector).load(out);
}

TEST(ST_2_estimate_storage, every_field_round_trips) {
  fakes::FakeBoard board;
  ASSERT_TRUE(EstimateStorage(board, kFirstSector).save(record()));
  StoredEstimates out;
  ASSERT_TRUE(load_fresh(board, out));
  expect_same(out, record());
}

TEST(ST_2_estimate_storage, stays_inside_its_two_sectors) {
  fakes::FakeBoard board;
  EstimateStorage storage(board, kFirstSector);
  storage.save(record());
  storage.save(record(1));
  for (std::size_t i = 0; i < board.memory.size(); ++i) {
    if (i < kOffset || i >= kOffset + 2 * kSlot) {
      ASSERT_EQ(board.memory[i], 0xFF) << "byte " << i;
    }
  }
}

TEST(ST_2_estimate_storage, writes_the_copies_in_turn) {
  fakes::FakeBoard board;
  EstimateStorage storage(board, kFirstSector);
  ASSERT_TRUE(storage.save(record(1)));
  EXPECT_FALSE(slot_blank(board, 0));
  EXPECT_TRUE(slot_blank(board, 1));
  ASSERT_TRUE(storage.save(record(2)));
  EXPECT_FALSE(slot_blank(board, 1));
  const std::vector<std::uint8_t> after_two = board.memory;
  ASSERT_TRUE(storage.save(record(3)));  // back to slot 0; slot 1 untouched
  EXPECT_TRUE(std::equal(after_two.begin() + kOffset + kSlot,
                         after_two.begin() + kOffset + 2 * kSlot,
                         board.memory.begin() + kOffset + kSlot));
  EXPECT_EQ(board.nvm_writes, 3u);
}

TEST(ST_2_estimate_storage, the_newer_record_wins_in_either_copy) {
  fakes::FakeBoard board;
  EstimateStorage storage(board, kFirstSector);
  StoredEstimates out;
  storage.save(record(1));
  storage.save(record(2));  // slot 1
  ASSERT_TRUE(load_fresh(board, out));
  expect_same(out, record(2));
  storage.save(record(3));  // slot 0
  ASSERT_TRUE(load_fresh(board, out));
  expect_same(out, record(3));
}

TEST(ST_2_estimate_storage, after_a_reset_saving_continues_the_sequence) {
  fakes::FakeBoard board;
  EstimateStorage(board, kFirstSector).save(record(1));
  EstimateStorage(board, kFirstSector).save(record(2));
  EstimateStorage after_reset(board, kFirstSector);
  StoredEstimates out;
  ASSERT_TRUE(after_reset.load(out));
  expect_same(out, record(2));
  ASSERT_TRUE(after_reset.save(record(3)));
  ASSERT_TRUE(load_fresh(board, out));
  expect_same(out, record(3));
}

TEST(ST_2_estimate_storage, a_corrupt_copy_falls_back_to_the_other) {
  fakes::FakeBoard board;
  EstimateStorage storage(board, kFirstSector);
  storage.save(record(1));                     // slot 0
  storage.save(record(2));                     // slot 1, newer
  board.memory[kOffset + kSlot + 20] ^= 0x01;  // one bit of the newer record's body
  StoredEstimates out;
  ASSERT_TRUE(load_fresh(board, out));
  expect_same(out, record(1));
}

TEST(ST_2_estimate_storage, both_copies_corrupt_is_nothing_stored) {
  fakes::FakeBoard board;
  EstimateStorage storage(board, kFirstSector);
  storage.save(record(1));
  storage.save(record(2));
  board.memory[kOffset + 30] ^= 0x80;
  board.memory[kOffset + kSlot] ^= 0x10;  // the magic
  StoredEstimates out = record(9);
  EXPECT_FALSE(load_fresh(board, out));
  expect_same(out, record(9));
}

TEST(ST_2_estimate_storage, blank_memory_loads_nothing_and_leaves_the_output) {
  fakes::FakeBoard board;
  StoredEstimates out = record(5);
  EXPECT_FALSE(load_fresh(board, out));
  expect_same(out, record(5));
}

TEST(ST_2_estimate_storage, a_failing_write_reports_it_and_keeps_the_last_record) {
  fakes::FakeBoard board;
  EstimateStorage storage(board, kFirstSector);
  ASSERT_TRUE(storage.save(record(1)));
  board.nvm_fail = true;
  EXPECT_FALSE(storage.save(record(2)));
  board.nvm_fail = false;
  StoredEstimates out;
  ASSERT_TRUE(load_fresh(board, out));
  expect_same(out, record(1));
  // The next save still goes to the slot that does not hold the last good record.
  ASSERT_TRUE(storage.save(record(3)));
  ASSERT_TRUE(load_fresh(board, out));
  expect_same(out, record(3));
  board.memory[kOffset + kSlot + 20] ^= 0x01;  // lose the newest: the one before is still there
  ASSERT_TRUE(load_fresh(board, out));
  expect_same(out, record(1));
}

}  // namespace
}  // namespace lfpbms::testing
