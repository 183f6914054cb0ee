// Resistance, capacity and their dependence on temperature and SOC.
#include <gtest/gtest.h>

#include "sim/cell/cell_temperature.hpp"
#include "sim/cell/lfp_cell.hpp"

namespace lfpbms::sim {
namespace {

double r0_at(double temperature_C, double soc = 0.5) {
  LfpCell cell(CellParams{}, soc);
  cell.step(0.0, 0.1, temperature_C);
  return cell.r0_ohm();
}

TEST(TWIN_cell_temperature, r0_follows_the_measured_ratios_in_the_cold) {
  const double r25 = r0_at(25.0);
  EXPECT_NEAR(r25, 0.45e-3, 1e-9);  // the parameter, at mid SOC
  // A123 2 Ah cell: 9 mΩ at 25 °C, 16 at 5, 28 at -5, 65 at -15, 141 at -25 °C.
  EXPECT_NEAR(r0_at(5.0) / r25, 16.0 / 9.0, 0.01);
  EXPECT_NEAR(r0_at(-5.0) / r25, 28.0 / 9.0, 0.01);
  EXPECT_NEAR(r0_at(-15.0) / r25, 65.0 / 9.0, 0.01);
  EXPECT_NEAR(r0_at(-25.0) / r25, 141.0 / 9.0, 0.01);
}

TEST(TWIN_cell_temperature, r0_keeps_falling_when_warm_and_stays_finite_when_very_cold) {
  EXPECT_LT(r0_at(45.0), r0_at(35.0));
  EXPECT_LT(r0_at(35.0), r0_at(25.0));
  EXPECT_GT(r0_at(45.0), 0.5 * r0_at(25.0));
  EXPECT_GT(r0_at(-40.0), r0_at(-25.0));
  EXPECT_DOUBLE_EQ(r0_at(-60.0), r0_at(-40.0));
}

TEST(TWIN_cell_temperature, resistance_rises_toward_both_ends_of_soc) {
  EXPECT_NEAR(r0_at(25.0, 0.0) / r0_at(25.0), 2.0, 0.01);
  EXPECT_NEAR(r0_at(25.0, 0.1) / r0_at(25.0), 1.25, 0.01);
  EXPECT_NEAR(r0_at(25.0, 1.0) / r0_at(25.0), 1.3, 0.01);
  EXPECT_DOUBLE_EQ(r0_at(25.0, 0.3), r0_at(25.0, 0.7));
}

TEST(TWIN_cell_temperature, usable_capacity_falls_in_the_cold) {
  LfpCell cell(CellParams{}, 0.5);
  EXPECT_DOUBLE_EQ(cell.capacity_Ah(), 100.0);
  cell.step(0.0, 0.1, -25.0);
  EXPECT_NEAR(cell.capacity_Ah(), 90.0, 1e-9);
  cell.step(0.0, 0.1, -5.0);
  EXPECT_NEAR(cell.capacity_Ah(), 97.5, 1e-9);
  cell.step(0.0, 0.1, 45.0);
  EXPECT_NEAR(cell.capacity_Ah(), 100.0, 1e-9);
}

TEST(TWIN_cell_temperature, charge_efficiency_drops_below_freezing) {
  EXPECT_DOUBLE_EQ(cell_temperature_factors(25.0).charge_efficiency, 0.99);
  EXPECT_DOUBLE_EQ(cell_temperature_factors(5.0).charge_efficiency, 0.99);
  EXPECT_NEAR(cell_temperature_factors(-15.0).charge_efficiency, 0.97, 1e-12);
  EXPECT_NEAR(cell_temperature_factors(-25.0).charge_efficiency, 0.94, 1e-12);
}

TEST(TWIN_cell_temperature, factors_are_refreshed_only_when_temperature_moves_0_1_K) {
  LfpCell cell(CellParams{}, 0.5);
  cell.step(0.0, 0.1, 5.0);
  const double r_ohm = cell.r0_ohm();
  cell.step(0.0, 0.1, 5.05);
  EXPECT_DOUBLE_EQ(cell.r0_ohm(), r_ohm);
  cell.step(0.0, 0.1, 5.2);
  EXPECT_LT(cell.r0_ohm(), r_ohm);
}

TEST(TWIN_cell_temperature, ocv_follows_the_temperature) {
  LfpCell cell(CellParams{}, 0.5);
  cell.step(0.0, 0.1, -15.0);
  EXPECT_NEAR(cell.ocv_V(), lfp_ocv_V(0.5, -15.0, 0.0), 1e-9);
  cell.step(0.0, 0.1, 40.0);
  EXPECT_NEAR(cell.ocv_V(), lfp_ocv_V(0.5, 40.0, 0.0), 1e-9);
}

}  // namespace
}  // namespace lfpbms::sim
