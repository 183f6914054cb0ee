#include "estimation/soc_estimator.hpp"

#include "estimation/lfp_ocv.hpp"

namespace lfpbms {

void SocEstimator::start_from_ocv(std::uint16_t mean_cell_mV) {
  set_soc(lfp_soc_from_ocv_pptt(mean_cell_mV));
}

void SocEstimator::set_soc(std::int32_t soc_pptt) {
  if (soc_pptt < 0) soc_pptt = 0;
  if (soc_pptt > kFullSoc_pptt) soc_pptt = kFullSoc_pptt;
  charge_mAms_ = static_cast<std::int64_t>(capacity_mAh_) * kMsPerHour * soc_pptt / kFullSoc_pptt;
}

void SocEstimator::set_capacity(std::int32_t capacity_mAh) {
  const std::int32_t soc = soc_pptt();
  capacity_mAh_ = capacity_mAh;
  set_soc(soc);
}

void SocEstimator::integrate(std::int32_t current_mA, TimeMs dt_ms) {
  const std::int64_t full = static_cast<std::int64_t>(capacity_mAh_) * kMsPerHour;
  charge_mAms_ += static_cast<std::int64_t>(current_mA) * static_cast<std::int64_t>(dt_ms);
  if (charge_mAms_ < 0) charge_mAms_ = 0;
  if (charge_mAms_ > full) charge_mAms_ = full;
}

std::int32_t SocEstimator::soc_pptt() const {
  const std::int64_t full = static_cast<std::int64_t>(capacity_mAh_) * kMsPerHour;
  return full > 0 ? static_cast<std::int32_t>(charge_mAms_ * kFullSoc_pptt / full) : 0;
}

}  // namespace lfpbms
