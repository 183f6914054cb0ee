#include "sim/pack/pack.hpp"

#include <algorithm>
#include <cmath>

namespace lfpbms::sim {

namespace {

// Offsets spreading `range` evenly over n cells (max - min = range, mean 0), in an order
// shuffled by `rng`: a known imbalance whose worst cell the seed picks.
std::vector<double> even_spread(double range, std::size_t n, Random rng) {
  std::vector<double> offsets(n, 0.0);
  if (n < 2) return offsets;
  for (std::size_t k = 0; k < n; ++k) {
    offsets[k] = range * (static_cast<double>(k) / static_cast<double>(n - 1) - 0.5);
  }
  for (std::size_t k = n - 1; k > 0; --k) {  // Fisher-Yates
    const auto j = static_cast<std::size_t>(rng.uniform() * static_cast<double>(k + 1));
    std::swap(offsets[k], offsets[std::min(j, k)]);
  }
  return offsets;
}

}  // namespace

Pack::Pack(const PackSetup& setup, double capacity_Ah, std::uint8_t series_count, Random rng) {
  std::vector<CellParams> params(series_count);
  std::vector<double> soc(series_count);
  for (std::uint8_t i = 0; i < series_count; ++i) {
    CellParams& p = params[i];
    p.capacity_Ah = capacity_Ah * (setup.soh_pct / 100.0) *
                    (1.0 + rng.normal(0, setup.capacity_spread_pct / 100.0));
    // Resistance scales inversely with the rated capacity: a 200 Ah cell has half a 100 Ah
    // cell's.
    const double r_scale = (100.0 / capacity_Ah) *
                           std::max(0.5, 1.0 + rng.normal(0, setup.resistance_spread_pct / 100.0));
    p.r0_mOhm *= r_scale;
    p.r1_mOhm *= r_scale;
    p.r2_mOhm *= r_scale;
    p.self_discharge_pct_month =
        setup.self_discharge_pct_month * std::max(0.2, 1.0 + rng.normal(0, 0.3));
    soc[i] = setup.initial_soc + rng.normal(0, setup.initial_soc_spread_pct / 100.0);
  }
  // Drawn after the rest, and only when asked for, so that other runs keep their cells.
  if (setup.imbalance_pct > 0) {
    const auto offsets = even_spread(setup.imbalance_pct / 100.0, series_count, rng.fork(1));
    for (std::size_t i = 0; i < soc.size(); ++i) soc[i] += offsets[i];
  }
  cells_.reserve(series_count);
  for (std::size_t i = 0; i < params.size(); ++i) {
    cells_.emplace_back(params[i], std::clamp(soc[i], 0.0, 1.0));
  }
  sum_up();
}

// The stack's voltage and resistance, read several times a step by the bus, the heater and
// the recorder: summed once.
void Pack::sum_up() {
  internal_V_ = 0;
  resistance_ohm_ = kInterconnect_mOhm / 1000.0 * static_cast<double>(cells_.size());
  for (const auto& c : cells_) {
    internal_V_ += c.internal_V();
    resistance_ohm_ += c.r0_ohm();
  }
}

void Pack::step(double current_A, double bms_A, double dt_s, const std::vector<double>& cell_C) {
  heat_W_ = 0;
  bleed_W_ = 0;
  last_current_A_ = current_A - bms_A;
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    const double bleed_A = (bleed_mask_ >> i & 1u) != 0 ? kBleed_A : 0.0;
    cells_[i].step(last_current_A_ - bleed_A, dt_s, cell_C[i]);
    heat_W_ += cells_[i].heat_W();
    bleed_W_ += bleed_A * cells_[i].internal_V();
  }
  heat_W_ += last_current_A_ * last_current_A_ * kInterconnect_mOhm / 1000.0 *
             static_cast<double>(cells_.size());
  sum_up();
}

double Pack::cell_V(std::size_t i, double current_A) const {
  return cells_[i].terminal_V(current_A);
}

double Pack::usable_soc() const {
  double to_empty_Ah = 1e18;
  double to_full_Ah = 1e18;
  for (const auto& c : cells_) {
    const double cap = c.params().capacity_Ah;
    to_empty_Ah = std::min(to_empty_Ah, std::max(0.0, c.soc()) * cap);
    to_full_Ah = std::min(to_full_Ah, std::max(0.0, 1.0 - c.soc()) * cap);
  }
  const double span = to_empty_Ah + to_full_Ah;
  return span > 0 ? to_empty_Ah / span : 0.0;
}

double Pack::min_cell_soc() const {
  double s = 1e9;
  for (const auto& c : cells_) s = std::min(s, c.soc());
  return s;
}

double Pack::max_cell_soc() const {
  double s = -1e9;
  for (const auto& c : cells_) s = std::max(s, c.soc());
  return s;
}

}  // namespace lfpbms::sim
