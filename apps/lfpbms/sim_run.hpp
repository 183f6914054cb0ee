#pragma once
// What `lfpbms sim` and `lfpbms sim --serve` share: the scenario the options ask for, and the
// outputs written and summarised at the end of a run.
#include "commands.hpp"
#include "sim/runner/simulation.hpp"
#include "sim/scenario/scenario.hpp"

namespace lfpbms::app {

// Throws (before anything is written) when the scenario is bad.
sim::Scenario sim_scenario(const SimOptions& options);
// Writes summary.json, events.csv, trace.csv and report.html and prints the summary (or the
// JSON). 0: passed; 1: a safety violation or a failed expectation.
int finish_sim(const SimOptions& options, const sim::Simulation& simulation, double wall_s);

}  // namespace lfpbms::app
