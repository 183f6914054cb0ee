// Passive balancing (BA-1): where it starts and stops, which cells bleed, and when it must not
// run, at the boundaries of its settings; then through the pipeline to the front end.
#include <gtest/gtest.h>

#include "bms_rig.hpp"

namespace lfpbms::testing {
namespace {

// 16 cells at `base_mV` except cell 3 (index 2) at `high_mV`, charging at 10 A, 25 °C.
struct BalanceCase {
  ParamSet params{16};
  Balancer balancer;
  Measurements m;
  BalanceCase() {
    m.cell_count = 16;
    m.current_mA = 10000;
    m.max_cell_temperature_dC = m.min_cell_temperature_dC = 250;
    cells(3440, 3470);
  }
  void cells(std::uint16_t base_mV, std::uint16_t high_mV) {
    m.cell_voltage_mV.fill(base_mV);
    m.cell_voltage_mV[2] = high_mV;
    m.min_cell_mV = base_mV;
    m.max_cell_mV = high_mV;
  }
  std::uint16_t mask(bool allowed = true) { return balancer.update({&m, allowed}, params); }
};

constexpr std::uint16_t kCell3 = 1u << 2;

TEST(BA_1_start, at_the_start_voltage_and_spread) {
  BalanceCase c;  // 3470 mV, spread 30 mV
  EXPECT_EQ(c.mask(), kCell3);
  EXPECT_TRUE(c.balancer.active());
}

TEST(BA_1_start, not_one_millivolt_below_the_start_voltage) {
  BalanceCase c;
  c.cells(3420, 3449);
  EXPECT_EQ(c.mask(), 0);
}

TEST(BA_1_start, not_one_millivolt_below_the_start_spread) {
  BalanceCase c;
  c.cells(3441, 3470);  // spread 29 mV
  EXPECT_EQ(c.mask(), 0);
}

TEST(BA_1_stop, keeps_going_above_the_stop_spread_and_stops_at_it) {
  BalanceCase c;
  c.mask();
  c.cells(3440, 3461);  // spread 21 mV: still above the stop spread
  EXPECT_EQ(c.mask(), kCell3);
  c.cells(3440, 3460);  // 20 mV
  EXPECT_EQ(c.mask(), 0);
  EXPECT_FALSE(c.balancer.active());
  c.cells(3440, 3469);  // hysteresis: 29 mV does not restart it
  EXPECT_EQ(c.mask(), 0);
}

TEST(BA_1_cells, every_cell_above_the_lowest_plus_the_stop_spread_bleeds) {
  BalanceCase c;
  c.m.cell_voltage_mV[7] = 3461;  // 21 mV above the lowest: bleeds
  c.m.cell_voltage_mV[9] = 3460;  // 20 mV: does not
  EXPECT_EQ(c.mask(), kCell3 | (1u << 7));
}

TEST(BA_1_static, runs_at_rest_but_never_while_discharging) {
  BalanceCase c;
  c.m.current_mA = 0;
  EXPECT_EQ(c.mask(), kCell3) << "static balancing in a non-discharging state";
  c.m.current_mA = -1;
  EXPECT_EQ(c.mask(), 0);
}

TEST(BA_1_temperature, forbidden_above_50_c_and_below_0_c) {
  BalanceCase c;
  c.m.max_cell_temperature_dC = 500;
  EXPECT_EQ(c.mask(), kCell3);
  c.m.max_cell_temperature_dC = 501;
  EXPECT_EQ(c.mask(), 0);
  c.m.max_cell_temperature_dC = 250;
  c.m.min_cell_temperature_dC = 0;
  EXPECT_EQ(c.mask(), kCell3);
  c.m.min_cell_temperature_dC = -1;
  EXPECT_EQ(c.mask(), 0);
}

TEST(BA_1_guard, nothing_on_untrusted_readings_or_in_failure_mode) {
  BalanceCase c;
  c.m.faults = kCellLineOpen;
  EXPECT_EQ(c.mask(), 0);
  c.m.faults = 0;
  EXPECT_EQ(c.mask(false), 0);
}

TEST(BA_1_settings, levels_are_parameters) {
  BalanceCase c;
  ASSERT_TRUE(c.params.write(ParamId::bal_start_mV, 3480).ok());
  EXPECT_EQ(c.mask(), 0);
  c.cells(3450, 3480);
  EXPECT_EQ(c.mask(), kCell3);
}

TEST(BA_1_pipeline, the_front_end_gets_the_mask_and_the_status_shows_it) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_cells(3440);
  rig.board.set_cell(2, 3480);
  rig.board.set_current(5000);
  rig.run_ms(1500);
  EXPECT_EQ(rig.board.balancing, kCell3);
  EXPECT_EQ(rig.status().balancing_mask, kCell3);
  rig.board.set_current(-5000);
  rig.run_ms(1500);
  EXPECT_EQ(rig.board.balancing, 0) << "no bleeding while discharging";
}

}  // namespace
}  // namespace lfpbms::testing
