// report.html of a replay: the twin's report page (uPlot, embedded) with the replay's panels.
#include <fstream>

#include "sim/core/output_file.hpp"
#include "sim/replay/replay_outputs.hpp"
#include "sim/report/report_html.hpp"

namespace lfpbms::sim {

namespace {

// More points than this make the page slow and say nothing more at screen resolution.
constexpr std::size_t kMaxPlotPoints = 20000;

using Column = double ReplayPoint::*;

class Plot {
 public:
  explicit Plot(const std::vector<ReplayPoint>& points)
      : points_(points), stride_(points.size() / kMaxPlotPoints + 1) {}

  std::vector<double> times() const { return values(&ReplayPoint::t_s); }
  ReportSeries series(const char* name, Column c) const { return {name, values(c), false}; }
  ReportSeries error() const {
    ReportSeries s{"estimated - reference", {}, false};
    for (std::size_t i = 0; i < points_.size(); i += stride_) {
      s.values.push_back(points_[i].soc_est_pct - points_[i].soc_ref_pct);
    }
    return s;
  }
  // A switch drawn as steps on its own level.
  ReportSeries path(const char* name, bool ReplayPoint::*f, double level) const {
    ReportSeries s{name, {}, true};
    for (std::size_t i = 0; i < points_.size(); i += stride_) {
      s.values.push_back(level + (points_[i].*f ? 0.8 : 0.0));
    }
    return s;
  }

 private:
  std::vector<double> values(Column c) const {
    std::vector<double> v;
    v.reserve(points_.size() / stride_ + 1);
    for (std::size_t i = 0; i < points_.size(); i += stride_) v.push_back(points_[i].*c);
    return v;
  }

  const std::vector<ReplayPoint>& points_;
  std::size_t stride_;
};

std::vector<ReportPanel> panels(const ReplayResult& r, bool has_ref) {
  const Plot p(r.points);
  ReportPanel soc{"State of charge", "%", {p.series("estimated", &ReplayPoint::soc_est_pct)}};
  if (has_ref) soc.series.push_back(p.series("reference", &ReplayPoint::soc_ref_pct));
  std::vector<ReportPanel> out{soc};
  if (has_ref) out.push_back({"SOC error", "%", {p.error()}});
  out.push_back({"Current (log)", "A", {p.series("current", &ReplayPoint::current_A)}});
  out.push_back({"Cells",
                 "V",
                 {p.series("min cell", &ReplayPoint::cell_min_V),
                  p.series("max cell", &ReplayPoint::cell_max_V)}});
  out.push_back({"Temperature", "°C", {p.series("cells", &ReplayPoint::temperature_C)}});
  out.push_back({"Firmware's switches",
                 "on/off",
                 {p.path("charge path", &ReplayPoint::charge_path, 0),
                  p.path("discharge path", &ReplayPoint::discharge_path, 1)}});
  return out;
}

std::string value_text(const nlohmann::ordered_json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

void write_replay_report(const ReplayResult& r, const nlohmann::ordered_json& summary,
                         const std::filesystem::path& file) {
  ReportData d;
  const ReplaySetup& s = r.setup;
  d.title = "Replay of " + std::filesystem::path(r.source).filename().string();
  char sub[200];
  std::snprintf(sub, sizeof sub, "%zu rows; %dS of %g Ah cells; firmware at %g Ah, current x%g",
                r.points.size(), int{s.series}, s.cell_capacity_Ah, s.design_capacity_Ah,
                s.current_scale);
  d.subtitle = sub;
  for (const auto& [key, value] : summary.items()) {
    if (!value.is_object() && !value.is_array()) d.summary.emplace_back(key, value_text(value));
  }
  d.t_s = Plot(r.points).times();
  d.panels = panels(r, summary.contains("soc_rmse_pct"));
  for (const auto& e : r.events) d.events.push_back({e.t_s, e.group, e.text});
  std::ofstream out = open_output(file);
  write_report_html(d, out);
}

}  // namespace lfpbms::sim
