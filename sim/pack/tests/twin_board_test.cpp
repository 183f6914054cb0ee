// The twin's board: every firmware/hal interface over the twin's truth, with the sensor models
// (offsets, noise, quantisation, failures), the switches into the power path, clock and NVM.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/pack/tests/board_rig.hpp"

namespace lfpbms::sim {
namespace {

// ---- cell voltages ------------------------------------------------------------------------

TEST(TWIN_board, cell_readings_lie_within_their_error_bounds) {
  Rig r;
  r.board.set_truth({-40.0, 50.0, -40.0});
  // Offset 1.5 mV and noise 0.8 mV (1 sigma): 10 mV is beyond 4 sigma of both together.
  for (int n = 0; n < 500; ++n) {
    const hal::CellSample s = cells(r.board);
    EXPECT_FALSE(s.adc_fault);
    EXPECT_EQ(s.open_wire_mask, 0);
    for (std::size_t i = 0; i < 16; ++i) {
      ASSERT_NEAR(s.cell_voltage_mV[i], r.pack.cell_V(i, -40.0) * 1000.0, 10.0) << i;
    }
  }
}

TEST(TWIN_board, cell_readings_are_noisy_around_a_fixed_offset_per_channel) {
  Rig r;
  constexpr int kReads = 4000;
  std::array<double, 16> sum{}, sq{};
  for (int n = 0; n < kReads; ++n) {
    const hal::CellSample s = cells(r.board);
    for (std::size_t i = 0; i < 16; ++i) {
      const double e = s.cell_voltage_mV[i] - r.pack.cell_V(i, 0) * 1000.0;
      sum[i] += e;
      sq[i] += e * e;
    }
  }
  double offsets_sq = 0;
  for (std::size_t i = 0; i < 16; ++i) {
    const double mean = sum[i] / kReads;
    const double sigma = std::sqrt(sq[i] / kReads - mean * mean);
    // 0.8 mV of noise plus the 1 mV step's own 0.29 mV
    EXPECT_GT(sigma, 0.7) << i;
    EXPECT_LT(sigma, 1.0) << i;
    EXPECT_LT(std::abs(mean), 7.0) << i;
    offsets_sq += mean * mean;
  }
  const double offset_rms = std::sqrt(offsets_sq / 16);
  EXPECT_GT(offset_rms, 0.5);  // 1.5 mV sigma: the channels do not all agree
  EXPECT_LT(offset_rms, 3.0);
}

TEST(TWIN_board, cell_readings_are_quantised_to_1_mV_by_rounding) {
  // Two boards with the same seed see the same offsets and noise; the truth of the second is
  // shifted through R0 (the same for every cell here).
  Rig a(5, 4, even_pack());
  Rig b(5, 4, even_pack());
  const double r0 = a.pack.cell(0).r0_ohm();
  for (std::size_t i = 0; i < 16; ++i) ASSERT_DOUBLE_EQ(a.pack.cell(i).r0_ohm(), r0);
  const double one_mV_A = 1e-3 / r0;
  b.board.set_truth({0, 0, one_mV_A});
  for (int n = 0; n < 200; ++n) {
    const hal::CellSample sa = cells(a.board);
    const hal::CellSample sb = cells(b.board);
    for (std::size_t i = 0; i < 16; ++i) {
      EXPECT_EQ(sb.cell_voltage_mV[i] - sa.cell_voltage_mV[i], 1) << i;
    }
  }
  // Half a millivolt: rounding moves some readings up by one step and leaves the others.
  Rig c(5, 4, even_pack());
  c.board.set_truth({0, 0, 0.5 * one_mV_A});
  Rig d(5, 4, even_pack());
  std::set<int> steps;
  double shift = 0;
  constexpr int kReads = 2000;
  for (int n = 0; n < kReads; ++n) {
    const hal::CellSample sc = cells(c.board);
    const hal::CellSample sd = cells(d.board);
    for (std::size_t i = 0; i < 16; ++i) {
      const int step = sc.cell_voltage_mV[i] - sd.cell_voltage_mV[i];
      steps.insert(step);
      shift += step;
    }
  }
  EXPECT_EQ(steps, (std::set<int>{0, 1}));
  EXPECT_NEAR(shift / (16.0 * kReads), 0.5, 0.05);  // the noise dithers: the mean follows
}

TEST(TWIN_board, mean_cell_reading_has_no_rounding_bias) {
  // Averaged over the channels' offsets (zero mean) and many reads, the error is the mean of
  // the 16 offsets: within 1.5 mV / 4 * 3. Truncation would add -0.5 mV.
  double sum = 0;
  int n = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Rig r(seed);
    for (int k = 0; k < 100; ++k) {
      const hal::CellSample s = cells(r.board);
      for (std::size_t i = 0; i < 16; ++i, ++n) {
        sum += s.cell_voltage_mV[i] - r.pack.cell_V(i, 0) * 1000.0;
      }
    }
  }
  EXPECT_NEAR(sum / n, 0.0, 0.3);  // 320 offsets: sigma of their mean 0.08 mV
}

TEST(TWIN_board, cell_voltage_follows_the_pack_current_through_r0) {
  Rig r(6);
  r.board.set_truth({100.0, 0, 100.0});
  const hal::CellSample s = cells(r.board);
  for (std::size_t i = 0; i < 16; ++i) {
    EXPECT_NEAR(s.cell_voltage_mV[i], r.pack.cell_V(i, 100.0) * 1000.0, 10.0);
    EXPECT_GT(r.pack.cell_V(i, 100.0) - r.pack.cell_V(i, 0), 0.03);  // >= 100 A * 0.3 mOhm
  }
}

TEST(TWIN_board, an_open_sense_line_reads_zero_and_sets_the_mask) {
  Rig r;
  r.board.faults.open_lines = 1u << 3 | 1u << 15;
  const hal::CellSample s = cells(r.board);
  EXPECT_EQ(s.open_wire_mask, 1u << 3 | 1u << 15);
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 3 || i == 15) {
      EXPECT_EQ(s.cell_voltage_mV[i], 0);
    } else {
      EXPECT_GT(s.cell_voltage_mV[i], kCellMin_mV);
    }
  }
  r.board.faults.open_lines = 0;
  EXPECT_EQ(cells(r.board).open_wire_mask, 0);
}

