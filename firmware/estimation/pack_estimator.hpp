#pragma once
// Everything the BMS estimates about the pack beyond its measurements (SE-1, SE-2, ST-2): SOC,
// the learned capacity and SOH, cycles and cumulative charge and energy, the weak cell; kept
// in non-volatile memory so that resets and sleep lose none of it.
#include <cstdint>

#include "bms_status.hpp"
#include "estimation/capacity_learner.hpp"
#include "estimation/estimate_storage.hpp"
#include "estimation/soc_estimator.hpp"
#include "estimation/weak_cell_detector.hpp"

namespace lfpbms {

enum EstimateEvent : std::uint8_t {
  kCapacityLearned = 1u << 0,
  kWeakCellFound = 1u << 1,
};

class PackEstimator {
 public:
  static constexpr TimeMs kSaveEveryMs = 4ull * 3600 * 1000;  // and at full charge, before sleep
  // ...and whenever the SOC has moved this far since the last save, so that a power cut loses
  // at most this much counting: about 16 saves on a deep daily cycle, decades of flash wear.
  static constexpr std::int32_t kSaveSocStep_pptt = 500;

  PackEstimator(hal::Nvm& nvm, std::size_t nvm_sector, std::int32_t design_capacity_mAh,
                std::int32_t bleed_mA);

  // At power-up, once the parameters are loaded: what was learned before the reset. A stored
  // record learned against another rated capacity belongs to another pack and is dropped.
  void load(std::int32_t design_capacity_mAh);
  // Every tick. `bleeding`: the balancing mask in force since the last tick; `no_path`: no
  // current could flow since the last tick (every power switch open).
  void update(TimeMs now, const Measurements& m, TimeMs dt_ms, std::uint16_t bleeding,
              bool no_path = false);
  void calibrate_full(TimeMs now);
  void calibrate_empty(TimeMs now);
  // The rated capacity was changed by the installer: a new pack, learning starts over.
  void set_design_capacity(std::int32_t design_capacity_mAh);
  bool save(TimeMs now);
  bool set_soc_pptt(std::int32_t soc_pptt);

  void report(BmsStatus& s) const;
  std::uint8_t take_events();
  const SocEstimator& soc() const { return soc_; }
  const CapacityLearner& capacity() const { return capacity_; }
  const WeakCellDetector& weak_cells() const { return weak_; }

 private:
  struct Counters {
    UsageTotals totals;
    std::int64_t charge_rest_mAms = 0;  // below one unit, carried over
    std::int64_t discharge_rest_mAms = 0;
    std::int64_t charge_rest_uWms = 0;
    std::int64_t discharge_rest_uWms = 0;
  };

  void start(const Measurements& m);
  void count(const Measurements& m, TimeMs dt_ms);
  void learn(TimeMs now, const Measurements& m);
  void apply_capacity();
  void prior_from_spread();
  StoredEstimates snapshot() const;
  CapacityPoint point(TimeMs now) const;

  EstimateStorage storage_;
  SocEstimator soc_;
  CapacityLearner capacity_;
  WeakCellDetector weak_;
  Counters counters_;
  StoredEstimates stored_;
  std::int32_t design_capacity_mAh_;
  std::int32_t bleed_mA_;
  TimeMs last_save_ = 0;
  std::int32_t last_saved_soc_pptt_ = 0;
  TimeMs last_weak_sample_ = 0;
  TimeMs last_observe_ = 0;
  std::uint8_t events_ = 0;
  bool have_stored_ = false;
};

}  // namespace lfpbms
