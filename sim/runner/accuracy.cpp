#include "sim/runner/accuracy.hpp"

#include <algorithm>

namespace lfpbms::sim {

double true_soh_pct(const Pack& pack, double rated_capacity_Ah) {
  double smallest_Ah = pack.cell(0).params().capacity_Ah;
  for (std::size_t i = 1; i < pack.series_count(); ++i) {
    smallest_Ah = std::min(smallest_Ah, pack.cell(i).params().capacity_Ah);
  }
  return 100.0 * smallest_Ah / rated_capacity_Ah;
}

std::optional<double> top_spread_mV(const std::vector<LoggedEvent>& events) {
  const auto full = std::find_if(events.rbegin(), events.rend(), [](const LoggedEvent& e) {
    return e.code == "system:FullyCharged";
  });
  if (full == events.rend()) return std::nullopt;
  return static_cast<double>(full->snapshot.max_cell_mV) - full->snapshot.min_cell_mV;
}

std::optional<double> days_to_top_spread(const std::vector<LoggedEvent>& events, double spread_mV) {
  for (const LoggedEvent& e : events) {
    const double spread = static_cast<double>(e.snapshot.max_cell_mV) - e.snapshot.min_cell_mV;
    if (e.code == "system:FullyCharged" && spread <= spread_mV) return e.t_s / 86400.0;
  }
  return std::nullopt;
}

}  // namespace lfpbms::sim
