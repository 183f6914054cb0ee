#include "estimation/soc_filter.hpp"

#include "core/float_math.hpp"
#include "estimation/lfp_cell_model.hpp"
#include "estimation/lfp_ocv.hpp"

namespace lfpbms {

namespace {

// How far the model is trusted (1 σ, volts): the table and the front end's offsets; the series
// resistance known to a quarter; the polarisation's shape to a third; the hysteresis state, when
// between the branches, to half the gap.
constexpr float kTable_V = 0.0015f;
constexpr float kR0Share = 0.25f;
constexpr float kPolarisationShare = 0.3f;
constexpr float kHysteresisShare = 0.5f;
// These errors are not white noise but last for minutes (they follow the temperature, the SOC,
// the current profile): a step's voltage is worth dt / kModelMemory_s of an independent one.
// Without this the filter would average a biased model down to nothing on the plateau and
// follow it.
constexpr float kModelMemory_s = 300.0f;
// Counting errors (gain, efficiency, capacity) are systematic, not white: a 1 % gain error
// costs 0.5 % over half a cycle. The variance grows with the charge passed as if the error
// were kCountShare, correlated over kCountCorrelation of the capacity. At rest the SOC drifts
// (self-discharge, balancing, the supply) by about 0.1 % a day.
constexpr float kCountShare = 0.01f;
constexpr float kCountCorrelation = 0.5f;
constexpr float kRestDrift_per_s = 3.4e-6f;
constexpr float kSecondsPerDay = 86400.0f;

}  // namespace

void SocFilter::reset(float soc_sigma, float bias_sigma_A, float bias_drift_A) {
  p_ss_ = square(soc_sigma);
  p_sb_ = 0.0f;
  p_bb_ = square(bias_sigma_A);
  q_bb_per_s_ = square(bias_drift_A) / kSecondsPerDay;
  v1_ = v2_ = h_ = 0.0f;
}

void SocFilter::anchor(float soc_sigma) {
  p_ss_ = square(soc_sigma);
  p_sb_ = 0.0f;
}

float SocFilter::soc_sigma() const {
  return sqrtf_newton(p_ss_);
}

void SocFilter::predict(const FilterInputs& in, float current_A) {
  if (in.dt_s != tau_dt_s_) {
    tau_dt_s_ = in.dt_s;
    decay1_ = exp_neg(in.dt_s / kLfpTau1_s);
    decay2_ = exp_neg(in.dt_s / kLfpTau2_s);
  }
  v1_ = v1_ * decay1_ + kLfpR1PerR0 * in.r0_ohm * current_A * (1.0f - decay1_);
  v2_ = v2_ * decay2_ + kLfpR2PerR0 * in.r0_ohm * current_A * (1.0f - decay2_);

  const float passed = absf(current_A) * in.dt_s / in.capacity_As;  // fraction of capacity
  const float move = passed / kLfpHysteresisThroughput;
  const float target = current_A > 0.0f ? 1.0f : -1.0f;
  h_ += (move < 1.0f ? move : 1.0f) * (target - h_);

  // x' = F x with F = [1, -k; 0, 1], k = efficiency * dt / capacity: an offset of b amps
  // counts b * dt of charge that never flowed.
  const float k = in.charge_efficiency * in.dt_s / in.capacity_As;
  const float p_ss = p_ss_ - 2.0f * k * p_sb_ + k * k * p_bb_;
  p_sb_ -= k * p_bb_;
  p_ss_ =
      p_ss + square(kCountShare) * kCountCorrelation * passed + square(kRestDrift_per_s) * in.dt_s;
  p_bb_ += q_bb_per_s_ * in.dt_s;
}

float SocFilter::measurement_variance(const FilterInputs& in, float current_A,
                                      float half_gap_V) const {
  const float between_branches = 1.0f - absf(h_);
  const float memory = in.dt_s < kModelMemory_s ? kModelMemory_s / in.dt_s : 1.0f;
  return memory * (square(kTable_V) + square(kR0Share * in.r0_ohm * current_A) +
                   square(kPolarisationShare * (absf(v1_) + absf(v2_))) +
                   square(kHysteresisShare * between_branches * half_gap_V));
}

FilterCorrection SocFilter::step(const FilterInputs& in, float bias_A) {
  const float current_A = in.current_A - bias_A;
  predict(in, current_A);
  OcvPoint ocv = lfp_ocv(in.cell_soc_offset + in.soc * in.cell_soc_scale, in.temperature_C, h_);
  ocv.dV_dsoc *= in.cell_soc_scale;
  const float predicted_V = ocv.V + v1_ + v2_ + in.r0_ohm * current_A;
  innovation_V_ = in.cell_V - predicted_V;

  // H = [dV/dsoc, dV/dbias]; the offset lowers the true current, so dV/dbias = -r0.
  const float h_s = ocv.dV_dsoc;
  const float h_b = -in.r0_ohm;
  const float ph_s = p_ss_ * h_s + p_sb_ * h_b;
  const float ph_b = p_sb_ * h_s + p_bb_ * h_b;
  const float s = h_s * ph_s + h_b * ph_b + measurement_variance(in, current_A, ocv.half_gap_V);
  const float k_s = ph_s / s;
  const float k_b = ph_b / s;
  p_ss_ -= k_s * ph_s;
  p_sb_ -= k_s * ph_b;
  p_bb_ -= k_b * ph_b;
  if (p_ss_ < 1e-8f) p_ss_ = 1e-8f;
  if (p_bb_ < 1e-10f) p_bb_ = 1e-10f;
  return {k_s * innovation_V_, k_b * innovation_V_};
}

}  // namespace lfpbms
