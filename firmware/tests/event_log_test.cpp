// The event and data log on flash (ST-3): records round-trip, the ring keeps at least 1000 of
// the newest after it wraps, sequence numbers go on across resets and clears, the sectors wear
// evenly. The BMS records into it and stamps records with its settable clock. Power cuts:
// event_log_power_cut_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "bms.hpp"
#include "log_rig.hpp"
#include "storage/event_fanout.hpp"

namespace lfpbms::testing {
namespace {

TEST(ST_3_event_log, holds_at_least_1000_records_after_a_wrap) {
  fakes::FakeBoard board;
  EventLog log = make_log(board);
  ASSERT_TRUE(log.mount());
  EXPECT_EQ(log.records_per_sector(), 128u);
  EXPECT_EQ(log.capacity(), 9u * 128u);
  EXPECT_GE(log.capacity() - log.records_per_sector(), 1000u);
}

TEST(ST_3_event_log, records_round_trip_with_every_field) {
  fakes::FakeBoard board;
  EventLog log = make_log(board);
  ASSERT_TRUE(log.mount());
  EXPECT_EQ(log.first_sequence(), 0u);
  EXPECT_EQ(log.next_sequence(), 0u);
  for (std::uint32_t n = 0; n < 300; ++n) ASSERT_TRUE(append_for(log, n));
  EXPECT_EQ(log.first_sequence(), 0u);
  EXPECT_EQ(log.next_sequence(), 300u);
  expect_all(log);
  LogRecord r;
  EXPECT_FALSE(log.read(300, r));  // not written yet
  EXPECT_FALSE(log.read(0xFFFFFFFFu, r));
}

TEST(ST_3_event_log, extreme_values_are_kept_or_clamped_to_what_the_record_holds) {
  fakes::FakeBoard board;
  EventLog log = make_log(board);
  EventSnapshot s;
  s.max_cell_mV = 65535;
  s.pack_voltage_mV = 80000;
  s.current_mA = -1'000'000;    // 1000 A, the validator's limit
  s.max_temperature_dC = 2000;  // a shorted NTC
  s.min_temperature_dC = -800;  // an open one
  s.mosfet_temperature_dC = 30000;
  s.ambient_temperature_dC = -30000;
  s.soc_pptt = 10000;
  ASSERT_TRUE(log.append(kT0, 0x0101, s));
  LogRecord r;
  ASSERT_TRUE(log.read(0, r));
  EXPECT_EQ(r.snapshot.max_cell_mV, 65535);
  EXPECT_EQ(r.snapshot.pack_voltage_mV, 80000u);
  EXPECT_EQ(r.snapshot.current_mA, -1'000'000);
  EXPECT_EQ(r.snapshot.max_temperature_dC, 2000);
  EXPECT_EQ(r.snapshot.min_temperature_dC, -800);
  EXPECT_EQ(r.snapshot.mosfet_temperature_dC, 2047);
  EXPECT_EQ(r.snapshot.ambient_temperature_dC, -2048);
  EXPECT_EQ(r.snapshot.soc_pptt, 10000);
  EXPECT_FALSE(log.append(kT0, EventLog::kClearMark, s));  // code 0 is no event
}

TEST(ST_3_event_log, a_record_costs_eight_word_writes_and_an_erase_only_into_a_new_sector) {
  fakes::FakeBoard board;
  EventLog log = make_log(board);
  ASSERT_TRUE(log.mount());
  std::vector<std::uint64_t> costs;
  for (std::uint32_t n = 0; n < 3 * 128; ++n) {
    const std::uint64_t before = board.flash.steps();
    ASSERT_TRUE(append_for(log, n));
    costs.push_back(board.flash.steps() - before);
  }
  for (std::size_t n = 0; n < costs.size(); ++n) {
    EXPECT_EQ(costs[n], n % 128 == 0 ? 9u : 8u) << n;
  }
}

TEST(ST_3_event_log, keeps_at_least_1000_newest_records_after_wrapping) {
  fakes::FakeBoard board;
  EventLog log = make_log(board);
  ASSERT_TRUE(log.mount());
  const std::uint32_t total = 5 * static_cast<std::uint32_t>(log.capacity()) + 77;
  for (std::uint32_t n = 0; n < total; ++n) {
    ASSERT_TRUE(append_for(log, n));
    ASSERT_GE(log.next_sequence() - log.first_sequence(), std::min<std::uint32_t>(n + 1, 1000));
    ASSERT_LE(log.next_sequence() - log.first_sequence(), log.capacity());
  }
  EXPECT_EQ(log.next_sequence(), total);
  expect_all(log);
  LogRecord r;
  EXPECT_FALSE(log.read(log.first_sequence() - 1, r));  // overwritten
  EXPECT_FALSE(log.read(0, r));
}

TEST(ST_3_event_log, sequence_numbers_and_records_survive_a_reset) {
  for (const std::uint32_t total : {0u, 1u, 127u, 128u, 129u, 1152u, 1153u, 3000u}) {
    fakes::FakeBoard b;
    {
      EventLog log = make_log(b);
      for (std::uint32_t n = 0; n < total; ++n) ASSERT_TRUE(append_for(log, n));
    }
    EventLog after = make_log(b);
    ASSERT_TRUE(after.mount());
    EXPECT_EQ(after.next_sequence(), total);
    EXPECT_GE(after.next_sequence() - after.first_sequence(), std::min(total, 1000u));
    expect_all(after);
    ASSERT_TRUE(append_for(after, total));  // numbering goes on
    expect_record(after, total);
  }
}

TEST(ST_3_event_log, clear_forgets_every_record_and_numbering_goes_on_across_a_reset) {
  fakes::FakeBoard board;
  EventLog log = make_log(board);
  for (std::uint32_t n = 0; n < 1500; ++n) ASSERT_TRUE(append_for(log, n));
  ASSERT_TRUE(log.clear());
  EXPECT_EQ(log.first_sequence(), log.next_sequence());
  EXPECT_EQ(log.next_sequence(), 1501u);  // the clear mark took one number
  LogRecord r;
  EXPECT_FALSE(log.read(1499, r));
  EXPECT_FALSE(log.read(1500, r));  // the mark is no record
  {
    EventLog after = make_log(board);
    ASSERT_TRUE(after.mount());
    EXPECT_EQ(after.first_sequence(), 1501u);
    EXPECT_EQ(after.next_sequence(), 1501u);
    EXPECT_FALSE(after.read(1499, r));
    for (std::uint32_t n = 1501; n < 1600; ++n) ASSERT_TRUE(append_for(after, n));
  }
  EventLog after = make_log(board);
  ASSERT_TRUE(after.mount());
  EXPECT_EQ(after.first_sequence(), 1501u);
  EXPECT_EQ(after.next_sequence(), 1600u);
  expect_all(after);
  // Long after, when the mark itself has been overwritten, numbering still goes on.
  for (std::uint32_t n = 1600; n < 4000; ++n) ASSERT_TRUE(append_for(after, n));
  EventLog later = make_log(board);
  ASSERT_TRUE(later.mount());
  EXPECT_EQ(later.next_sequence(), 4000u);
  EXPECT_GE(later.next_sequence() - later.first_sequence(), 1000u);
  expect_all(later);
}

TEST(ST_3_event_log, clear_of_an_empty_log_and_twice_in_a_row) {
  fakes::FakeBoard board;
  EventLog log = make_log(board);
  ASSERT_TRUE(log.clear());
  ASSERT_TRUE(log.clear());
  EXPECT_EQ(log.first_sequence(), 2u);
  EXPECT_EQ(log.next_sequence(), 2u);
  EventLog after = make_log(board);
  ASSERT_TRUE(after.mount());
  EXPECT_EQ(after.first_sequence(), 2u);
  EXPECT_EQ(after.next_sequence(), 2u);
}

TEST(ST_3_event_log, wears_its_sectors_evenly_and_touches_no_other) {
  fakes::FakeBoard board;
  EventLog log = make_log(board);
  const std::uint32_t total = 20 * static_cast<std::uint32_t>(log.capacity());
  for (std::uint32_t n = 0; n < total; ++n) ASSERT_TRUE(append_for(log, n));
  std::uint32_t lo = 0xFFFFFFFFu;
  std::uint32_t hi = 0;
  for (std::size_t s = 0; s < board.flash.sector_count(); ++s) {
    const std::uint32_t e = board.flash.erase_count(s);
    if (s < kLayout.log_sector || s >= std::size_t{kLayout.log_sector} + kLayout.log_sectors) {
      EXPECT_EQ(e, 0u) << s;
      continue;
    }
    lo = std::min(lo, e);
    hi = std::max(hi, e);
  }
  EXPECT_GE(lo, 19u);
  EXPECT_LE(hi - lo, 1u);
}

TEST(ST_3_event_log, a_damaged_record_is_never_read_and_the_rest_are) {
  fakes::FakeBoard board;
  {
    EventLog log = make_log(board);
    for (std::uint32_t n = 0; n < 200; ++n) ASSERT_TRUE(append_for(log, n));
  }
  const std::size_t base = kLayout.log_sector * fakes::FakeBoard::kSectorSize;
  board.memory[base + 50 * EventLog::kRecordSize + 12] ^= 0x04;  // one bit of record 50
  EventLog log = make_log(board);
  ASSERT_TRUE(log.mount());
  EXPECT_EQ(log.next_sequence(), 200u);
  LogRecord r;
  EXPECT_FALSE(log.read(50, r));
  for (std::uint32_t n = 0; n < 200; ++n) {
    if (n != 50) expect_record(log, n);
  }
}

TEST(ST_3_event_log, a_ring_of_one_sector_or_beyond_the_flash_keeps_nothing) {
  fakes::FakeBoard board;
  EventLog one(board, 4, 1);
  EXPECT_FALSE(one.mount());
  EXPECT_FALSE(append_for(one, 0));
  LogRecord r;
  EXPECT_FALSE(one.read(0, r));
  EventLog outside(board, 14, 4);  // sectors 16 and 17 do not exist
  outside.mount();
  for (std::uint32_t n = 0; n < 2 * 128; ++n) ASSERT_TRUE(append_for(outside, n));
  EXPECT_FALSE(append_for(outside, 256));
  EXPECT_EQ(outside.dropped(), 1u);
  EXPECT_EQ(outside.next_sequence(), 256u);
}

// ---- in the BMS ---------------------------------------------------------------------------

TEST(ST_3_bms, events_go_to_the_flash_log_with_the_time_the_host_set) {
  fakes::FakeBoard board;
  const PackConfig config;
  fakes::EventLog seen;
  EventLog log(board, config.flash.log_sector, config.flash.log_sectors);
  ASSERT_TRUE(log.mount());
  EventFanout both(log, seen);
  Bms bms(board.hardware(), config, both);
  bms.start();
  ASSERT_EQ(seen.events.size(), 1u);  // power on
  ASSERT_EQ(log.next_sequence(), 1u);
  LogRecord r;
  ASSERT_TRUE(log.read(0, r));
  EXPECT_EQ(r.code, seen.events[0].code());
  EXPECT_EQ(r.unix_time_s, board.unix_time_s());

  board.advance(5000);
  board.set_unix_time_s(1800000000u);
  board.advance(2000);  // the clock runs on from the value set
  EXPECT_EQ(board.unix_time_s(), 1800000002u);
  ASSERT_TRUE(bms.set_param(ParamId::buzzer_enable, 1).ok());
  ASSERT_EQ(log.next_sequence(), seen.events.size());
  ASSERT_TRUE(log.read(log.next_sequence() - 1, r));
  Event written;
  written.source = static_cast<std::uint8_t>(SystemEvent::ParamsWritten);
  EXPECT_EQ(r.code, written.code());
  EXPECT_EQ(r.unix_time_s, 1800000002u);
  EXPECT_EQ(r.snapshot.max_cell_mV, seen.events.back().snapshot.max_cell_mV);
  EXPECT_EQ(r.snapshot.pack_voltage_mV, seen.events.back().snapshot.pack_voltage_mV);
}

TEST(ST_3_bms, parameters_estimates_and_log_keep_to_their_own_sectors) {
  fakes::FakeBoard board;
  const PackConfig config;
  EventLog log(board, config.flash.log_sector, config.flash.log_sectors);
  {
    Bms bms(board.hardware(), config, log);
    bms.start();
    ASSERT_TRUE(bms.set_param(ParamId::buzzer_enable, 1).ok());
    for (int i = 0; i < 3000; ++i) ASSERT_TRUE(append_for(log, log.next_sequence()));
  }
  const std::size_t end = std::size_t{config.flash.log_sector} + config.flash.log_sectors;
  for (std::size_t s = end; s < board.flash.sector_count(); ++s) {
    EXPECT_EQ(board.flash.erase_count(s), 0u) << s;
  }
  fakes::EventLog seen;
  Bms bms(board.hardware(), config, seen);
  bms.start();
  EXPECT_EQ(bms.params().get(ParamId::buzzer_enable), 1);
  EXPECT_EQ(seen.count(SystemEvent::ParamsCorrupt), 0u);
}

}  // namespace
}  // namespace lfpbms::testing
