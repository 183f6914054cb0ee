// The summary of a run and the verdict on its expectations.
#include <algorithm>
#include <cmath>

#include "sim/runner/accuracy.hpp"
#include "sim/runner/event_names.hpp"
#include "sim/runner/outputs.hpp"

namespace lfpbms::sim {

namespace {

// BA-1: the balancer stops at 20 mV; the target for a balanced top.
constexpr double kBalancedSpread_mV = 20.0;

// The numeric summary keys an expectation may bound.
constexpr const char* kMetrics[] = {"safety_violations",
                                    "soc_rmse_pct",
                                    "soc_max_err_pct",
                                    "soc_max_rate_pct_min",
                                    "soc_max_jump_pct_min",
                                    "min_cell_mV",
                                    "max_cell_mV",
                                    "max_cell_temp_C",
                                    "min_cell_temp_C",
                                    "charged_kWh",
                                    "discharged_kWh",
                                    "pv_kWh",
                                    "load_kWh",
                                    "grid_import_kWh",
                                    "awake_pct",
                                    "final_soc_true_pct",
                                    "final_soc_est_pct",
                                    "soh_true_pct",
                                    "soh_est_pct",
                                    "soh_err_pct",
                                    "cycle_count",
                                    "bms_charged_kWh",
                                    "bms_discharged_kWh",
                                    "top_spread_mV",
                                    "days_to_20mV_top_spread",
                                    "weak_cell",
                                    "packs",
                                    "healthy_packs",
                                    "pack_soc_spread_pct",
                                    "bank_settled_s"};

double rounded(double v, int digits = 3) {
  const double k = std::pow(10.0, digits);
  return std::round(v * k) / k;
}

bool known_metric(const std::string& name) {
  return std::any_of(std::begin(kMetrics), std::end(kMetrics),
                     [&](const char* m) { return name == m; });
}

bool known_fault(const std::string& name) {
  for (int k = 0; k <= static_cast<int>(FaultKind::DcDisconnect); ++k) {
    if (name == fault_kind_name(static_cast<FaultKind>(k))) return true;
  }
  return false;
}

int count_events(const Recorder& rec, const Expectation& x) {
  int n = 0;
  for (const auto& e : rec.events()) {
    if (e.code != x.subject) continue;
    if (x.before_s && e.t_s >= *x.before_s) continue;
    if (x.after_s && e.t_s < *x.after_s) continue;
    ++n;
  }
  return n;
}

nlohmann::ordered_json judge(const Expectation& x, double value) {
  const bool ok = (!x.min || value >= *x.min) && (!x.max || value <= *x.max);
  return {{"expect", x.text}, {"value", rounded(value)}, {"pass", ok}};
}

// A metric the run has no value for (null: a top spread without a full charge) meets no bound.
nlohmann::ordered_json judge_metric(const Expectation& x, const nlohmann::ordered_json& value) {
  if (value.is_number()) return judge(x, value.get<double>());
  return {{"expect", x.text}, {"value", nullptr}, {"pass", false}};
}

// The firmware's learned capacity, counters and balance against the twin's truth.
void add_health(nlohmann::ordered_json& j, const Simulation& sim) {
  const BmsStatus& fw = sim.bms().status();
  const double soh_true_pct = true_soh_pct(sim.pack(), sim.rated_capacity_Ah());
  const double soh_est_pct = fw.soh_pptt / 100.0;
  j["soh_true_pct"] = rounded(soh_true_pct, 2);
  j["soh_est_pct"] = rounded(soh_est_pct, 2);
  j["soh_err_pct"] = rounded(std::abs(soh_est_pct - soh_true_pct), 2);
  j["cycle_count"] = fw.cycle_count;
  j["bms_charged_kWh"] = rounded(fw.charged_Wh_total / 1000.0);
  j["bms_discharged_kWh"] = rounded(fw.discharged_Wh_total / 1000.0);
  const auto spread_mV = top_spread_mV(sim.recorder().events());
  j["top_spread_mV"] = spread_mV ? nlohmann::ordered_json(*spread_mV) : nullptr;
  const auto balanced_day = days_to_top_spread(sim.recorder().events(), kBalancedSpread_mV);
  j["days_to_20mV_top_spread"] =
      balanced_day ? nlohmann::ordered_json(rounded(*balanced_day, 2)) : nullptr;
  j["weak_cell"] = fw.weak_cell;
}

const char* role_name(BankRole r) {
  switch (r) {
    case BankRole::Alone:
      return "alone";
    case BankRole::Master:
      return "master";
    case BankRole::Slave:
      return "slave";
    case BankRole::Unassigned:
      return "unassigned";
  }
  return "?";
}

// SPEC §6: the bank at the end, as its master sees it and as it truly is, pack by pack.
void add_bank(nlohmann::ordered_json& j, const Simulation& sim) {
  const Bank& bank = sim.bank();
  j["packs"] = bank.size();
  j["healthy_packs"] = sim.system_view().healthy_count;
  j["bank_settled_s"] = sim.bank_settled_s() >= 0
                            ? nlohmann::ordered_json(rounded(sim.bank_settled_s(), 1))
                            : nullptr;
  double lo = 100, hi = 0;
  auto& packs = j["bank"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < bank.size(); ++i) {
    const PackUnit& u = bank.unit(i);
    const double soc = 100.0 * u.usable_soc();
    lo = std::min(lo, soc);
    hi = std::max(hi, soc);
    if (bank.size() == 1) continue;
    const PackUnit::Totals& t = u.totals();
    nlohmann::ordered_json p = {
        {"pack", i + 1},
        {"address", u.node ? u.node->address() : 0},
        {"role", u.node ? role_name(u.node->role()) : "off"},
        {"capacity_Ah", u.capacity_Ah},
        {"soh_true_pct", rounded(true_soh_pct(u.pack, u.capacity_Ah), 2)},
        {"final_soc_true_pct", rounded(soc, 2)},
        {"final_soc_est_pct", u.bms ? rounded(u.bms->status().soc_pptt / 100.0, 2) : 0.0},
        {"min_cell_mV", std::round(t.min_cell_V * 1000.0)},
        {"max_cell_mV", std::round(t.max_cell_V * 1000.0)},
        {"charged_kWh", rounded(t.charged_Wh / 1000.0)},
        {"discharged_kWh", rounded(t.discharged_Wh / 1000.0)},
        {"safety_violations", u.monitor.violations().size()}};
    packs.push_back(std::move(p));
  }
  j["pack_soc_spread_pct"] = rounded(hi - lo, 2);
}

}  // namespace

void check_expectations(const Scenario& scenario) {
  for (const auto& x : scenario.expectations) {
    bool ok = false;
    if (x.kind == Expectation::Kind::Metric) {
      ok = known_metric(x.subject);
    } else {
      const auto colon = x.subject.find(':');
      const std::string kind = x.subject.substr(0, colon);
      const std::string name = colon == std::string::npos ? "" : x.subject.substr(colon + 1);
      ok = kind == "fault" ? known_fault(name) : known_event_name(kind, name);
      if (x.subject == "violation") ok = true;
    }
    if (!ok) {
      throw ScenarioError(scenario.source + ": expect: unknown " +
                          (x.kind == Expectation::Kind::Metric ? "metric" : "event") + " \"" +
                          x.subject + "\"");
    }
  }
}

nlohmann::ordered_json summarize(const Simulation& sim, double wall_s) {
  const Scenario& sc = sim.scenario();
  const Recorder& rec = sim.recorder();
  const RunStats& st = rec.stats();
  const BmsStatus& fw = sim.bms().status();
  const double n = st.soc_samples > 0 ? static_cast<double>(st.soc_samples) : 1.0;
  nlohmann::ordered_json j;
  j["scenario"] = sc.name;
  j["description"] = sc.description;
  j["source"] = sc.source;
  j["profile"] = sim.profile().name;
  j["seed"] = sc.seed;
  j["days"] = sc.days;
  j["simulated_s"] = rounded(sim.t_s(), 1);
  j["wall_s"] = rounded(wall_s);
  j["speedup"] = wall_s > 0 ? std::round(sim.t_s() / wall_s) : 0.0;
  const std::vector<Violation> violations = sim.violations();
  j["safety_violations"] = violations.size();
  auto& v = j["violations"] = nlohmann::ordered_json::array();
  for (const auto& x : violations) v.push_back({{"t_s", rounded(x.t_s, 1)}, {"text", x.text}});
  j["events"] = rec.counts();
  j["soc_rmse_pct"] = rounded(100.0 * std::sqrt(st.soc_sq_sum / n));
  j["soc_max_err_pct"] = rounded(100.0 * st.soc_max_err);
  j["soc_max_rate_pct_min"] = rounded(st.soc_max_rate_pct_min);
  j["soc_max_jump_pct_min"] = rounded(st.soc_max_jump_pct_min);
  j["min_cell_mV"] = std::round(st.min_cell_V * 1000.0);
  j["max_cell_mV"] = std::round(st.max_cell_V * 1000.0);
  j["max_cell_temp_C"] = rounded(st.max_cell_C, 2);
  j["min_cell_temp_C"] = rounded(st.min_cell_C, 2);
  j["charged_kWh"] = rounded(st.charged_Wh / 1000.0);
  j["discharged_kWh"] = rounded(st.discharged_Wh / 1000.0);
  j["pv_kWh"] = rounded(st.pv_Wh / 1000.0);
  j["load_kWh"] = rounded(st.load_Wh / 1000.0);
  j["grid_import_kWh"] = rounded(st.grid_import_Wh / 1000.0);
  j["awake_pct"] = rounded(100.0 * st.awake_s / std::max(sim.t_s(), 1.0), 2);
  j["final_soc_true_pct"] = rounded(100.0 * sim.pack().usable_soc(), 2);
  j["final_soc_est_pct"] = rounded(fw.soc_pptt / 100.0, 2);
  j["final_state"] = reported_state_name(fw.state);
  add_health(j, sim);
  add_bank(j, sim);

  auto& ex = j["expectations"] = nlohmann::ordered_json::array();
  for (const auto& x : sc.expectations) {
    ex.push_back(x.kind == Expectation::Kind::Metric
                     ? judge_metric(x, j[x.subject])
                     : judge(x, static_cast<double>(count_events(rec, x))));
  }
  j["passed"] = passed(j);
  return j;
}

bool passed(const nlohmann::ordered_json& summary) {
  if (summary["safety_violations"].get<std::size_t>() != 0) return false;
  return std::all_of(summary["expectations"].begin(), summary["expectations"].end(),
                     [](const auto& e) { return e["pass"].template get<bool>(); });
}

}  // namespace lfpbms::sim
