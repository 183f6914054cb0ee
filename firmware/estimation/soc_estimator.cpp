#include "estimation/soc_estimator.hpp"

#include "core/float_math.hpp"
#include "estimation/lfp_cell_model.hpp"
#include "estimation/lfp_ocv.hpp"
#include "estimation/weak_cell_detector.hpp"

namespace lfpbms {

namespace {

constexpr std::int64_t kMsPerHour = 3600000;
constexpr float kSecondsPerHour = 3600.0f;
// The offset is expected within 0.2 % of C (1 σ), drifting 0.05 % of C per square-root day,
// and is never believed beyond 1 % of C.
constexpr float kBiasSigma_C = 0.000001f;
constexpr float kBiasDrift_C = 0.0005f;
constexpr float kBiasLimit_C = 0.01f;
// With no current path, each tick's reading moves the offset by this share (a 10 s average).
constexpr float kZeroGain = 0.01f;
// A starting SOC from a voltage of unknown history: 20 mV (hysteresis, polarisation) of doubt.
constexpr float kStartDoubt_V = 0.020f;
// The resistance is measured from current steps of at least 5 % of C and 2 A, over at most
// 2 s (the RC pairs barely move in that time), and believed within 1/4...4 of the nominal.
constexpr std::int32_t kStepMin_mA = 2000;
constexpr TimeMs kStepMaxMs = 2000;
constexpr float kResistanceGain = 0.1f;

// Which cells are highest and lowest is decided on voltages averaged over this long, so that
// noise does not pick the extremes (and bias them) step by step.
constexpr float kRankMemory_s = 60.0f;
// The cells' spread is sampled once a minute on the lower slope near rest (below 6 % of C),
// each sample moving the estimate by kSpreadGain, and believed up to 15 % either way.
constexpr float kSpreadLowSoc = 0.08f;
constexpr float kSpreadHighSoc = 0.35f;
constexpr float kSpreadMaxC = 0.06f;
constexpr float kSpreadEvery_s = 60.0f;
constexpr float kSpreadGain = 0.02f;
constexpr float kSpreadMax = 0.15f;

// Which cell the pack is judged by: the lowest near empty and the highest near full, since the
// pack is empty when its lowest cell is and full when its highest is; on the plateau between
// them the mean, because there the cells differ by less than the front end's channel offsets,
// and the extremes would be the channels that read lowest and highest, not the cells.
struct Judgement {
  float low = 0;   // weight of the lowest cell
  float high = 0;  // weight of the highest cell; the mean takes the rest
};
float smoothstep(float edge0, float edge1, float x) {
  const float t = clamp01((x - edge0) / (edge1 - edge0));
  return t * t * (3.0f - 2.0f * t);
}
Judgement judgement(float soc) {
  return {1.0f - smoothstep(0.12f, 0.30f, soc), smoothstep(0.88f, 0.97f, soc)};
}

// The extremes among `count` values.
struct Extremes {
  std::uint8_t lo = 0;
  std::uint8_t hi = 0;
};
Extremes extremes(const float* v, std::uint8_t count) {
  Extremes e;
  for (std::uint8_t i = 1; i < count; ++i) {
    if (v[i] < v[e.lo]) e.lo = i;
    if (v[i] > v[e.hi]) e.hi = i;
  }
  return e;
}

}  // namespace

std::int64_t SocEstimator::full_mAms() const {
  return static_cast<std::int64_t>(capacity_mAh_) * kMsPerHour;
}

std::int32_t SocEstimator::to_pptt(std::int64_t charge_mAms) const {
  const std::int64_t full = full_mAms();
  return full > 0 ? static_cast<std::int32_t>(charge_mAms * kFullSoc_pptt / full) : 0;
}

std::int32_t SocEstimator::soc_sigma_pptt() const {
  return static_cast<std::int32_t>(filter_.soc_sigma() * 10000.0f);
}

std::int32_t SocEstimator::remaining_mAh() const {
  const std::int64_t shown_mAh = shown_mAms_ / kMsPerHour;  // whole mAh are enough here
  return static_cast<std::int32_t>(static_cast<float>(shown_mAh) * capacity_factor_);
}

void SocEstimator::set_capacity(std::int32_t capacity_mAh) {
  if (capacity_mAh == capacity_mAh_ || capacity_mAh <= 0) return;
  if (capacity_mAh_ > 0) {  // the same SOC: charges scale with the capacity
    charge_mAms_ = charge_mAms_ * capacity_mAh / capacity_mAh_;
    shown_mAms_ = shown_mAms_ * capacity_mAh / capacity_mAh_;
  }
  capacity_mAh_ = capacity_mAh;
  if (r0_25_ohm_ <= 0.0f) {
    r0_25_ohm_ = kLfpR0Capacity_OhmAh * 1000.0f / static_cast<float>(capacity_mAh);
  }
}

float SocEstimator::judged_V(const float* cell_V, std::uint8_t count, float soc) const {
  const Extremes e = extremes(rank_V_, count);
  float mean = 0;
  for (std::uint8_t i = 0; i < count; ++i) mean += cell_V[i];
  mean /= static_cast<float>(count);
  const Judgement j = judgement(soc);
  return mean + j.low * (cell_V[e.lo] - mean) + j.high * (cell_V[e.hi] - mean);
}

void SocEstimator::set_estimate(float soc) {
  charge_mAms_ = static_cast<std::int64_t>(clamp01(soc) * static_cast<float>(full_mAms()));
}

void SocEstimator::set_temperature(const Measurements& m) {
  if (m.temperatures_valid()) {
    temperature_C_ =
        0.05f * static_cast<float>(m.min_cell_temperature_dC + m.max_cell_temperature_dC);
  }
  const LfpTemperatureFactors f = lfp_temperature_factors(temperature_C_);
  capacity_factor_ = f.capacity;
  count_discharge_ppm_ = static_cast<std::int64_t>(1e6f / f.capacity);
  count_charge_ppm_ = static_cast<std::int64_t>(1e6f * f.charge_efficiency / f.capacity);
}

void SocEstimator::start(const Measurements& m) {
  set_temperature(m);
  for (std::uint8_t i = 0; i < m.cell_count; ++i) rank_V_[i] = 1e-3f * m.cell_voltage_mV[i];
  float soc = lfp_soc_from_ocv(judged_V(rank_V_, m.cell_count, 0.5f), temperature_C_, 0.0f);
  soc = lfp_soc_from_ocv(judged_V(rank_V_, m.cell_count, soc), temperature_C_, 0.0f);
  const float slope = lfp_ocv(soc, temperature_C_, 0.0f).dV_dsoc;
  float sigma = slope > 0.0f ? kStartDoubt_V / slope : 0.3f;
  if (sigma > 0.3f) sigma = 0.3f;
  if (sigma < 0.02f) sigma = 0.02f;
  set_estimate(soc);
  shown_mAms_ = charge_mAms_;
  const float capacity_A = static_cast<float>(capacity_mAh_) * 1e-3f;
  filter_.reset(sigma, kBiasSigma_C * capacity_A, kBiasDrift_C * capacity_A);
  started_ = true;
}

bool SocEstimator::voltage_allows(const Measurements& m, std::int32_t soc_pptt) const {
  constexpr float kPolarization_V = 0.030f;  // (own) RC pairs minutes after a moderate load
  const float soc = static_cast<float>(soc_pptt) * 1e-4f;
  const float v = judged_V(rank_V_, m.cell_count, soc);
  const OcvPoint p = lfp_ocv(soc, temperature_C_, 0.0f);
  const float r0 = r0_25_ohm_ > 0.0f
                       ? r0_25_ohm_
                       : kLfpR0Capacity_OhmAh * 1000.0f / static_cast<float>(capacity_mAh_);
  const float amps = static_cast<float>(m.current_mA < 0 ? -m.current_mA : m.current_mA) * 1e-3f;
  const float band = p.half_gap_V + kPolarization_V + amps * r0;
  return v >= p.V - band && v <= p.V + band;
}

void SocEstimator::restore(std::int32_t soc_pptt, std::int32_t sigma_pptt) {
  charge_mAms_ = full_mAms() * soc_pptt / kFullSoc_pptt;  // exact: the value given
  shown_mAms_ = charge_mAms_;
  filter_.anchor(static_cast<float>(sigma_pptt) * 1e-4f);
}

void SocEstimator::restore_model(float current_offset_A, float r0_25_ohm) {
  const float nominal = kLfpR0Capacity_OhmAh * 1000.0f / static_cast<float>(capacity_mAh_);
  const float limit_A = kBiasLimit_C * static_cast<float>(capacity_mAh_) * 1e-3f;
  if (current_offset_A > -limit_A && current_offset_A < limit_A) bias_A_ = current_offset_A;
  if (r0_25_ohm > 0.25f * nominal && r0_25_ohm < 4.0f * nominal) r0_25_ohm_ = r0_25_ohm;
}

void SocEstimator::cell_socs(const Measurements& m, float* soc) const {
  const float current_A = static_cast<float>(m.current_raw_mA) * 1e-3f - bias_A_;
  const float r0 = r0_25_ohm_ * lfp_temperature_factors(temperature_C_).resistance;
  const float drop_V = filter_.polarisation_V() + current_A * r0;
  OcvCurve curve{};
  lfp_ocv_curve(temperature_C_, filter_.hysteresis(), curve);
  for (std::uint8_t i = 0; i < m.cell_count; ++i) {
    soc[i] = lfp_soc_on_curve(curve, 1e-3f * static_cast<float>(m.cell_voltage_mV[i]) - drop_V);
  }
}

void SocEstimator::calibrate_full() {
  charge_mAms_ = full_mAms();
  filter_.anchor(0.005f);
}

void SocEstimator::calibrate_empty() {
  charge_mAms_ = 0;
  filter_.anchor(0.01f);
}

void SocEstimator::no_current_path(const Measurements& m, TimeMs dt_ms) {
  zero_for_ms_ += dt_ms;
  if (zero_for_ms_ < kZeroSettleMs || !m.current_valid()) return;
  const float read_A = static_cast<float>(m.current_raw_mA) * 1e-3f;
  const float limit_A = kBiasLimit_C * static_cast<float>(capacity_mAh_) * 1e-3f;
  if (read_A > -limit_A && read_A < limit_A) bias_A_ += kZeroGain * (read_A - bias_A_);
}

void SocEstimator::update(const Measurements& m, TimeMs dt_ms, std::uint16_t bleeding,
                          std::int32_t bleed_mA) {
  if (!started_) return;
  if (m.current_valid() && zero_for_ms_ == 0) count(m, dt_ms);
  if (bleeding != 0 && m.cells_valid()) bleed(m, dt_ms, bleeding, bleed_mA);
  follow(dt_ms);
  if (!m.cells_valid() || !m.current_valid()) {
    sums_ = StepSums{};  // a step with a gap in it says nothing reliable
    last_mean_mV_ = -1;
    return;
  }
  learn_resistance(m, dt_ms);
  accumulate(m, dt_ms);
  if (sums_.time_ms >= kStepMs) filter_step(m);
}

void SocEstimator::count(const Measurements& m, TimeMs dt_ms) {
  const std::int64_t current_uA = static_cast<std::int64_t>(m.current_raw_mA) * 1000 -
                                  static_cast<std::int64_t>(bias_A_ * 1e6f);
  const std::int64_t ppm = current_uA > 0 ? count_charge_ppm_ : count_discharge_ppm_;
  const std::int64_t delta = current_uA * static_cast<std::int64_t>(dt_ms) / 1000 * ppm / 1000000;
  counted_mAms_ += delta;
  add(delta);
}

void SocEstimator::add(std::int64_t delta_mAms) {
  charge_mAms_ += delta_mAms;
  shown_mAms_ += delta_mAms;
  const std::int64_t full = full_mAms();
  if (charge_mAms_ < 0) charge_mAms_ = 0;
  if (charge_mAms_ > full) charge_mAms_ = full;
}

// Bleeding the highest cell moves the pack away from full, bleeding the lowest toward empty:
// the usable charge shrinks by the bleed, weighted as the judged cell is (see judged_V).
void SocEstimator::bleed(const Measurements& m, TimeMs dt_ms, std::uint16_t bleeding,
                         std::int32_t bleed_mA) {
  const Judgement j = judgement(static_cast<float>(charge_mAms_) / static_cast<float>(full_mAms()));
  const Extremes e = extremes(rank_V_, m.cell_count);
  float weight = 0.0f;
  if ((bleeding >> e.hi & 1u) != 0) weight += j.high;
  if ((bleeding >> e.lo & 1u) != 0) weight += j.low;
  if (weight <= 0.0f) return;
  add(-static_cast<std::int64_t>(weight * static_cast<float>(bleed_mA) *
                                 static_cast<float>(dt_ms)));
}

// The reported SOC moves with the counted charge (done in count) and toward the estimate by
// at most kMaxCorrection_per_min.
void SocEstimator::follow(TimeMs dt_ms) {
  const std::int64_t limit =
      static_cast<std::int64_t>(kMaxCorrection_per_min * static_cast<float>(full_mAms()) *
                                static_cast<float>(dt_ms) / 60000.0f);
  std::int64_t diff = charge_mAms_ - shown_mAms_;
  if (diff > limit) diff = limit;
  if (diff < -limit) diff = -limit;
  shown_mAms_ += diff;
  const std::int64_t full = full_mAms();
  if (shown_mAms_ < 0) shown_mAms_ = 0;
  if (shown_mAms_ > full) shown_mAms_ = full;
}

// The series resistance from the voltage step that follows a current step, normalised to 25 °C.
void SocEstimator::learn_resistance(const Measurements& m, TimeMs dt_ms) {
  std::int32_t sum_mV = 0;
  for (std::uint8_t i = 0; i < m.cell_count; ++i) sum_mV += m.cell_voltage_mV[i];
  const std::int32_t mean_x16_mV = sum_mV * 16 / (m.cell_count > 0 ? m.cell_count : 1);
  const std::int32_t step_mA = m.current_raw_mA - last_current_mA_;
  const std::int32_t min_step_mA =
      capacity_mAh_ / 20 > kStepMin_mA ? capacity_mAh_ / 20 : kStepMin_mA;
  if (last_mean_mV_ >= 0 && dt_ms <= kStepMaxMs &&
      (step_mA >= min_step_mA || -step_mA >= min_step_mA)) {
    const float sample_ohm = static_cast<float>(mean_x16_mV - last_mean_mV_) / 16.0f /
                             static_cast<float>(step_mA) /
                             lfp_temperature_factors(temperature_C_).resistance;
    const float nominal = kLfpR0Capacity_OhmAh * 1000.0f / static_cast<float>(capacity_mAh_);
    if (sample_ohm > 0.25f * nominal && sample_ohm < 4.0f * nominal) {
      r0_25_ohm_ += kResistanceGain * (sample_ohm - r0_25_ohm_);
    }
  }
  last_mean_mV_ = mean_x16_mV;
  last_current_mA_ = m.current_raw_mA;
}

// How far the lowest cell sits below the median and the highest above it, in SOC, learned
// where the voltages say it (the lower slope, near rest): the usable range loses both, and
// the mean cell, by which the plateau is judged, is not where the usable SOC is.
void SocEstimator::learn_spread(const float* cell_V, std::uint8_t count, const FilterInputs& in) {
  spread_wait_s_ -= in.dt_s;
  if (spread_wait_s_ > 0.0f || in.soc < kSpreadLowSoc || in.soc > kSpreadHighSoc) return;
  const float rated_A = static_cast<float>(capacity_mAh_) * 1e-3f;
  if (in.current_A > kSpreadMaxC * rated_A || in.current_A < -kSpreadMaxC * rated_A) return;
  spread_wait_s_ = kSpreadEvery_s;
  const float drop_V = filter_.polarisation_V() + in.r0_ohm * (in.current_A - bias_A_);
  // The curve rises with SOC: the median, lowest and highest voltages are those cells' SOCs.
  const float h = filter_.hysteresis();
  const Extremes e = extremes(cell_V, count);
  const float median = lfp_soc_from_ocv(median_of(cell_V, count) - drop_V, in.temperature_C, h);
  const float lo = lfp_soc_from_ocv(cell_V[e.lo] - drop_V, in.temperature_C, h);
  const float hi = lfp_soc_from_ocv(cell_V[e.hi] - drop_V, in.temperature_C, h);
  below_ += kSpreadGain * (clampf(median - lo, 0.0f, kSpreadMax) - below_);
  above_ += kSpreadGain * (clampf(hi - median, 0.0f, kSpreadMax) - above_);
}

void SocEstimator::accumulate(const Measurements& m, TimeMs dt_ms) {
  for (std::uint8_t i = 0; i < m.cell_count; ++i) sums_.cell_mV[i] += m.cell_voltage_mV[i];
  sums_.current_mAms +=
      static_cast<std::int64_t>(m.current_raw_mA) * static_cast<std::int64_t>(dt_ms);
  sums_.time_ms += dt_ms;
  ++sums_.ticks;
}

void SocEstimator::filter_step(const Measurements& m) {
  set_temperature(m);
  const LfpTemperatureFactors f = lfp_temperature_factors(temperature_C_);
  float cell_V[kMaxCells] = {};
  const float per_tick_V = 1e-3f / static_cast<float>(sums_.ticks);
  for (std::uint8_t i = 0; i < m.cell_count; ++i) {
    cell_V[i] = static_cast<float>(sums_.cell_mV[i]) * per_tick_V;
  }
  const float full = static_cast<float>(full_mAms());
  FilterInputs in;
  in.dt_s = static_cast<float>(sums_.time_ms) * 1e-3f;
  in.current_A = static_cast<float>(sums_.current_mAms) / static_cast<float>(sums_.time_ms) * 1e-3f;
  in.soc = static_cast<float>(charge_mAms_) / full;
  const float rank_gain = in.dt_s < kRankMemory_s ? in.dt_s / kRankMemory_s : 1.0f;
  for (std::uint8_t i = 0; i < m.cell_count; ++i)
    rank_V_[i] += rank_gain * (cell_V[i] - rank_V_[i]);
  in.cell_V = judged_V(cell_V, m.cell_count, in.soc);
  in.temperature_C = temperature_C_;
  learn_spread(cell_V, m.cell_count, in);
  const Judgement j = judgement(in.soc);
  in.cell_soc_scale = 1.0f - below_ - above_;
  in.cell_soc_offset = (1.0f - j.low - j.high) * below_ + j.high * (below_ + above_);
  in.capacity_As = static_cast<float>(capacity_mAh_) * 1e-3f * kSecondsPerHour * f.capacity;
  in.r0_ohm = r0_25_ohm_ * f.resistance;
  in.charge_efficiency = in.current_A > 0.0f ? f.charge_efficiency : 1.0f;
  const FilterCorrection c = filter_.step(in, bias_A_);

  // Deltas, not a new value: a float holds a SOC to 1e-7, and a second's charge can be less.
  const float self_discharge = kLfpSelfDischarge_per_s * in.dt_s;
  charge_mAms_ += static_cast<std::int64_t>((c.dsoc - self_discharge) * full);
  shown_mAms_ -= static_cast<std::int64_t>(self_discharge * full);
  if (charge_mAms_ < 0) charge_mAms_ = 0;
  if (charge_mAms_ > full_mAms()) charge_mAms_ = full_mAms();
  const float limit_A = kBiasLimit_C * static_cast<float>(capacity_mAh_) * 1e-3f;
  bias_A_ += c.dbias_A;
  if (bias_A_ > limit_A) bias_A_ = limit_A;
  if (bias_A_ < -limit_A) bias_A_ = -limit_A;
  sums_ = StepSums{};
}

}  // namespace lfpbms
