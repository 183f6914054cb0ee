// The equivalent circuit over time: a full discharge, the relaxation at rest, the hysteresis
// state and the heat.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/cell/lfp_cell.hpp"
#include "sim/cell/tests/cell_test_helpers.hpp"

namespace lfpbms::sim {
namespace {

using test::quiet_params;
using test::run;

TEST(TWIN_cell_dynamics, one_c_discharge_from_full_delivers_about_100_Ah) {
  LfpCell cell(CellParams{}, 1.0);
  double delivered_Ah = 0.0;
  double at_2v8_Ah = -1.0;  // the undervoltage alarm
  double at_2v5_Ah = -1.0;  // the undervoltage protection
  while (delivered_Ah < 100.0) {
    cell.step(-100.0, 1.0, 25.0);
    delivered_Ah += 100.0 / 3600.0;
    const double v = cell.terminal_V(-100.0);
    if (at_2v8_Ah < 0.0 && v < 2.8) at_2v8_Ah = delivered_Ah;
    if (at_2v5_Ah < 0.0 && v < 2.5) at_2v5_Ah = delivered_Ah;
  }
  EXPECT_GT(at_2v8_Ah, 95.0);  // the knee arrives only in the last few percent
  EXPECT_GT(at_2v5_Ah, 98.0);
  EXPECT_LT(at_2v5_Ah, 100.0);
  EXPECT_LT(cell.terminal_V(-100.0), 2.5);
  EXPECT_NEAR(cell.soc(), 0.0, 1e-3);
}

TEST(TWIN_cell_dynamics, rest_after_discharge_relaxes_upward_with_both_time_constants) {
  const CellParams p = quiet_params();
  LfpCell cell(p, 0.7);
  run(cell, -100.0, 1080.0, 25.0, 0.1);  // 0.7 -> 0.4: no resistance rise from the SOC ends
  const double v1_V = -100.0 * p.r1_mOhm * 1e-3 * (1.0 - std::exp(-1080.0 / p.tau1_s));
  const double v2_V = -100.0 * p.r2_mOhm * 1e-3 * (1.0 - std::exp(-1080.0 / p.tau2_s));
  EXPECT_NEAR(cell.v_rc1_V(), v1_V, 1e-5);
  EXPECT_NEAR(cell.v_rc2_V(), v2_V, 1e-5);
  const double loaded_V = cell.terminal_V(-100.0);

  double last_V = loaded_V;
  double t_s = 0.0;
  for (double check_s : {20.0, 100.0, 600.0, 1800.0, 6000.0}) {
    for (; t_s < check_s - 1e-9; t_s += 0.1) {
      cell.step(0.0, 0.1, 25.0);
      EXPECT_GE(cell.terminal_V(0.0), last_V);
      last_V = cell.terminal_V(0.0);
    }
    const double expected_below_ocv_V =
        v1_V * std::exp(-check_s / p.tau1_s) + v2_V * std::exp(-check_s / p.tau2_s);
    EXPECT_NEAR(cell.terminal_V(0.0) - cell.ocv_V(), expected_below_ocv_V, 2e-5) << check_s;
  }
  EXPECT_NEAR(cell.terminal_V(0.0), cell.ocv_V(), 1e-5);  // 10 tau2 later: at rest
  EXPECT_GT(cell.terminal_V(0.0) - loaded_V, 0.09);       // 45 mV R0 + 25 mV RC1 + 29 mV RC2
}

TEST(TWIN_cell_dynamics, a_new_step_length_is_solved_exactly) {
  const CellParams p = quiet_params();
  LfpCell cell(p, 0.5);
  cell.step(50.0, 0.1, 25.0);
  const double v1_V = cell.v_rc1_V();
  cell.step(50.0, 20.0, 25.0);
  const double target_V = 50.0 * p.r1_mOhm * 1e-3;
  EXPECT_NEAR(cell.v_rc1_V(), target_V + (v1_V - target_V) * std::exp(-1.0), 1e-9);
}

TEST(TWIN_cell_dynamics, hysteresis_follows_the_current_within_a_few_percent_of_capacity) {
  LfpCell cell(quiet_params(), 0.4);
  run(cell, -50.0, 360.0);  // 5 % of capacity discharged
  EXPECT_LT(cell.hysteresis(), -0.98);
  run(cell, 50.0, 3.0 / 100.0 * 3600.0 * 100.0 / 50.0 / 0.99);       // 3 % stored
  EXPECT_NEAR(cell.hysteresis(), 1.0 - 2.0 * std::exp(-3.0), 0.02);  // 90 % of the way
  run(cell, 50.0, 360.0);
  EXPECT_GT(cell.hysteresis(), 0.99);
  run(cell, 0.0, 7200.0);  // rest does not move it
  EXPECT_GT(cell.hysteresis(), 0.99);
}

TEST(TWIN_cell_dynamics, rested_voltage_after_charge_and_after_discharge_differs_by_the_gap) {
  LfpCell charged(quiet_params(), 0.45);
  run(charged, 50.0, 360.0);  // 5 % in (4.95 % stored), then two hours' rest
  run(charged, 0.0, 7200.0);
  LfpCell discharged(quiet_params(), 0.55);
  run(discharged, -50.0, 360.0);
  run(discharged, 0.0, 7200.0);
  EXPECT_NEAR(charged.soc(), 0.4995, 1e-6);
  EXPECT_NEAR(discharged.soc(), 0.5, 1e-6);
  EXPECT_NEAR(charged.terminal_V(0.0), lfp_ocv_V(0.4995, 25.0, 1.0), 0.001);
  EXPECT_NEAR(discharged.terminal_V(0.0), lfp_ocv_V(0.5, 25.0, -1.0), 0.001);
  const double gap_V = charged.terminal_V(0.0) - discharged.terminal_V(0.0);
  EXPECT_GT(gap_V, 0.040);
  EXPECT_LT(gap_V, 0.050);
}

TEST(TWIN_cell_dynamics, hysteresis_scale_scales_the_gap) {
  CellParams p = quiet_params();
  p.hysteresis_scale = 0.0;
  LfpCell flat(p, 0.5);
  run(flat, 50.0, 360.0);
  EXPECT_NEAR(flat.ocv_V(), lfp_ocv_V(flat.soc(), 25.0, 0.0), 1e-9);
  p.hysteresis_scale = 0.5;
  LfpCell half(p, 0.5);
  run(half, 50.0, 720.0);
  EXPECT_NEAR(half.ocv_V(), lfp_ocv_V(half.soc(), 25.0, 0.5 * half.hysteresis()), 1e-9);
}

TEST(TWIN_cell_dynamics, heat_is_the_resistive_loss_and_the_leak) {
  const CellParams p = quiet_params();
  LfpCell cell(p, 0.25);
  run(cell, 50.0, 4200.0);  // 7 tau2: the RC currents have settled to the full 50 A
  const double r_ohm = (p.r0_mOhm + p.r1_mOhm + p.r2_mOhm) * 1e-3;
  EXPECT_NEAR(cell.heat_W(), 50.0 * 50.0 * r_ohm, 0.01 * 50.0 * 50.0 * r_ohm);
  run(cell, 0.0, 7200.0);
  EXPECT_LT(cell.heat_W(), 1e-4);
  cell.set_leak_A(2.0);
  cell.step(0.0, 1.0, 25.0);
  EXPECT_NEAR(cell.heat_W(), 2.0 * cell.ocv_V(), 0.01);
}

}  // namespace
}  // namespace lfpbms::sim
