// summary.json of a replay.
#include <algorithm>
#include <cmath>
#include <map>

#include "sim/replay/replay_outputs.hpp"

namespace lfpbms::sim {

namespace {

// Adding 0.0 turns a rounded -0 into 0, which JSON would otherwise print as "-0.0".
double rounded(double v, int decimals = 3) {
  const double f = std::pow(10.0, decimals);
  return std::round(v * f) / f + 0.0;
}

struct SocError {
  std::size_t rows = 0;
  double sq_sum = 0;
  double max_abs = 0;
  double max_at_s = 0;
  double final_ref_pct = 0;
};

SocError soc_error(const std::vector<ReplayPoint>& points) {
  SocError e;
  for (const auto& p : points) {
    if (std::isnan(p.soc_ref_pct)) continue;
    const double err = p.soc_est_pct - p.soc_ref_pct;
    ++e.rows;
    e.sq_sum += err * err;
    if (std::abs(err) > e.max_abs) {
      e.max_abs = std::abs(err);
      e.max_at_s = p.t_s;
    }
    e.final_ref_pct = p.soc_ref_pct;
  }
  return e;
}

// Charge through the log's current, in the log's own amps (+ charges), over each row's step.
std::pair<double, double> charge_Ah(const std::vector<ReplayPoint>& points) {
  double in = 0;
  double out = 0;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const double Ah = points[i].current_A * (points[i].t_s - points[i - 1].t_s) / 3600.0;
    (Ah > 0 ? in : out) += std::abs(Ah);
  }
  return {in, out};
}

void add_ranges(nlohmann::ordered_json& j, const std::vector<ReplayPoint>& points) {
  double lo_V = 1e9, hi_V = -1e9, lo_C = 1e9, hi_C = -1e9;
  for (const auto& p : points) {
    lo_V = std::min(lo_V, p.cell_min_V);
    hi_V = std::max(hi_V, p.cell_max_V);
    lo_C = std::min(lo_C, p.temperature_C);
    hi_C = std::max(hi_C, p.temperature_C);
  }
  j["min_cell_mV"] = std::lround(lo_V * 1000.0);
  j["max_cell_mV"] = std::lround(hi_V * 1000.0);
  j["min_temp_C"] = rounded(lo_C, 2);
  j["max_temp_C"] = rounded(hi_C, 2);
}

void add_soc(nlohmann::ordered_json& j, const ReplayResult& r) {
  const SocError e = soc_error(r.points);
  if (e.rows > 0) {
    j["soc_ref_rows"] = e.rows;
    j["soc_rmse_pct"] = rounded(std::sqrt(e.sq_sum / static_cast<double>(e.rows)));
    j["soc_max_err_pct"] = rounded(e.max_abs);
    j["soc_max_err_at_s"] = rounded(e.max_at_s, 1);
  }
  j["final_soc_est_pct"] = rounded(r.points.back().soc_est_pct, 2);
  if (e.rows > 0) j["final_soc_ref_pct"] = rounded(e.final_ref_pct, 2);
}

void add_events(nlohmann::ordered_json& j, const std::vector<ReplayEvent>& events) {
  std::map<std::string, int> counts;
  std::vector<std::string> protections;
  for (const auto& e : events) {
    ++counts[e.code];
    if (e.group == "protect" &&
        std::find(protections.begin(), protections.end(), e.code) == protections.end()) {
      protections.push_back(e.code);
    }
  }
  j["events"] = counts;
  j["protections"] = protections;
}

}  // namespace

nlohmann::ordered_json replay_summary(const ReplayResult& r) {
  const ReplaySetup& s = r.setup;
  nlohmann::ordered_json j;
  j["log"] = r.source;
  j["rows"] = r.points.size();
  j["duration_s"] = rounded(r.points.back().t_s - r.points.front().t_s, 3);
  j["series"] = s.series;
  j["cell_capacity_Ah"] = s.cell_capacity_Ah;
  j["design_capacity_Ah"] = s.design_capacity_Ah;
  j["current_scale"] = rounded(s.current_scale, 6);
  j["current_offset_A"] = r.options.current_offset_A;
  j["initial_soc_pct"] =
      r.options.initial_soc_pct ? nlohmann::ordered_json(*r.options.initial_soc_pct) : nullptr;
  j["initial_soc_source"] = r.initial_soc_source;
  j["initial_soc_est_pct"] = rounded(r.initial_soc_est_pct, 2);
  add_soc(j, r);
  add_ranges(j, r.points);
  const auto [in_Ah, out_Ah] = charge_Ah(r.points);
  j["charged_Ah"] = rounded(in_Ah, 4);
  j["discharged_Ah"] = rounded(out_Ah, 4);
  j["charge_blocked_s"] = rounded(r.charge_blocked_s, 1);
  j["discharge_blocked_s"] = rounded(r.discharge_blocked_s, 1);
  add_events(j, r.events);
  j["warnings"] = s.warnings;
  j["wall_s"] = rounded(r.wall_s, 3);
  return j;
}

}  // namespace lfpbms::sim
