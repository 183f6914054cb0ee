// The replay's board shows the firmware what the replay set, and keeps what the firmware
// commands without acting on it.
#include <gtest/gtest.h>

#include "sim/replay/replay_board.hpp"

namespace lfpbms::sim {
namespace {

TEST(REPLAY_board, shows_the_row_on_the_pack_s_cells_only) {
  ReplayBoard board(4);
  std::array<std::uint16_t, kMaxCells> mV{};
  mV.fill(3300);
  mV[1] = 3250;
  board.set_cells_mV(mV);
  hal::CellSample s;
  ASSERT_TRUE(board.read(s));
  EXPECT_EQ(s.cell_voltage_mV[1], 3250);
  EXPECT_EQ(s.cell_voltage_mV[4], 0);  // beyond the series count: unconnected
  EXPECT_EQ(s.pack_voltage_mV, 3 * 3300u + 3250u);
  EXPECT_EQ(s.terminal_voltage_mV, static_cast<std::int32_t>(s.pack_voltage_mV));
  EXPECT_EQ(s.open_wire_mask, 0);
  EXPECT_FALSE(s.adc_fault);
}

TEST(REPLAY_board, current_temperatures_and_clock_come_from_the_replay) {
  ReplayBoard board(16);
  board.set_current_mA(-42000);
  board.set_temperature_dC(-55);
  board.set_time_ms(12345);
  hal::CurrentSample c;
  hal::TemperatureSample t;
  ASSERT_TRUE(board.read(c));
  ASSERT_TRUE(board.read(t));
  EXPECT_EQ(c.current_mA, -42000);
  EXPECT_FALSE(c.fault);
  for (auto dC : t.cell_temperature_dC) EXPECT_EQ(dC, -55);
  EXPECT_EQ(t.mosfet_temperature_dC, -55);
  EXPECT_EQ(t.ambient_temperature_dC, -55);
  EXPECT_EQ(board.now_ms(), 12345u);
}

TEST(REPLAY_board, keeps_switch_and_bleed_commands) {
  ReplayBoard board(16);
  hal::SwitchCommand cmd;
  cmd.discharge_fet = true;
  board.apply(cmd);
  board.set_balancing(0x0005);
  EXPECT_TRUE(board.switches().discharge_fet);
  EXPECT_FALSE(board.switches().charge_fet);
  EXPECT_EQ(board.balancing_mask(), 0x0005);
}

TEST(REPLAY_board, flash_starts_erased_and_refuses_writes_past_its_end) {
  ReplayBoard board(16);
  hal::Nvm& nvm = board.nvm();
  EXPECT_EQ(nvm.sector_size(), 4096u);
  std::uint8_t b[4] = {1, 2, 3, 4};
  ASSERT_TRUE(nvm.program(8, b, 4));
  std::uint8_t r[6] = {};
  ASSERT_TRUE(nvm.read(6, r, 6));
  EXPECT_EQ(r[0], 0xFF);
  EXPECT_EQ(r[2], 1);
  EXPECT_EQ(r[5], 4);
  EXPECT_FALSE(nvm.program(nvm.size() - 4, b, 8));
  EXPECT_FALSE(nvm.read(nvm.size() + 1, r, 1));
}

TEST(REPLAY_board, the_wall_clock_runs_on_from_the_time_set) {
  ReplayBoard board(16);
  board.set_time_ms(60'000);
  board.set_unix_time_s(1800000000u);
  board.set_time_ms(70'000);
  EXPECT_EQ(board.unix_time_s(), 1800000010u);
}

}  // namespace
}  // namespace lfpbms::sim
