#include "estimation/pack_estimator.hpp"

#include "core/float_math.hpp"
#include "estimation/lfp_ocv.hpp"

namespace lfpbms {

namespace {

constexpr std::int64_t kMsPerHour = 3600000;
constexpr std::int64_t kuWmsPerWh = 3600000000000LL;  // 1 Wh = 3.6e12 µW·ms
// Before any segment the rated capacity is known to 10 % (1 σ): ageing, a wrong setting.
constexpr float kRatedDoubt = 0.10f;
constexpr float kPriorStep = 0.005f;  // the prior follows the spread in steps of 0.5 % of rated
// The filter is confident enough for a capacity anchor below this (1 σ).
constexpr float kAnchorSigma = 0.006f;
constexpr TimeMs kObserveMs = 10000;  // the capacity and the weak cells look this often
// A SOC stored before the reset is believed when the voltage allows it within this many σ;
// it is older than the voltage, so it is trusted to at least kRestoredSigma.
constexpr float kRestoreWithin = 2.0f;
constexpr std::int32_t kRestoredSigma_pptt = 100;
constexpr std::int32_t kHostSocSigma_pptt = 100;  // a SOC the host sets: 1 %
// Weak cells are judged once a minute, on the lower sloped part of the curve, near rest.
constexpr TimeMs kWeakSampleMs = 60000;
constexpr float kWeakLowSoc = 0.08f;
constexpr float kWeakHighSoc = 0.40f;

}  // namespace

PackEstimator::PackEstimator(hal::Nvm& nvm, std::size_t nvm_sector,
                             std::int32_t design_capacity_mAh, std::int32_t bleed_mA)
    : storage_(nvm, nvm_sector),
      soc_(design_capacity_mAh),
      design_capacity_mAh_(design_capacity_mAh),
      bleed_mA_(bleed_mA) {
  capacity_.reset(static_cast<float>(design_capacity_mAh) * 1e-3f,
                  kRatedDoubt * static_cast<float>(design_capacity_mAh) * 1e-3f);
}

void PackEstimator::load(std::int32_t design_capacity_mAh) {
  design_capacity_mAh_ = design_capacity_mAh;
  StoredEstimates e;
  have_stored_ =
      storage_.load(e) && e.design_capacity_mAh == static_cast<std::uint32_t>(design_capacity_mAh);
  if (!have_stored_) {
    set_design_capacity(design_capacity_mAh);
    return;
  }
  stored_ = e;
  capacity_.reset(static_cast<float>(e.capacity_mAh) * 1e-3f,
                  static_cast<float>(e.capacity_sigma_mAh) * 1e-3f, e.capacity_segments);
  counters_.totals = e.usage;
  soc_.restore_model(static_cast<float>(e.current_offset_uA) * 1e-6f,
                     static_cast<float>(e.r0_25_uOhm) * 1e-6f);
  weak_.restore(e.cell_drift_pptt_day, kMaxCells);
  apply_capacity();
}

void PackEstimator::set_design_capacity(std::int32_t design_capacity_mAh) {
  design_capacity_mAh_ = design_capacity_mAh;
  capacity_.reset(static_cast<float>(design_capacity_mAh) * 1e-3f,
                  kRatedDoubt * static_cast<float>(design_capacity_mAh) * 1e-3f);
  have_stored_ = false;
  apply_capacity();
}

void PackEstimator::apply_capacity() {
  soc_.set_capacity(static_cast<std::int32_t>(capacity_.capacity_Ah() * 1000.0f));
}

// The first valid cells: the SOC from the voltage, or the stored one if the voltage allows it
// (on the plateau the voltage allows much, and the stored SOC is the better guess): when it is
// close to the voltage's guess, or when the cells could show this voltage at the stored SOC
// under the present load.
void PackEstimator::start(const Measurements& m) {
  soc_.start(m);
  if (!have_stored_) return;
  const std::int32_t from_voltage = soc_.estimate_pptt();
  const float allowed = kRestoreWithin * static_cast<float>(soc_.soc_sigma_pptt());
  const std::int32_t diff = stored_.soc_pptt - from_voltage;
  if (static_cast<float>(diff < 0 ? -diff : diff) <= allowed ||
      soc_.voltage_allows(m, stored_.soc_pptt)) {
    const std::int32_t sigma =
        stored_.soc_sigma_pptt > kRestoredSigma_pptt ? stored_.soc_sigma_pptt : kRestoredSigma_pptt;
    soc_.restore(stored_.soc_pptt, sigma);
  }
}

void PackEstimator::update(TimeMs now, const Measurements& m, TimeMs dt_ms, std::uint16_t bleeding,
                           bool no_path) {
  if (!soc_.started()) {
    if (!m.cells_valid() || m.cell_count == 0) return;
    start(m);
    save(now);  // a power cut before the first periodic save then still finds a SOC
  }
  if (no_path) {
    soc_.no_current_path(m, dt_ms);
  } else {
    soc_.current_path();
  }
  soc_.update(m, dt_ms, bleeding, bleed_mA_);
  if (m.current_valid() && !no_path) count(m, dt_ms);
  if (bleeding != 0) {
    weak_.bled(bleeding, static_cast<float>(bleed_mA_) * static_cast<float>(dt_ms) /
                             static_cast<float>(soc_.capacity_mAh() * kMsPerHour));
  }
  learn(now, m);
  prior_from_spread();
  const std::int32_t moved = soc_.soc_pptt() - last_saved_soc_pptt_;
  if (now - last_save_ >= kSaveEveryMs || moved >= kSaveSocStep_pptt ||
      moved <= -kSaveSocStep_pptt) {
    save(now);
  }
}

void PackEstimator::count(const Measurements& m, TimeMs dt_ms) {
  const std::int64_t current_mA = m.current_raw_mA - soc_.current_offset_mA();
  const std::int64_t charge_mAms = current_mA * static_cast<std::int64_t>(dt_ms);
  const std::int64_t energy_uWms = charge_mAms * static_cast<std::int64_t>(m.pack_voltage_mV);
  Counters& c = counters_;
  UsageTotals& u = c.totals;
  if (charge_mAms > 0) {
    c.charge_rest_mAms += charge_mAms;
    c.charge_rest_uWms += energy_uWms;
  } else {
    c.discharge_rest_mAms -= charge_mAms;
    c.discharge_rest_uWms -= energy_uWms;
  }
  while (c.charge_rest_mAms >= kMsPerHour) c.charge_rest_mAms -= kMsPerHour, ++u.charged_mAh;
  while (c.charge_rest_uWms >= kuWmsPerWh) c.charge_rest_uWms -= kuWmsPerWh, ++u.charged_Wh;
  while (c.discharge_rest_uWms >= kuWmsPerWh) {
    c.discharge_rest_uWms -= kuWmsPerWh;
    ++u.discharged_Wh;
  }
  while (c.discharge_rest_mAms >= kMsPerHour) {
    c.discharge_rest_mAms -= kMsPerHour;
    ++u.discharged_mAh;
    // One cycle: the learned capacity discharged, in as many parts as it takes.
    if (++u.cycle_progress_mAh >= static_cast<std::uint32_t>(soc_.capacity_mAh())) {
      u.cycle_progress_mAh = 0;
      ++u.cycle_count;
    }
  }
}

CapacityPoint PackEstimator::point(TimeMs now) const {
  return {static_cast<float>(soc_.estimate_pptt()) * 1e-4f,
          static_cast<float>(soc_.soc_sigma_pptt()) * 1e-4f, soc_.counted_mAms(), now};
}

void PackEstimator::learn(TimeMs now, const Measurements& m) {
  if (now - last_observe_ < kObserveMs) return;
  last_observe_ = now;
  const CapacityPoint p = point(now);
  if (capacity_.observe(p, p.sigma < kAnchorSigma)) {
    apply_capacity();
    events_ |= kCapacityLearned;
  }
  if (now - last_weak_sample_ < kWeakSampleMs || !m.cells_valid()) return;
  last_weak_sample_ = now;
  if (p.soc < kWeakLowSoc || p.soc > kWeakHighSoc) return;
  float relative[kMaxCells];
  soc_.cell_socs(m, relative);
  const float median = median_of(relative, m.cell_count);
  for (std::uint8_t i = 0; i < m.cell_count; ++i) relative[i] -= median;
  const std::uint8_t before = weak_.weak_cell();
  weak_.sample(now, relative, m.cell_count, p.soc);
  if (weak_.weak_cell() != 0 && weak_.weak_cell() != before) events_ |= kWeakCellFound;
}

// Until a segment has measured it, the usable capacity is the rated one less the cells' spread
// (the lowest cell empties and the highest fills that much early), once the spread is known.
void PackEstimator::prior_from_spread() {
  if (capacity_.segments() != 0 || have_stored_) return;
  const float spread = soc_.spread_below() + soc_.spread_above();
  const float rated_Ah = static_cast<float>(design_capacity_mAh_) * 1e-3f;
  const float prior_Ah = rated_Ah * (1.0f - spread);
  if (absf(prior_Ah - capacity_.capacity_Ah()) < kPriorStep * rated_Ah) return;
  capacity_.reset(prior_Ah, kRatedDoubt * rated_Ah);
  apply_capacity();
}

void PackEstimator::calibrate_full(TimeMs now) {
  soc_.calibrate_full();
  if (capacity_.anchor(point(now))) {
    apply_capacity();
    events_ |= kCapacityLearned;
  }
  save(now);
}

void PackEstimator::calibrate_empty(TimeMs now) {
  soc_.calibrate_empty();
  if (capacity_.anchor(point(now))) {
    apply_capacity();
    events_ |= kCapacityLearned;
  }
}

StoredEstimates PackEstimator::snapshot() const {
  StoredEstimates e;
  e.design_capacity_mAh = static_cast<std::uint32_t>(design_capacity_mAh_);
  e.capacity_mAh = static_cast<std::uint32_t>(capacity_.capacity_Ah() * 1000.0f);
  e.capacity_sigma_mAh = static_cast<std::uint32_t>(capacity_.sigma_Ah() * 1000.0f);
  e.capacity_segments = capacity_.segments();
  e.usage = counters_.totals;
  e.soc_pptt = static_cast<std::uint16_t>(soc_.estimate_pptt());
  e.soc_sigma_pptt = static_cast<std::uint16_t>(soc_.soc_sigma_pptt());
  e.current_offset_uA = static_cast<std::int32_t>(soc_.current_offset_mA()) * 1000;
  e.r0_25_uOhm = static_cast<std::uint32_t>(soc_.r0_25_ohm() * 1e6f);
  for (std::uint8_t i = 0; i < kMaxCells; ++i) e.cell_drift_pptt_day[i] = weak_.drift_pptt_day(i);
  return e;
}

bool PackEstimator::set_soc_pptt(std::int32_t soc_pptt) {
  if (!soc_.started() || soc_pptt < 0 || soc_pptt > kFullSoc_pptt) return false;
  soc_.restore(soc_pptt, kHostSocSigma_pptt);
  return true;
}

bool PackEstimator::save(TimeMs now) {
  last_save_ = now;
  last_saved_soc_pptt_ = soc_.soc_pptt();
  return soc_.started() && storage_.save(snapshot());
}

void PackEstimator::report(BmsStatus& s) const {
  s.soc_pptt = soc_.soc_pptt();
  s.remaining_mAh = soc_.remaining_mAh();
  s.full_capacity_mAh = soc_.capacity_mAh();
  s.soh_pptt = design_capacity_mAh_ > 0
                   ? static_cast<std::int32_t>(static_cast<std::int64_t>(soc_.capacity_mAh()) *
                                               kFullSoc_pptt / design_capacity_mAh_)
                   : 0;
  const UsageTotals& u = counters_.totals;
  s.cycle_count = u.cycle_count;
  s.charged_mAh_total = u.charged_mAh;
  s.discharged_mAh_total = u.discharged_mAh;
  s.charged_Wh_total = u.charged_Wh;
  s.discharged_Wh_total = u.discharged_Wh;
  s.weak_cell = weak_.weak_cell();
}

std::uint8_t PackEstimator::take_events() {
  const std::uint8_t e = events_;
  events_ = 0;
  return e;
}

}  // namespace lfpbms
