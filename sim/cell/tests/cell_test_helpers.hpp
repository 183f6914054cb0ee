#pragma once
// Small drivers shared by the cell tests.
#include "sim/cell/lfp_cell.hpp"

namespace lfpbms::sim::test {

// Runs `seconds` of constant current in steps of `dt_s`; returns the charge passed in Ah.
inline double run(LfpCell& cell, double current_A, double seconds, double temperature_C = 25.0,
                  double dt_s = 1.0) {
  const long steps = static_cast<long>(seconds / dt_s + 0.5);
  for (long i = 0; i < steps; ++i) cell.step(current_A, dt_s, temperature_C);
  return current_A * static_cast<double>(steps) * dt_s / 3600.0;
}

// A 100 Ah cell without self-discharge, so that charge balances are exact.
inline CellParams quiet_params() {
  CellParams p;
  p.self_discharge_pct_month = 0.0;
  return p;
}

}  // namespace lfpbms::sim::test
