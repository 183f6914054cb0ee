// report.html: the trace as stacked panels, the events on the time axis, the summary on top.
#include <fstream>

#include "sim/core/output_file.hpp"
#include "sim/report/report_html.hpp"
#include "sim/runner/outputs.hpp"

namespace lfpbms::sim {

namespace {

using Column = float TraceRow::*;

ReportSeries series(const std::vector<TraceRow>& rows, const char* name, Column c,
                    double offset = 0, bool step = false) {
  ReportSeries s{name, {}, step};
  s.values.reserve(rows.size());
  for (const auto& r : rows) s.values.push_back(static_cast<double>(r.*c) + offset);
  return s;
}

using Flag = std::uint8_t TraceRow::*;

// States drawn as steps, each on its own level so that they do not overlap.
ReportSeries flag(const std::vector<TraceRow>& rows, const char* name, Flag f, double level) {
  ReportSeries s{name, {}, true};
  s.values.reserve(rows.size());
  for (const auto& r : rows) s.values.push_back(level + ((r.*f) != 0 ? 0.8 : 0.0));
  return s;
}

std::vector<ReportPanel> panels(const std::vector<TraceRow>& rows) {
  ReportSeries dcl = series(rows, "-DCL", &TraceRow::dcl_A);
  for (auto& v : dcl.values) v = -v;
  return {
      {"Pack voltage",
       "V",
       {series(rows, "pack", &TraceRow::pack_V), series(rows, "terminals", &TraceRow::terminal_V),
        series(rows, "charge voltage limit", &TraceRow::cvl_V)}},
      {"Current",
       "A",
       {series(rows, "current", &TraceRow::current_A), series(rows, "CCL", &TraceRow::ccl_A), dcl}},
      {"State of charge",
       "%",
       {series(rows, "true", &TraceRow::soc_true_pct),
        series(rows, "estimated", &TraceRow::soc_est_pct)}},
      {"Cells",
       "V",
       {series(rows, "min cell", &TraceRow::cell_min_V),
        series(rows, "max cell", &TraceRow::cell_max_V)}},
      {"Temperatures",
       "°C",
       {series(rows, "coldest cell", &TraceRow::temp_min_C),
        series(rows, "warmest cell", &TraceRow::temp_max_C),
        series(rows, "MOSFET", &TraceRow::mosfet_C),
        series(rows, "ambient", &TraceRow::ambient_C)}},
      {"Power",
       "kW",
       {series(rows, "PV", &TraceRow::pv_kW), series(rows, "house", &TraceRow::load_kW),
        series(rows, "grid", &TraceRow::grid_kW)}},
      {"Switches",
       "on/off",
       {flag(rows, "charge FET", &TraceRow::chg, 0), flag(rows, "discharge FET", &TraceRow::dsg, 1),
        flag(rows, "pre-charge", &TraceRow::pre, 2), flag(rows, "limiter", &TraceRow::lim, 3),
        flag(rows, "heater", &TraceRow::heater, 4), flag(rows, "force charge", &TraceRow::force, 5),
        flag(rows, "balancing", &TraceRow::bleeding, 6)}},
  };
}

// A bank: one line per pack, for the value `column` of each pack trace row.
ReportPanel per_pack(const std::vector<PackTraceRow>& rows, const char* title, const char* unit,
                     std::vector<float> PackTraceRow::*column) {
  ReportPanel panel{title, unit, {}};
  const std::size_t packs = rows.empty() ? 0 : (rows.front().*column).size();
  for (std::size_t i = 0; i < packs; ++i) {
    ReportSeries s{"pack " + std::to_string(i + 1), {}, false};
    s.values.reserve(rows.size());
    for (const auto& r : rows) s.values.push_back(static_cast<double>((r.*column)[i]));
    panel.series.push_back(std::move(s));
  }
  return panel;
}

std::string value_text(const nlohmann::ordered_json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

void write_report(const Simulation& sim, const nlohmann::ordered_json& summary,
                  const std::filesystem::path& file) {
  ReportData d;
  const Scenario& sc = sim.scenario();
  d.title = sc.name + (summary["passed"].get<bool>() ? " — passed" : " — FAILED");
  d.subtitle = sc.description + " Profile " + sim.profile().name + ", seed " +
               std::to_string(sc.seed) + ", " + clock_text(sim.t_s()) + " simulated.";
  for (const char* key :
       {"safety_violations", "soc_rmse_pct",   "soc_max_err_pct", "soc_max_rate_pct_min",
        "soh_true_pct",      "soh_est_pct",    "top_spread_mV",   "weak_cell",
        "min_cell_mV",       "max_cell_mV",    "max_cell_temp_C", "min_cell_temp_C",
        "charged_kWh",       "discharged_kWh", "pv_kWh",          "load_kWh",
        "grid_import_kWh",   "awake_pct",      "final_state",     "speedup"}) {
    d.summary.emplace_back(key, value_text(summary[key]));
  }
  for (const auto& x : summary["expectations"]) {
    d.summary.emplace_back(x["expect"].get<std::string>(),
                           (x["pass"].get<bool>() ? "pass (" : "FAIL (") + x["value"].dump() + ")");
  }
  const auto& rows = sim.recorder().trace();
  for (const auto& r : rows) d.t_s.push_back(r.t_s);
  d.panels = panels(rows);
  const auto& packs = sim.recorder().pack_trace();
  if (!packs.empty() && packs.size() == rows.size()) {
    d.panels.push_back(per_pack(packs, "Each pack: state of charge (its firmware)", "%",
                                &PackTraceRow::soc_est_pct));
    d.panels.push_back(per_pack(packs, "Each pack: current", "A", &PackTraceRow::current_A));
  }
  for (const auto& e : sim.recorder().events()) {
    d.events.push_back({e.t_s, e.group, e.code + " — " + sim.pack_label(e.pack) + e.text});
  }
  std::ofstream out = open_output(file);
  write_report_html(d, out);
}

}  // namespace lfpbms::sim
