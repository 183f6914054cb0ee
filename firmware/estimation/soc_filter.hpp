#pragma once
// The model-based half of the SOC estimate: an extended Kalman filter over SOC and the current
// sensor's offset, on a small equivalent circuit of one cell (open-circuit voltage with
// hysteresis, series resistance, two RC pairs). Coulomb counting predicts; the cell voltage
// corrects, as much as the OCV slope at that SOC says and as little as the model's likely error
// there allows: on LFP's flat plateau a millivolt is worth several percent, at the knees a
// fraction of one. The SOC itself is counted exactly elsewhere (SocEstimator); the filter
// returns corrections to it.
namespace lfpbms {

struct FilterInputs {
  float dt_s = 1;
  float current_A = 0;  // mean measured current over the step, + charges, offset not removed
  float cell_V = 0;     // the cell the SOC is judged by (SocEstimator), mean over the step
  // That cell's SOC is cell_soc_offset + soc * cell_soc_scale: the pack's usable range is
  // narrower than a cell's by the cells' spread.
  float cell_soc_offset = 0;
  float cell_soc_scale = 1;
  float temperature_C = 25;
  float soc = 0.5f;       // the counted SOC at the end of the step, 0...1
  float capacity_As = 0;  // usable at this temperature
  float r0_ohm = 0;       // series resistance at this temperature
  float charge_efficiency = 1;
};

struct FilterCorrection {
  float dsoc = 0;     // add to the counted SOC
  float dbias_A = 0;  // add to the current offset estimate
};

class SocFilter {
 public:
  // A new start: the SOC known to `soc_sigma` (1 σ, fraction), the offset to `bias_sigma_A`,
  // drifting by `bias_drift_A` per square-root day.
  void reset(float soc_sigma, float bias_sigma_A, float bias_drift_A);
  // A calibration set the SOC: only its uncertainty changes here.
  void anchor(float soc_sigma);
  FilterCorrection step(const FilterInputs& in, float bias_A);

  float soc_sigma() const;
  float hysteresis() const { return h_; }
  float polarisation_V() const { return v1_ + v2_; }
  float last_innovation_V() const { return innovation_V_; }

 private:
  void predict(const FilterInputs& in, float current_A);
  float measurement_variance(const FilterInputs& in, float current_A, float half_gap_V) const;

  float p_ss_ = 0.01f;  // covariance of (SOC, offset in A)
  float p_sb_ = 0.0f;
  float p_bb_ = 0.0f;
  float q_bb_per_s_ = 0.0f;  // the offset's drift
  float v1_ = 0;
  float v2_ = 0;
  float h_ = 0;
  float innovation_V_ = 0;
  float tau_dt_s_ = -1;  // the step the cached decays belong to
  float decay1_ = 0;
  float decay2_ = 0;
};

}  // namespace lfpbms
