// The event log under power cuts (ST-3): power lost at any step of a write, a wrap or a clear
// loses nothing committed and never yields a half-written record; numbering goes on after the
// last whole record, and writing goes on over whatever the cut left.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "log_rig.hpp"

namespace lfpbms::testing {
namespace {

// A board whose log holds `records` records, as a picture of its flash to start each cut from.
std::vector<std::uint8_t> filled(std::uint32_t records) {
  fakes::FakeBoard board;
  EventLog log = make_log(board);
  for (std::uint32_t n = 0; n < records; ++n) EXPECT_TRUE(append_for(log, n));
  return board.memory;
}

// Restarts on the flash after a cut and checks what a log must keep: every committed record,
// numbering right after the last one, 1000 or more kept, and writing on from there.
void expect_recovered(fakes::FakeBoard& board, std::uint32_t committed, std::uint64_t n) {
  board.flash.restore_power();
  EventLog after = make_log(board);
  ASSERT_TRUE(after.mount()) << n;
  ASSERT_EQ(after.next_sequence(), committed) << n;
  ASSERT_GE(after.next_sequence() - after.first_sequence(), std::min(committed, 1000u)) << n;
  expect_all(after);
  for (std::uint32_t k = committed; k < committed + 200; ++k)
    ASSERT_TRUE(append_for(after, k)) << n;
  EventLog again = make_log(board);
  ASSERT_TRUE(again.mount());
  ASSERT_EQ(again.next_sequence(), committed + 200) << n;
  expect_all(again);
}

TEST(ST_3_event_log_power_cut, at_every_step_of_writing_across_a_sector_boundary_after_a_wrap) {
  // 1277 = 9 x 128 + 125: the ring has wrapped; the batch fills the head sector's last three
  // slots, then erases the oldest sector and writes into it.
  const std::uint32_t base = 9 * 128 + 125;
  const std::vector<std::uint8_t> picture = filled(base);
  const std::uint64_t steps = 4 * 8 + 1;
  for (std::uint64_t n = 0; n <= steps; ++n) {
    fakes::FakeBoard board;
    std::copy(picture.begin(), picture.end(), board.memory.begin());
    std::uint32_t committed = base;
    {
      EventLog log = make_log(board);
      ASSERT_TRUE(log.mount());
      board.flash.cut_power_after(n);
      for (std::uint32_t k = base; k < base + 4; ++k) {
        if (append_for(log, k)) {
          ASSERT_EQ(committed, k) << n;  // commits in order, none after a failure
          ++committed;
        }
      }
    }
    EXPECT_EQ(committed, base + (n == steps ? 4 : std::min<std::uint64_t>(n / 8, 3))) << n;
    expect_recovered(board, committed, n);
    if (HasFailure()) return;
  }
}

TEST(ST_3_event_log_power_cut, at_every_step_of_the_first_records) {
  const std::uint64_t steps = 3 * 8 + 1;  // erase of the first sector, three records
  for (std::uint64_t n = 0; n <= steps; ++n) {
    fakes::FakeBoard board;
    std::uint32_t committed = 0;
    {
      EventLog log = make_log(board);
      ASSERT_TRUE(log.mount());
      board.flash.cut_power_after(n);
      for (std::uint32_t k = 0; k < 3; ++k) committed += append_for(log, k) ? 1 : 0;
    }
    expect_recovered(board, committed, n);
    if (HasFailure()) return;
  }
}

TEST(ST_3_event_log_power_cut, at_every_step_of_a_clear) {
  const std::uint32_t base = 10 * 128;  // the head is full: the mark goes into an erased sector
  const std::vector<std::uint8_t> picture = filled(base);
  for (std::uint64_t n = 0; n <= 9; ++n) {
    fakes::FakeBoard board;
    std::copy(picture.begin(), picture.end(), board.memory.begin());
    bool cleared = false;
    {
      EventLog log = make_log(board);
      ASSERT_TRUE(log.mount());
      board.flash.cut_power_after(n);
      cleared = log.clear();
    }
    EXPECT_EQ(cleared, n == 9) << n;
    board.flash.restore_power();
    EventLog after = make_log(board);
    ASSERT_TRUE(after.mount());
    if (cleared) {
      EXPECT_EQ(after.first_sequence(), base + 1) << n;
      EXPECT_EQ(after.next_sequence(), base + 1) << n;
    } else {  // not cleared: everything is still there
      EXPECT_EQ(after.next_sequence(), base) << n;
      EXPECT_GE(after.next_sequence() - after.first_sequence(), 1000u) << n;
      expect_all(after);
    }
  }
}

TEST(ST_3_event_log_power_cut, an_interrupted_erase_is_redone_at_mount) {
  const std::uint32_t base = 9 * 128;  // the head sector is full, the next holds the oldest
  fakes::FakeBoard board;
  const std::vector<std::uint8_t> picture = filled(base);
  std::copy(picture.begin(), picture.end(), board.memory.begin());
  {
    EventLog log = make_log(board);
    ASSERT_TRUE(log.mount());
    board.flash.cut_power_after(0);
    EXPECT_FALSE(append_for(log, base));  // the erase of the oldest sector is cut
  }
  board.flash.restore_power();
  const std::size_t oldest = kLayout.log_sector;  // the ring came round to its first sector
  const std::uint32_t erases = board.flash.erase_count(oldest);
  EventLog after = make_log(board);
  ASSERT_TRUE(after.mount());
  EXPECT_EQ(board.flash.erase_count(oldest), erases + 1);  // finished at mount
  const std::size_t at = oldest * fakes::FakeBoard::kSectorSize;
  for (std::size_t i = 0; i < fakes::FakeBoard::kSectorSize; ++i) {
    ASSERT_EQ(board.memory[at + i], 0xFF) << i;
  }
  EXPECT_EQ(after.next_sequence(), base);
  EXPECT_EQ(after.first_sequence(), 128u);
  expect_all(after);
  const std::uint64_t before = board.flash.steps();
  ASSERT_TRUE(append_for(after, base));
  EXPECT_EQ(board.flash.steps() - before, 8u);  // no second erase
}

}  // namespace
}  // namespace lfpbms::testing
