// The twin's board, the rest of its hal: temperatures and NTC failures, switches into the power
// path, short circuit, indicators, clock and NVM.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/pack/tests/board_rig.hpp"

namespace lfpbms::sim {
namespace {

// ---- temperatures -------------------------------------------------------------------------

TEST(TWIN_board, temperatures_lie_within_their_error_bounds) {
  Rig r(10);
  for (int n = 0; n < 600; ++n) r.thermal.step(1.0, 30.0, 200.0, false, 50.0);
  const auto& cell_C = r.thermal.cell_C();
  for (int n = 0; n < 50; ++n) {
    const hal::TemperatureSample s = temperatures(r.board);
    for (std::size_t k = 0; k < kCellNtcs; ++k) {
      // offset 0.5 °C (1 sigma) and 0.05 °C noise, in 0.1 °C
      EXPECT_NEAR(s.cell_temperature_dC[k], cell_C[ntc_cell(k, 4, 16)] * 10.0, 25.0) << k;
    }
    EXPECT_NEAR(s.mosfet_temperature_dC, r.thermal.mosfet_C() * 10.0, 25.0);
    EXPECT_NEAR(s.ambient_temperature_dC, r.thermal.enclosure_C() * 10.0, 25.0);
  }
}

TEST(TWIN_board, an_open_ntc_reads_below_minus_50_and_a_shorted_one_above_150) {
  Rig r(11);
  for (std::size_t k = 0; k < 6; ++k) {
    r.board.faults = {};
    r.board.faults.ntc_open[k] = true;
    hal::TemperatureSample s = temperatures(r.board);
    std::array<std::int16_t, 6> v = {s.cell_temperature_dC[0], s.cell_temperature_dC[1],
                                     s.cell_temperature_dC[2], s.cell_temperature_dC[3],
                                     s.mosfet_temperature_dC,  s.ambient_temperature_dC};
    for (std::size_t j = 0; j < 6; ++j) {
      if (j == k) {
        EXPECT_LT(v[j], kNtcOpen_dC) << k;  // the firmware's validator threshold
      } else {
        EXPECT_GT(v[j], kNtcOpen_dC) << k << " " << j;
        EXPECT_LT(v[j], kNtcShort_dC) << k << " " << j;
      }
    }
    r.board.faults = {};
    r.board.faults.ntc_short[k] = true;
    s = temperatures(r.board);
    v = {s.cell_temperature_dC[0], s.cell_temperature_dC[1], s.cell_temperature_dC[2],
         s.cell_temperature_dC[3], s.mosfet_temperature_dC,  s.ambient_temperature_dC};
    for (std::size_t j = 0; j < 6; ++j) {
      if (j == k) {
        EXPECT_GT(v[j], kNtcShort_dC) << k;
      } else {
        EXPECT_LT(v[j], kNtcShort_dC) << k << " " << j;
      }
    }
  }
}

TEST(TWIN_board, unused_ntc_inputs_repeat_the_last_fitted_one) {
  Rig r(12, 2);
  r.board.faults.ntc_open[1] = true;
  const hal::TemperatureSample s = temperatures(r.board);
  EXPECT_GT(s.cell_temperature_dC[0], kNtcOpen_dC);
  EXPECT_LT(s.cell_temperature_dC[1], kNtcOpen_dC);
  EXPECT_LT(s.cell_temperature_dC[2], kNtcOpen_dC);  // wired to NTC 2
  EXPECT_LT(s.cell_temperature_dC[3], kNtcOpen_dC);
}

TEST(TWIN_board, ntc_positions_spread_over_the_string) {
  EXPECT_EQ(ntc_cell(0, 4, 16), 2u);
  EXPECT_EQ(ntc_cell(1, 4, 16), 6u);
  EXPECT_EQ(ntc_cell(2, 4, 16), 10u);
  EXPECT_EQ(ntc_cell(3, 4, 16), 14u);
  EXPECT_EQ(ntc_cell(0, 1, 16), 8u);  // one NTC: the middle
  EXPECT_EQ(ntc_cell(0, 2, 16), 4u);
  EXPECT_EQ(ntc_cell(1, 2, 16), 12u);
  for (std::size_t n = 0; n < 4; ++n) EXPECT_EQ(ntc_cell(n, 4, 4), n);  // one per cell
  for (std::size_t series = 4; series <= 16; ++series) {
    for (std::size_t count = 1; count <= 4; ++count) {
      std::size_t last = 0;
      for (std::size_t n = 0; n < count; ++n) {
        const std::size_t c = ntc_cell(n, count, series);
        ASSERT_LT(c, series);
        if (n > 0) {
          EXPECT_GT(c, last) << series << " " << count;  // distinct, in order
        }
        // each sits on a cell overlapping its own share of the string
        EXPECT_GT((c + 1) * count, n * series) << series << " " << count << " " << n;
        EXPECT_LT(c * count, (n + 1) * series) << series << " " << count << " " << n;
        last = c;
      }
    }
  }
}

TEST(TWIN_board, ntcs_read_the_cells_they_sit_on) {
  // Heat the block hard: the middle cells run warmer than the ends; NTC 1 and 4 sit nearer the
  // ends than NTC 2 and 3, and the readings show it.
  Rig r(13, 4, even_pack());
  for (int n = 0; n < 3000; ++n) r.thermal.step(10.0, 0.0, 2000.0, false, 0.0);
  const auto& c = r.thermal.cell_C();
  ASSERT_GT(c[7] - c[0], 5.0);
  double inner = 0, outer = 0;
  for (int n = 0; n < 100; ++n) {
    const hal::TemperatureSample s = temperatures(r.board);
    inner += s.cell_temperature_dC[1] + s.cell_temperature_dC[2];
    outer += s.cell_temperature_dC[0] + s.cell_temperature_dC[3];
  }
  const double expected_gap = (c[6] + c[10] - c[2] - c[14]) * 10.0 * 100;
  EXPECT_NEAR(inner - outer, expected_gap, 20.0 * 100);  // 4 offsets of 0.5 °C
}

// ---- switches, short circuit, indicators ---------------------------------------------------

TEST(TWIN_board, switch_commands_reach_the_power_path_and_the_heater) {
  Rig r;
  hal::SwitchCommand c;
  c.charge_fet = true;
  c.precharge = true;
  c.heater = true;
  r.board.apply(c);
  EXPECT_TRUE(r.path.gates().charge_fet);
  EXPECT_FALSE(r.path.gates().discharge_fet);
  EXPECT_TRUE(r.path.gates().precharge);
  EXPECT_TRUE(r.board.heater_on());
  r.board.apply({});
  EXPECT_FALSE(r.board.heater_on());
  EXPECT_FALSE(r.path.gates().charge_fet);
}

TEST(TWIN_board, balancing_mask_reaches_the_pack) {
  Rig r;
  r.board.set_balancing(0x8421);
  EXPECT_EQ(r.pack.balancing(), 0x8421);
}

TEST(TWIN_board, short_circuit_threshold_reaches_the_comparator) {
  Rig r;
  r.board.configure_short_circuit(120000, 300);
  hal::SwitchCommand c;
  c.charge_fet = c.discharge_fet = true;
  r.path.command(c);
  // The bus tells the comparator what flowed (sim/bank/dc_bus.hpp).
  EXPECT_FALSE(r.path.sense(-119.0));
  EXPECT_TRUE(r.path.discharge_closed());
  EXPECT_TRUE(r.path.sense(-121.0));
  EXPECT_FALSE(r.path.discharge_closed());
}

TEST(TWIN_board, short_circuit_calls_the_handler) {
  Rig r;
  int calls = 0;
  r.board.short_circuit();  // no handler: nothing happens
  r.board.set_short_circuit_handler([&] { ++calls; });
  r.board.short_circuit();
  r.board.short_circuit();
  EXPECT_EQ(calls, 2);
}

TEST(TWIN_board, indicators_button_and_contacts) {
  Rig r;
  hal::IndicatorFrame f;
  f.run = hal::LedPattern::Flash1;
  f.buzzer = hal::BuzzerPattern::Alarm;
  r.board.show(f);
  EXPECT_EQ(r.board.frame(), f);
  EXPECT_FALSE(r.board.pressed());
  r.board.set_button(true);
  EXPECT_TRUE(r.board.pressed());
  hal::ContactCommand k;
  k.relay2_energised = true;
  r.board.set_contacts(k);
  EXPECT_TRUE(r.board.contacts().relay2_energised);
  EXPECT_FALSE(r.board.contacts().relay1_energised);
  EXPECT_FALSE(r.board.rapid_shutdown());
  EXPECT_FALSE(r.board.passive_input());
}

// ---- clock and NVM ------------------------------------------------------------------------

TEST(TWIN_board, clock_runs_from_the_simulation_and_the_wall_clock_starts_in_april_2026) {
  Rig r;
  EXPECT_EQ(r.board.now_ms(), 0u);
  EXPECT_EQ(r.board.unix_time_s(), 1774972800u);  // 2026-04-01 00:00 UTC
  r.board.set_time_ms(86'400'000 + 1999);
  EXPECT_EQ(r.board.now_ms(), 86'401'999u);
  EXPECT_EQ(r.board.unix_time_s(), 1774972800u + 86401u);
}

TEST(TWIN_board, the_host_sets_the_wall_clock_and_it_runs_on_from_there) {
  Rig r;
  r.board.set_time_ms(10'000);
  r.board.set_unix_time_s(1800000000u);
  EXPECT_EQ(r.board.unix_time_s(), 1800000000u);
  r.board.set_time_ms(10'000 + 3'600'000);
  EXPECT_EQ(r.board.unix_time_s(), 1800000000u + 3600u);
  EXPECT_EQ(r.board.now_ms(), 3'610'000u);  // the monotonic clock is not touched
}

TEST(TWIN_board, flash_starts_erased_and_programs_only_erased_words) {
  Rig r;
  hal::Nvm& nvm = r.board.nvm();
  ASSERT_EQ(nvm.size(), 16u * 4096u);
  ASSERT_EQ(nvm.sector_size(), 4096u);
  std::vector<std::uint8_t> buf(16, 0);
  ASSERT_TRUE(nvm.read(100, buf.data(), buf.size()));
  for (auto b : buf) EXPECT_EQ(b, 0xFF);
  const std::uint8_t data[] = {1, 2, 3, 4, 5, 6, 7, 8};
  const std::size_t last = nvm.size() - 8;
  ASSERT_TRUE(nvm.program(last, data, 8));  // up to the last byte
  std::uint8_t back[8] = {};
  ASSERT_TRUE(nvm.read(last, back, 8));
  for (int i = 0; i < 8; ++i) EXPECT_EQ(back[i], data[i]);
  ASSERT_TRUE(nvm.read(last - 1, back, 1));
  EXPECT_EQ(back[0], 0xFF);                  // neighbours untouched
  EXPECT_FALSE(nvm.program(last, data, 4));  // not erased
  ASSERT_TRUE(nvm.erase_sector(15));
  EXPECT_TRUE(nvm.program(last, data, 4));
  EXPECT_EQ(r.board.flash().erase_count(15), 1u);
}

TEST(TWIN_board, flash_refuses_access_beyond_its_end) {
  Rig r;
  hal::Nvm& nvm = r.board.nvm();
  const std::size_t size = nvm.size();
  std::uint8_t buf[8] = {7, 7, 7, 7, 7, 7, 7, 7};
  EXPECT_FALSE(nvm.program(size - 4, buf, 8));
  EXPECT_FALSE(nvm.read(size - 4, buf, 8));
  EXPECT_FALSE(nvm.program(size, buf, 4));
  EXPECT_FALSE(nvm.read(size + 100, buf, 1));
  EXPECT_FALSE(nvm.erase_sector(16));
  EXPECT_TRUE(nvm.read(size, buf, 0));  // an empty access at the end
  // Offsets so large that offset + length wraps around.
  const std::size_t huge = std::numeric_limits<std::size_t>::max() - 3;
  EXPECT_FALSE(nvm.program(huge, buf, 8));
  EXPECT_FALSE(nvm.read(huge - 1, buf, 8));
  // The refused partial write changed nothing.
  std::uint8_t back[4];
  ASSERT_TRUE(nvm.read(size - 4, back, 4));
  for (auto b : back) EXPECT_EQ(b, 0xFF);
}

TEST(TWIN_board, hardware_bundle_points_at_the_board) {
  Rig r;
  hal::Hardware hw = r.board.hardware();
  hw.clock.now_ms();
  r.board.set_time_ms(500);
  EXPECT_EQ(hw.clock.now_ms(), 500u);
  hal::CurrentSample s;
  r.board.set_truth({20.0, 0, 20.0});
  ASSERT_TRUE(hw.current.read(s));
  EXPECT_NEAR(s.current_mA, 20000, 500);
  EXPECT_EQ(&hw.nvm, &r.board.nvm());
}

TEST(TWIN_board, same_seed_same_readings) {
  Rig a(14);
  Rig b(14);
  for (int n = 0; n < 20; ++n) {
    const hal::CellSample sa = cells(a.board);
    const hal::CellSample sb = cells(b.board);
    EXPECT_EQ(sa.cell_voltage_mV, sb.cell_voltage_mV);
    EXPECT_EQ(sa.pack_voltage_mV, sb.pack_voltage_mV);
    EXPECT_EQ(current(a.board).current_mA, current(b.board).current_mA);
  }
}

}  // namespace
}  // namespace lfpbms::sim
