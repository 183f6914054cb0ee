#include "sim/cell/lfp_cell.hpp"

#include <algorithm>
#include <cmath>

#include "sim/cell/cell_temperature.hpp"

namespace lfpbms::sim {

namespace {

constexpr double kSecondsPerHour = 3600.0;
constexpr double kSecondsPerMonth = 30.0 * 86400.0;
constexpr double kReferenceTemperature_C = 25.0;
// The factors change little per 0.1 K (R by < 1 %), and recomputing them costs exp and log.
constexpr double kTemperatureResolution_K = 0.1;
constexpr double kDtResolution_s = 1e-9;
// Charge throughput (fraction of capacity) over which the hysteresis state covers 1 - 1/e of
// its way to the other branch: 95 % after 3 % of capacity, as LFP does after a reversal.
constexpr double kHysteresisThroughput = 0.01;

// Resistance rises toward both ends of SOC, where one electrode runs short of sites or lithium:
// twice the mid value at SOC 0, 1.25 times at 10 %, 1.3 times at 100 %. Quadratic ramps instead
// of exponentials, and no division: a few multiplications per step.
double soc_resistance_factor(double soc) {
  const double low = std::clamp(1.0 - 5.0 * soc, 0.0, 1.15);   // (0.2 - soc) / 0.2
  const double high = std::clamp(5.0 * soc - 4.0, 0.0, 1.15);  // (soc - 0.8) / 0.2
  return 1.0 + 1.0 * low * low + 0.3 * high * high;
}

}  // namespace

LfpCell::LfpCell(const CellParams& params, double soc)
    : params_(params),
      soc_(soc),
      capacity_Ah_(params.capacity_Ah),
      r0_25_ohm_(params.r0_mOhm * 1e-3),
      r1_25_ohm_(params.r1_mOhm * 1e-3),
      r2_25_ohm_(params.r2_mOhm * 1e-3),
      g1_S_(params.r1_mOhm > 0.0 ? 1e3 / params.r1_mOhm : 0.0),
      g2_S_(params.r2_mOhm > 0.0 ? 1e3 / params.r2_mOhm : 0.0) {
  update_temperature(kReferenceTemperature_C);
  update_outputs(0.0);
}

void LfpCell::set_soc(double soc) {
  soc_ = soc;
  update_outputs(v_rc1_ + v_rc2_);
}

void LfpCell::step(double current_A, double dt_s, double temperature_C) {
  if (std::abs(temperature_C - temperature_C_) > kTemperatureResolution_K) {
    update_temperature(temperature_C);
  }
  if (std::abs(dt_s - dt_s_) > kDtResolution_s) update_decay(dt_s);
  // Resistances at the state the step starts from (SOC moves by ppm per step).
  const double r_scale = resistance_factor_ * soc_factor_;
  const double r0 = r0_25_ohm_ * r_scale;
  const double rc_heat_W =
      step_rc(current_A, r_scale, inverse_resistance_factor_ * inverse_soc_factor_);
  // A soft short turns the charge it drains into heat inside the cell.
  heat_W_ = current_A * current_A * r0 + rc_heat_W + leak_A_ * ocv_V_;
  step_charge(current_A, dt_s);
  step_hysteresis(current_A - leak_A_, dt_s);
  update_outputs(v_rc1_ + v_rc2_);
}

void LfpCell::update_temperature(double temperature_C) {
  const CellTemperatureFactors f = cell_temperature_factors(temperature_C);
  temperature_C_ = temperature_C;
  ocv_temperature_ = ocv::temperature_point(temperature_C);
  ocv_segment_ = ocv::Segment{};  // empty: looked up again at the new temperature
  resistance_factor_ = f.resistance;
  inverse_resistance_factor_ = 1.0 / f.resistance;
  charge_efficiency_ = f.charge_efficiency;
  capacity_Ah_ = params_.capacity_Ah * f.capacity;
  inverse_capacity_As_ = 1.0 / (capacity_Ah_ * kSecondsPerHour);
  hysteresis_per_As_ = 1.0 / (kHysteresisThroughput * capacity_Ah_ * kSecondsPerHour);
  self_discharge_per_s_ =
      params_.self_discharge_pct_month / 100.0 / kSecondsPerMonth * f.self_discharge;
}

void LfpCell::update_decay(double dt_s) {
  dt_s_ = dt_s;
  decay1_ = std::exp(-dt_s / params_.tau1_s);
  decay2_ = std::exp(-dt_s / params_.tau2_s);
}

// Exact for a current constant over the step: v -> v e^(-dt/tau) + R I (1 - e^(-dt/tau)). The
// heat uses the mean of the start and end voltage of each pair, times its conductance (cached
// at 25 °C mid SOC, so one division per step serves both pairs).
double LfpCell::step_rc(double current_A, double r_scale, double inverse_r_scale) {
  const double v1_start = v_rc1_;
  const double v2_start = v_rc2_;
  v_rc1_ = v1_start * decay1_ + r1_25_ohm_ * r_scale * current_A * (1.0 - decay1_);
  v_rc2_ = v2_start * decay2_ + r2_25_ohm_ * r_scale * current_A * (1.0 - decay2_);
  const double v1_mean = 0.5 * (v1_start + v_rc1_);
  const double v2_mean = 0.5 * (v2_start + v_rc2_);
  return (v1_mean * v1_mean * g1_S_ + v2_mean * v2_mean * g2_S_) * inverse_r_scale;
}

// Charging stores only the efficient part of the current; self-discharge and the leak drain the
// cell until it is at the end of its table, where its voltage has collapsed.
void LfpCell::step_charge(double current_A, double dt_s) {
  double stored_A = current_A > 0.0 ? current_A * charge_efficiency_ : current_A;
  double drain_per_s = 0.0;
  if (soc_ > ocv::kSocMin) {
    stored_A -= leak_A_;
    drain_per_s = self_discharge_per_s_;
  }
  soc_ += stored_A * dt_s * inverse_capacity_As_ - drain_per_s * dt_s;
}

// The state moves toward +1 while charging, toward -1 while discharging, by the charge passed;
// min() keeps it from overshooting on a huge step.
void LfpCell::step_hysteresis(double current_A, double dt_s) {
  const double target = current_A > 0.0 ? 1.0 : -1.0;
  const double fraction = std::min(1.0, std::abs(current_A) * dt_s * hysteresis_per_As_);
  hysteresis_ += fraction * (target - hysteresis_);
}

// The RC voltages come in as an argument: read back from memory right after step_rc() stored
// them, they would cost a store-forwarding stall.
void LfpCell::update_outputs(double v_rc_V) {
  soc_factor_ = soc_resistance_factor(soc_);
  // On the plateau the factor is exactly 1: no division there.
  inverse_soc_factor_ = soc_factor_ == 1.0 ? 1.0 : 1.0 / soc_factor_;
  r0_ohm_ = r0_25_ohm_ * resistance_factor_ * soc_factor_;
  if (!ocv_segment_.contains(soc_)) ocv_segment_ = ocv::segment(ocv_temperature_, soc_);
  ocv_V_ = ocv_segment_.voltage_V(soc_, hysteresis_ * params_.hysteresis_scale);
  internal_V_ = ocv_V_ + v_rc_V;
}

}  // namespace lfpbms::sim
