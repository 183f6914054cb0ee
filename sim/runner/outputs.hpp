#pragma once
// What a run leaves behind: the summary (summary.json), the event log (events.csv), the
// decimated trace (trace.csv) and the page with the plots (report.html); and the verdict on
// the scenario's expectations.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/runner/simulation.hpp"

namespace lfpbms::sim {

// Checks that every expectation names an event or a metric that exists; throws ScenarioError.
void check_expectations(const Scenario& scenario);

// The summary, with the expectations judged. `wall_s` is the run's real time.
nlohmann::ordered_json summarize(const Simulation& sim, double wall_s);
bool passed(const nlohmann::ordered_json& summary);

void write_events_csv(const Simulation& sim, const std::filesystem::path& file);
void write_trace_csv(const Simulation& sim, const std::filesystem::path& file);
void write_report(const Simulation& sim, const nlohmann::ordered_json& summary,
                  const std::filesystem::path& file);

// "2d 06:30:00" for a simulated time.
std::string clock_text(double t_s);

}  // namespace lfpbms::sim
