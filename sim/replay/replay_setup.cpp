// How a log maps onto the firmware: series count, design capacity and current scale.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "measurement/validator.hpp"
#include "params/param_table.hpp"
#include "sim/replay/replay.hpp"

namespace lfpbms::sim {

namespace {

constexpr double kDefaultCapacity_Ah = 100.0;
constexpr int kDefaultSeries = 16;  // a single cell stands for the common 48 V storage pack

std::string text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::uint8_t series_of(const ReplayLog& log, const ReplayOptions& o) {
  int series = o.series.value_or(kDefaultSeries);
  if (!log.single_cell()) {
    const auto columns = static_cast<int>(log.cell_columns);
    if (o.series && *o.series != columns) {
      throw ReplayError(log.source + ": --series " + std::to_string(*o.series) +
                        ", but the log has " + std::to_string(columns) + " cell columns");
    }
    series = columns;
  }
  if (series < kMinCells || series > kMaxCells) {
    throw ReplayError(log.source + ": the firmware takes 4...16 cells in series, not " +
                      std::to_string(series));
  }
  return static_cast<std::uint8_t>(series);
}

// The firmware reads a current beyond its sensor's range as a sensor failure (and stops
// counting it): say so up front, since scaling a small cell's log can get there.
void warn_beyond_sensor(const ReplayLog& log, ReplaySetup& s) {
  double peak_A = 0;
  for (const auto& r : log.rows) peak_A = std::max(peak_A, std::abs(r.current_A));
  const double limit_A = kCurrentMax_mA / 1000.0;
  if (peak_A * s.current_scale > limit_A) {
    s.warnings.push_back("peak current " + text(peak_A) + " A is " +
                         text(peak_A * s.current_scale) +
                         " A at the firmware, beyond its sensor's " + text(limit_A) +
                         " A: such rows read as a current sensor failure");
  }
}

}  // namespace

ReplaySetup plan_replay(const ReplayLog& log, const ReplayOptions& o) {
  ReplaySetup s;
  s.series = series_of(log, o);
  if (o.cell_capacity_Ah) {
    s.cell_capacity_Ah = *o.cell_capacity_Ah;
    if (!(s.cell_capacity_Ah > 0) || !std::isfinite(s.cell_capacity_Ah)) {
      throw ReplayError(log.source + ": --cell-capacity-Ah must be above 0");
    }
  } else {
    s.cell_capacity_Ah = kDefaultCapacity_Ah;
    s.warnings.push_back("no --cell-capacity-Ah: cells of 100 Ah assumed");
  }
  if (o.initial_soc_pct && !(*o.initial_soc_pct >= 0 && *o.initial_soc_pct <= 100)) {
    throw ReplayError(log.source + ": --initial-soc must be 0...100 %, not " +
                      text(*o.initial_soc_pct));
  }
  // The firmware's range for its design capacity; outside it, C-rates are kept instead.
  const double min_Ah = param_min(ParamId::design_capacity_mAh, s.series) / 1000.0;
  const double max_Ah = param_max(ParamId::design_capacity_mAh, s.series) / 1000.0;
  const bool fits = s.cell_capacity_Ah >= min_Ah && s.cell_capacity_Ah <= max_Ah;
  s.design_capacity_Ah = fits ? s.cell_capacity_Ah : kDefaultCapacity_Ah;
  s.current_scale = s.design_capacity_Ah / s.cell_capacity_Ah;
  warn_beyond_sensor(log, s);
  if (!log.has_soc_ref) s.warnings.push_back("no soc_ref column: no SOC error to report");
  if (!log.ignored_columns.empty()) {
    std::string names;
    for (const auto& c : log.ignored_columns) names += (names.empty() ? "" : ", ") + c;
    s.warnings.push_back("columns ignored: " + names);
  }
  return s;
}

}  // namespace lfpbms::sim
