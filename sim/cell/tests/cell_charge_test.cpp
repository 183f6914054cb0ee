// Where the charge goes: coulomb counting, efficiency, self-discharge and the leak.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/cell/lfp_cell.hpp"
#include "sim/cell/tests/cell_test_helpers.hpp"

namespace lfpbms::sim {
namespace {

using test::quiet_params;
using test::run;

TEST(TWIN_cell_charge, integrated_current_equals_soc_change_times_capacity) {
  for (double temperature_C : {25.0, -15.0}) {
    LfpCell cell(quiet_params(), 0.5);
    cell.step(0.0, 0.1, temperature_C);
    const double efficiency = temperature_C > 0.0 ? 0.99 : 0.97;
    double stored_Ah = 0.0;
    // A rough day: mixed charge and discharge pulses of several lengths.
    for (int i = 0; i < 2000; ++i) {
      const double current_A = 80.0 * std::sin(0.37 * i) + 5.0;
      const double passed_Ah = run(cell, current_A, 0.1 * (i % 17 + 1), temperature_C, 0.1);
      stored_Ah += passed_Ah > 0.0 ? passed_Ah * efficiency : passed_Ah;
    }
    EXPECT_NEAR((cell.soc() - 0.5) * cell.capacity_Ah(), stored_Ah, 1e-9) << temperature_C;
  }
}

TEST(TWIN_cell_charge, cold_charging_stores_94_percent_at_minus_25_C) {
  LfpCell cell(quiet_params(), 0.3);
  const double passed_Ah = run(cell, 10.0, 3600.0, -25.0);
  EXPECT_NEAR((cell.soc() - 0.3) * cell.capacity_Ah(), 0.94 * passed_Ah, 1e-9);
  EXPECT_NEAR(cell.soc() - 0.3, 0.94 * 10.0 / 90.0, 1e-9);  // 90 Ah usable at -25 °C
}

TEST(TWIN_cell_charge, discharge_loses_nothing) {
  LfpCell cell(quiet_params(), 0.8);
  const double passed_Ah = run(cell, -40.0, 3600.0);
  EXPECT_NEAR((cell.soc() - 0.8) * 100.0, passed_Ah, 1e-9);
}

TEST(TWIN_cell_charge, self_discharge_over_30_days_matches_the_parameter) {
  CellParams p;
  p.self_discharge_pct_month = 2.0;
  LfpCell cell(p, 0.5);
  run(cell, 0.0, 30.0 * 86400.0, 25.0, 60.0);
  EXPECT_NEAR(0.5 - cell.soc(), 0.020, 1e-9);
  LfpCell warm(p, 0.5);
  run(warm, 0.0, 30.0 * 86400.0, 35.0, 60.0);  // doubles per 10 K
  EXPECT_NEAR(0.5 - warm.soc(), 0.040, 1e-9);
}

TEST(TWIN_cell_charge, leak_current_drains_the_cell) {
  LfpCell cell(quiet_params(), 0.5);
  cell.set_leak_A(1.0);
  run(cell, 0.0, 10.0 * 3600.0);
  EXPECT_NEAR(cell.soc(), 0.4, 1e-9);   // 10 Ah of 100
  EXPECT_LT(cell.hysteresis(), -0.95);  // drained like a discharge
  EXPECT_LT(cell.terminal_V(0.0), lfp_ocv_V(0.4, 25.0, 0.0));
}

TEST(TWIN_cell_charge, leak_stops_where_the_table_ends) {
  LfpCell cell(quiet_params(), 0.01);
  cell.set_leak_A(5.0);
  run(cell, 0.0, 48.0 * 3600.0);
  EXPECT_GT(cell.soc(), -0.031);
  EXPECT_LT(cell.terminal_V(0.0), 2.0);
}

TEST(TWIN_cell_charge, set_soc_moves_the_state_and_the_voltage_at_once) {
  LfpCell cell(quiet_params(), 0.5);
  cell.set_soc(0.95);
  EXPECT_DOUBLE_EQ(cell.soc(), 0.95);
  EXPECT_NEAR(cell.internal_V(), lfp_ocv_V(0.95, 25.0, 0.0), 1e-9);
}

}  // namespace
}  // namespace lfpbms::sim
