#pragma once
// One LFP cell as an equivalent circuit (the twin's ground truth, independent of the firmware):
// open-circuit voltage OCV(SOC, T) with the flat plateau, steep knees at both ends and a
// charge/discharge hysteresis, a series resistance and two RC pairs that depend on SOC and
// temperature, capacity that shrinks in the cold, coulombic efficiency, self-discharge and an
// injectable internal leak (a soft internal short). Units in names; + current charges.
#include <cstdint>

#include "sim/cell/ocv_table.hpp"

namespace lfpbms::sim {

struct CellParams {
  double capacity_Ah = 100.0;  // at 25 °C
  double r0_mOhm = 0.45;       // series resistance at 25 °C, mid SOC
  double r1_mOhm = 0.25;       // fast RC pair: charge transfer
  double tau1_s = 20.0;
  double r2_mOhm = 0.35;  // slow RC pair: diffusion
  double tau2_s = 600.0;
  double self_discharge_pct_month = 2.0;  // at 25 °C
  double hysteresis_scale = 1.0;          // scales the measured charge/discharge branch gap
};

// The open-circuit voltage at `soc` (0...1; the knees reach to -0.03 and 1.03, beyond which the
// end voltage holds) and `temperature_C` (measured -25...45 °C, clamped). `branch` picks the
// measured curve: -1 discharge, +1 charge, 0 their mean; values between blend them
// (hysteresis state).
double lfp_ocv_V(double soc, double temperature_C, double branch = 0.0);

class LfpCell {
 public:
  LfpCell(const CellParams& params, double soc);

  // Advances the cell by `dt_s` with `current_A` flowing (+ charges) at `temperature_C`.
  void step(double current_A, double dt_s, double temperature_C);

  // The voltage behind the series resistance: OCV with hysteresis plus both RC voltages.
  // The terminal voltage at a current I is internal_V() + I * r0_ohm().
  double internal_V() const { return internal_V_; }
  double r0_ohm() const { return r0_ohm_; }
  double terminal_V(double current_A) const { return internal_V_ + current_A * r0_ohm_; }
  double soc() const { return soc_; }                  // true state of charge, 0...1
  double heat_W() const { return heat_W_; }            // losses during the last step
  double capacity_Ah() const { return capacity_Ah_; }  // usable at the last step's temperature
  double ocv_V() const { return ocv_V_; }              // with the hysteresis state
  double hysteresis() const { return hysteresis_; }    // -1 discharge ... +1 charge branch
  double v_rc1_V() const { return v_rc1_; }            // fast RC pair, + while charging
  double v_rc2_V() const { return v_rc2_; }            // slow RC pair

  void set_soc(double soc);
  // An internal leak (soft short) in A drawn inside the cell, 0 = healthy.
  void set_leak_A(double leak_A) { leak_A_ = leak_A; }
  const CellParams& params() const { return params_; }

 private:
  void update_temperature(double temperature_C);  // the cached factors, only when T moved
  void update_decay(double dt_s);                 // the cached exp(-dt / tau)
  // Returns the RC pairs' heat in W.
  double step_rc(double current_A, double r_scale, double inverse_r_scale);
  void step_charge(double current_A, double dt_s);
  void step_hysteresis(double current_A, double dt_s);
  void update_outputs(double v_rc_V);  // r0, OCV and internal voltage at the present state

  CellParams params_;
  double soc_;
  double capacity_Ah_;
  // The resistances at 25 °C mid SOC in Ω, and the RC pairs' conductances in S.
  double r0_25_ohm_;
  double r1_25_ohm_;
  double r2_25_ohm_;
  double g1_S_;
  double g2_S_;
  double hysteresis_ = 0.0;  // -1 discharge branch ... +1 charge branch
  double v_rc1_ = 0.0;
  double v_rc2_ = 0.0;
  double r0_ohm_ = 0.0;
  double ocv_V_ = 0.0;
  double internal_V_ = 0.0;
  double heat_W_ = 0.0;
  double leak_A_ = 0.0;

  // Cached for the temperature `temperature_C_` (refreshed when it moves by more than 0.1 K).
  double temperature_C_ = 25.0;
  ocv::TemperaturePoint ocv_temperature_;
  ocv::Segment ocv_segment_;  // the OCV curves around soc_, at temperature_C_
  double resistance_factor_ = 1.0;
  double inverse_resistance_factor_ = 1.0;
  double charge_efficiency_ = 1.0;
  double inverse_capacity_As_ = 0.0;
  double hysteresis_per_As_ = 0.0;
  double self_discharge_per_s_ = 0.0;
  // Cached for the step length `dt_s_`.
  double dt_s_ = -1.0;
  double decay1_ = 1.0;
  double decay2_ = 1.0;
  double soc_factor_ = 1.0;  // resistance rise toward the SOC ends, at soc_
  double inverse_soc_factor_ = 1.0;
};

}  // namespace lfpbms::sim
