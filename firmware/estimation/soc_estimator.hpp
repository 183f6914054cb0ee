#pragma once
// State of charge by coulomb counting, started from the open-circuit voltage and set to
// 100 % / 0 % at the calibration points (full charge, under-voltage protection). The full
// estimator with OCV correction, SOH and balancing comes with SE-1/SE-2 (issue 6).
#include <cstdint>

#include "core/units.hpp"

namespace lfpbms {

class SocEstimator {
 public:
  explicit SocEstimator(std::int32_t capacity_mAh) : capacity_mAh_(capacity_mAh) {}

  void start_from_ocv(std::uint16_t mean_cell_mV);
  void set_soc(std::int32_t soc_pptt);
  // Integrates the raw (not dead-banded) current over `dt_ms`.
  void integrate(std::int32_t current_mA, TimeMs dt_ms);
  void calibrate_full() { set_soc(kFullSoc_pptt); }
  void calibrate_empty() { set_soc(0); }
  void set_capacity(std::int32_t capacity_mAh);

  std::int32_t soc_pptt() const;
  std::int32_t remaining_mAh() const {
    return static_cast<std::int32_t>(charge_mAms_ / kMsPerHour);
  }
  std::int32_t capacity_mAh() const { return capacity_mAh_; }

 private:
  static constexpr std::int64_t kMsPerHour = 3600000;
  std::int32_t capacity_mAh_;
  std::int64_t charge_mAms_ = 0;  // remaining charge in mA·ms
};

}  // namespace lfpbms
