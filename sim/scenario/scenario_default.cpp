// The demo run of `lfpbms sim` without a file. Written as a scenario file and read by the same
// parser, so that it obeys every rule a file does.
#include "sim/scenario/scenario.hpp"

namespace lfpbms::sim {
namespace {

constexpr const char* kDemo = R"toml(
name = "default"
description = "A family home in spring: 16S 100 Ah pack, 5 kW hybrid inverter, grid"
profile = "VE-ESS-R5120"
days = 7
seed = 1

[ambient]
mean_C = 16.0
day_swing_C = 5.0

[site]
pv_peak_kW = 5.0
cloudiness = 0.35
load_daily_kWh = 9.0
grid = true

[inverter]
max_charge_A = 100.0
max_discharge_A = 100.0
follows_bms = true

[[expect]]
metric = "soc_max_err_pct"
max = 10

[[expect]]
event = "system:FullyCharged"
min = 1
)toml";

}  // namespace

Scenario default_scenario() {
  return parse_scenario(kDemo, "built-in");
}

}  // namespace lfpbms::sim
