// A scenario's [sensors] table fixes the front end's errors: the shunt's gain and offset
// exactly, the cell noise's sigma, per-channel cell and per-NTC offsets within their bounds;
// without it the board draws them as always.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "sim/pack/tests/board_rig.hpp"

namespace lfpbms::sim {
namespace {

// Mean and sigma of `reads` readings, each an error against the truth.
template <typename Read>
std::pair<double, double> mean_sigma(int reads, Read read) {
  double sum = 0, sq = 0;
  for (int n = 0; n < reads; ++n) {
    const double e = read();
    sum += e;
    sq += e * e;
  }
  const double mean = sum / reads;
  return {mean, std::sqrt(sq / reads - mean * mean)};
}

TEST(TWIN_board_errors, fixed_gain_and_offset_replace_the_drawn_ones) {
  SensorSetup sensors;
  sensors.current_gain_error_pct = 1.0;
  sensors.current_offset_A = 0.3;
  for (std::uint64_t seed : {1, 2, 3}) {
    Rig r(seed, 4, {}, sensors);
    for (double a : {-100.0, 0.0, 50.0}) {
      r.board.set_truth({a, 0, a});
      // 30 mA of noise: the mean of 400 reads is within 2 mA of a * 1.01 + 0.3 A.
      const auto [mean, sigma] =
          mean_sigma(400, [&] { return current(r.board).current_mA / 1000.0; });
      EXPECT_NEAR(mean, a * 1.01 + 0.3, 0.006) << seed << " " << a;
      EXPECT_NEAR(sigma, 0.030, 0.005);
    }
  }
}

TEST(TWIN_board_errors, cell_noise_takes_the_sigma_given) {
  SensorSetup sensors;
  sensors.cell_noise_mV = 5.0;
  Rig r(4, 4, {}, sensors);
  const double truth_mV = r.pack.cell_V(2, 0) * 1000.0;
  const auto [mean, sigma] =
      mean_sigma(4000, [&] { return cells(r.board).cell_voltage_mV[2] - truth_mV; });
  EXPECT_NEAR(sigma, 5.0, 0.3);  // 4000 reads: 1.1 % of sigma; the 1 mV step adds 0.3 %
  EXPECT_LT(std::abs(mean), 7.0);
}

TEST(TWIN_board_errors, cell_offsets_are_fixed_per_channel_within_the_bound) {
  SensorSetup sensors;
  sensors.cell_offset_mV = 10.0;
  sensors.cell_noise_mV = 0.0;  // the offsets alone, but for the 1 mV rounding
  Rig r(5, 4, {}, sensors);
  double lowest = 1e9, highest = -1e9;
  const hal::CellSample first = cells(r.board);
  for (std::size_t i = 0; i < 16; ++i) {
    const double offset_mV = first.cell_voltage_mV[i] - r.pack.cell_V(i, 0) * 1000.0;
    EXPECT_LE(std::abs(offset_mV), 10.5) << i;
    lowest = std::min(lowest, offset_mV);
    highest = std::max(highest, offset_mV);
  }
  EXPECT_GT(highest - lowest, 5.0);  // 16 uniform draws over 20 mV do not bunch up
  for (int n = 0; n < 20; ++n) {
    const hal::CellSample again = cells(r.board);
    EXPECT_EQ(again.cell_voltage_mV, first.cell_voltage_mV) << "noise 0: the same each time";
  }
}

TEST(TWIN_board_errors, ntc_offsets_are_fixed_per_sensor_within_the_bound) {
  SensorSetup sensors;
  sensors.temperature_error_C = 2.0;
  double widest_C = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Rig r(seed, 4, {}, sensors);
    const hal::TemperatureSample s = temperatures(r.board);
    const auto& cell_C = r.thermal.cell_C();
    for (std::size_t n = 0; n < 4; ++n) {
      const double error_C = s.cell_temperature_dC[n] / 10.0 - cell_C[ntc_cell(n, 4, 16)];
      // 2 °C plus the NTC's noise (0.05 °C) and the 0.1 °C step
      EXPECT_LE(std::abs(error_C), 2.3) << seed << " " << n;
      widest_C = std::max(widest_C, std::abs(error_C));
    }
    EXPECT_LE(std::abs(s.mosfet_temperature_dC / 10.0 - r.thermal.mosfet_C()), 2.3);
  }
  EXPECT_GT(widest_C, 1.5);  // 80 uniform draws reach near the bound
}

TEST(TWIN_board_errors, without_a_table_the_board_draws_as_before) {
  // The same seed with and without an empty table: the same errors and the same noise.
  Rig a(6);
  Rig b(6, 4, {}, SensorSetup{});
  for (int n = 0; n < 50; ++n) {
    a.board.set_truth({20.0, 0, 20.0});
    b.board.set_truth({20.0, 0, 20.0});
    EXPECT_EQ(cells(a.board).cell_voltage_mV, cells(b.board).cell_voltage_mV);
    EXPECT_EQ(current(a.board).current_mA, current(b.board).current_mA);
    EXPECT_EQ(temperatures(a.board).cell_temperature_dC, temperatures(b.board).cell_temperature_dC);
  }
}

TEST(TWIN_board_errors, a_fixed_error_leaves_the_other_draws_alone) {
  SensorSetup sensors;
  sensors.current_offset_A = 0.0;
  Rig a(7);
  Rig b(7, 4, {}, sensors);
  // Only the shunt offset differs: cell readings and their noise are the same.
  for (int n = 0; n < 50; ++n) {
    EXPECT_EQ(cells(a.board).cell_voltage_mV, cells(b.board).cell_voltage_mV);
  }
}

}  // namespace
}  // namespace lfpbms::sim