TEST(TWIN_board, pack_and_terminal_voltage_lie_within_their_error_bounds) {
  Rig r;
  r.board.set_truth({0, 53.2, 0});
  const double sum_mV = r.pack.internal_V() * 1000.0;
  for (int n = 0; n < 300; ++n) {
    const hal::CellSample s = cells(r.board);
    // gain error 0.2 % plus 15 mV of noise
    EXPECT_NEAR(static_cast<double>(s.pack_voltage_mV), sum_mV * 1.002, 15.0 * 5);
    EXPECT_NEAR(s.terminal_voltage_mV, 53200, 20.0 * 5);
  }
  r.board.set_truth({0, -48.0, 0});  // a source in reverse
  EXPECT_NEAR(cells(r.board).terminal_voltage_mV, -48000, 20.0 * 5);
  r.board.set_truth({0, 0.0, 0});
  EXPECT_NEAR(cells(r.board).terminal_voltage_mV, 0, 20.0 * 5);
}

// ---- current ------------------------------------------------------------------------------

TEST(TWIN_board, current_reading_lies_within_its_error_bounds) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    Rig r(seed);
    for (double a : {-150.0, -20.0, 0.0, 3.0, 100.0}) {
      r.board.set_truth({a, 0, a});
      const hal::CurrentSample s = current(r.board);
      EXPECT_FALSE(s.fault);
      // gain 0.4 %, offset 50 mA, noise 30 mA (1 sigma): 4.5 sigma of each
      EXPECT_NEAR(s.current_mA, a * 1000.0, 18.0 * std::abs(a) + 225 + 135) << seed << " " << a;
    }
  }
}

TEST(TWIN_board, current_reading_is_noisy_around_gain_and_offset) {
  Rig r(7);
  constexpr int kReads = 4000;
  double sum = 0, sq = 0;
  r.board.set_truth({10.0, 0, 10.0});
  for (int n = 0; n < kReads; ++n) {
    const double e = current(r.board).current_mA - 10000.0;
    sum += e;
    sq += e * e;
  }
  const double mean = sum / kReads;
  EXPECT_NEAR(std::sqrt(sq / kReads - mean * mean), 30.0, 4.0);
  EXPECT_LT(std::abs(mean), 250.0);
}

TEST(TWIN_board, a_stuck_current_sensor_holds_its_last_reading) {
  Rig r(8);
  r.board.set_truth({12.0, 0, 12.0});
  const std::int32_t last = current(r.board).current_mA;
  r.board.faults.current_stuck = true;
  for (double a : {50.0, -80.0, 0.0}) {
    r.board.set_truth({a, 0, a});
    for (int n = 0; n < 5; ++n) EXPECT_EQ(current(r.board).current_mA, last);
  }
  r.board.faults.current_stuck = false;
  r.board.set_truth({-80.0, 0, -80.0});
  EXPECT_NEAR(current(r.board).current_mA, -80000, 1000);
}

TEST(TWIN_board, a_current_offset_adds_to_the_reading) {
  Rig a(9);
  Rig b(9);
  b.board.faults.current_offset_A = 5.0;
  for (double amps : {-30.0, 0.0, 42.0}) {
    a.board.set_truth({amps, 0, amps});
    b.board.set_truth({amps, 0, amps});
    EXPECT_EQ(current(b.board).current_mA - current(a.board).current_mA, 5000) << amps;
  }
  // An offset on a stuck sensor still adds.
  a.board.faults.current_stuck = b.board.faults.current_stuck = true;
  b.board.faults.current_offset_A = -2.0;
  EXPECT_EQ(current(b.board).current_mA - current(a.board).current_mA, -2000);
}

}  // namespace
}  // namespace lfpbms::sim
