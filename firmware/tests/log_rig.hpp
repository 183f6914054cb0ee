#pragma once
// Records whose every field follows from their sequence number, so that any record read back
// from the flash log can be checked (ST-3 tests).
#include <gtest/gtest.h>

#include <cstdint>

#include "fake_hardware.hpp"
#include "pack_config.hpp"
#include "storage/event_log.hpp"

namespace lfpbms::testing {

inline const FlashLayout kLayout{};
inline constexpr std::uint32_t kT0 = 1767225600;  // 2026-01-01

// Everything in a record follows from its sequence number, so any record can be checked.
inline EventSnapshot snapshot_for(std::uint32_t n) {
  EventSnapshot s;
  s.max_cell_mV = static_cast<std::uint16_t>(3300 + n % 400);
  s.min_cell_mV = static_cast<std::uint16_t>(2900 + n % 300);
  s.pack_voltage_mV = 48000 + n % 10000;
  s.current_mA = (n % 2 == 0 ? 1 : -1) * static_cast<std::int32_t>(n * 37 % 250000);
  s.max_temperature_dC = static_cast<std::int16_t>(n % 700 - 200);
  s.min_temperature_dC = static_cast<std::int16_t>(-static_cast<int>(n % 500));
  s.mosfet_temperature_dC = static_cast<std::int16_t>(n % 1500);
  s.ambient_temperature_dC = static_cast<std::int16_t>(250 - static_cast<int>(n % 450));
  s.soc_pptt = static_cast<std::int32_t>(n % 10001);
  return s;
}
inline std::uint16_t code_for(std::uint32_t n) {
  return static_cast<std::uint16_t>(0x0300 | (n & 0xFF));
}

inline bool append_for(EventLog& log, std::uint32_t n) {
  return log.append(kT0 + n, code_for(n), snapshot_for(n));
}

inline void expect_record(EventLog& log, std::uint32_t n) {
  LogRecord r;
  ASSERT_TRUE(log.read(n, r)) << n;
  const EventSnapshot want = snapshot_for(n);
  EXPECT_EQ(r.sequence, n);
  EXPECT_EQ(r.unix_time_s, kT0 + n);
  EXPECT_EQ(r.code, code_for(n));
  EXPECT_EQ(r.snapshot.max_cell_mV, want.max_cell_mV) << n;
  EXPECT_EQ(r.snapshot.min_cell_mV, want.min_cell_mV) << n;
  EXPECT_EQ(r.snapshot.pack_voltage_mV, want.pack_voltage_mV) << n;
  EXPECT_EQ(r.snapshot.current_mA, want.current_mA) << n;
  EXPECT_EQ(r.snapshot.max_temperature_dC, want.max_temperature_dC) << n;
  EXPECT_EQ(r.snapshot.min_temperature_dC, want.min_temperature_dC) << n;
  EXPECT_EQ(r.snapshot.mosfet_temperature_dC, want.mosfet_temperature_dC) << n;
  EXPECT_EQ(r.snapshot.ambient_temperature_dC, want.ambient_temperature_dC) << n;
  EXPECT_EQ(r.snapshot.soc_pptt, want.soc_pptt) << n;
}

// Every record the log says it keeps reads back whole.
inline void expect_all(EventLog& log) {
  for (std::uint32_t n = log.first_sequence(); n < log.next_sequence(); ++n) {
    expect_record(log, n);
    if (::testing::Test::HasFailure()) return;
  }
}

inline EventLog make_log(fakes::FakeBoard& board) {
  return EventLog(board, kLayout.log_sector, kLayout.log_sectors);
}

}  // namespace lfpbms::testing
