#pragma once
// State of charge (SE-1): coulomb counting, exact in integers, with the current sensor's offset
// removed, charge efficiency and the capacity at the cells' temperature; corrected once a
// second by the model-based filter (SocFilter) from the cell voltages; set to 100 % at full
// charge and 0 % at the discharge knee. The SOC it reports follows the estimate through
// counted charge at once, but through corrections at no more than kMaxCorrection_per_min, so
// the display never jumps; it reaches 100 % within minutes of a full charge.
//
// The cell it judges by: the lowest near empty, the highest near full, the mean on the plateau
// (see judgement() in the .cpp). Which cells are lowest and highest is decided on voltages
// averaged over a minute, so that noise does not bias the extremes.
#include <cstdint>

#include "core/units.hpp"
#include "estimation/soc_filter.hpp"
#include "measurement/measurements.hpp"

namespace lfpbms {

class SocEstimator {
 public:
  static constexpr TimeMs kStepMs = 1000;  // the filter's step
  static constexpr float kMaxCorrection_per_min = 0.009f;
  static constexpr TimeMs kZeroSettleMs = 2000;

  explicit SocEstimator(std::int32_t capacity_mAh) { set_capacity(capacity_mAh); }

  // The first valid cell sample: SOC from the voltage as if resting (the filter corrects it).
  void start(const Measurements& m);
  // After start(): whether the cells could show their voltage at `soc_pptt` - between the two
  // hysteresis branches, widened by the drop across the series resistance at this current and
  // by what the RC pairs can still hold after a load.
  bool voltage_allows(const Measurements& m, std::int32_t soc_pptt) const;
  // A SOC known from elsewhere (stored before a reset), trusted to `sigma_pptt`.
  void restore(std::int32_t soc_pptt, std::int32_t sigma_pptt);
  // The current sensor's offset and the series resistance learned before a reset.
  void restore_model(float current_offset_A, float r0_25_ohm);
  // Each cell's SOC (0...1) from its voltage through the model: where it would rest.
  void cell_socs(const Measurements& m, float* soc) const;
  // Every tick, `dt_ms` after the last one.
  // `bleeding` marks the cells whose balancing resistors were on since the last tick, each
  // drawing `bleed_mA`.
  void update(const Measurements& m, TimeMs dt_ms, std::uint16_t bleeding = 0,
              std::int32_t bleed_mA = 0);
  // Every tick in which no current can flow (both FETs and their bypasses open): whatever the
  // sensor reads then is its offset. After kZeroSettleMs the offset is learned from it.
  void no_current_path(const Measurements& m, TimeMs dt_ms);
  void current_path() { zero_for_ms_ = 0; }
  void calibrate_full();
  void calibrate_empty();
  // The full-charge capacity at 25 °C (learned); keeps the SOC.
  void set_capacity(std::int32_t capacity_mAh);

  bool started() const { return started_; }
  std::int32_t soc_pptt() const { return to_pptt(shown_mAms_); }  // reported
  std::int32_t estimate_pptt() const { return to_pptt(charge_mAms_); }
  std::int32_t soc_sigma_pptt() const;
  std::int32_t remaining_mAh() const;  // reported SOC times the capacity at this temperature
  std::int32_t capacity_mAh() const { return capacity_mAh_; }
  // The charge counted since start (at 25 °C, through the efficiency, without the filter's
  // corrections): what the capacity is learned from.
  std::int64_t counted_mAms() const { return counted_mAms_; }
  std::int32_t current_offset_mA() const { return static_cast<std::int32_t>(bias_A_ * 1000.0f); }
  float r0_25_ohm() const { return r0_25_ohm_; }
  float temperature_C() const { return temperature_C_; }
  float spread_below() const { return below_; }
  float spread_above() const { return above_; }
  const SocFilter& filter() const { return filter_; }

 private:
  struct StepSums {
    std::int32_t cell_mV[kMaxCells] = {};
    std::int64_t current_mAms = 0;
    TimeMs time_ms = 0;
    std::int32_t ticks = 0;
  };

  std::int32_t to_pptt(std::int64_t charge_mAms) const;
  std::int64_t full_mAms() const;
  void count(const Measurements& m, TimeMs dt_ms);
  void bleed(const Measurements& m, TimeMs dt_ms, std::uint16_t bleeding, std::int32_t bleed_mA);
  void add(std::int64_t delta_mAms);
  void follow(TimeMs dt_ms);
  void learn_resistance(const Measurements& m, TimeMs dt_ms);
  void accumulate(const Measurements& m, TimeMs dt_ms);
  void filter_step(const Measurements& m);
  void set_temperature(const Measurements& m);
  // The voltage of the cell the pack is judged by: see top_weight in the .cpp.
  float judged_V(const float* cell_V, std::uint8_t count, float soc) const;
  void learn_spread(const float* cell_V, std::uint8_t count, const FilterInputs& in);
  void set_estimate(float soc);

  std::int32_t capacity_mAh_ = 0;
  std::int64_t charge_mAms_ = 0;  // the estimate, as charge at 25 °C in mA·ms
  std::int64_t shown_mAms_ = 0;   // what is reported
  std::int64_t counted_mAms_ = 0;
  float bias_A_ = 0;  // the current sensor's offset, estimated
  float r0_25_ohm_ = 0;
  float temperature_C_ = 25;
  // Counted charge per measured charge, in ppm: efficiency / capacity factor when charging,
  // 1 / capacity factor when discharging (the SOC moves faster where the capacity shrinks).
  std::int64_t count_charge_ppm_ = 1000000;
  std::int64_t count_discharge_ppm_ = 1000000;
  float capacity_factor_ = 1;
  std::int32_t last_mean_mV_ = -1;  // for the resistance: the previous tick
  std::int32_t last_current_mA_ = 0;
  StepSums sums_;
  float rank_V_[kMaxCells] = {};
  float below_ = 0;  // the lowest cell's SOC below the median's
  float above_ = 0;  // the highest cell's above it
  float spread_wait_s_ = 0;
  TimeMs zero_for_ms_ = 0;  // how long no current could flow
  float spread_ = 0;        // the cells' SOC spread that the usable range loses  // cell voltages
                            // averaged over a minute: who is highest
  SocFilter filter_;
  bool started_ = false;
};

}  // namespace lfpbms
