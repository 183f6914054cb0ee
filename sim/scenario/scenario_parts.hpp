#pragma once
// The parts of the scenario parser, one per section of the file (docs/scenarios.md).
#include <string>
#include <string_view>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_reader.hpp"

namespace lfpbms::sim::scenario_detail {

// What later sections check their times against.
struct Run {
  double days = 0;
  double end_s = 0;
};

void read_pack(Reader& r, PackSetup& pack);
void read_sensors(Reader& r, SensorSetup& sensors);
void read_ambient(Reader& r, const Run& run, AmbientSetup& ambient);
void read_site(Reader& r, SiteSetup& site);
void read_inverter(Reader& r, InverterSetup& inverter);
void read_params(const toml::table& table, const std::string& source, Scenario& s);
FaultEvent read_fault(Reader& r, const Run& run);
// One [[fault]] table, expanded by its `repeat` and `every` keys.
void read_faults(Reader& r, const Run& run, std::vector<FaultEvent>& out);
bool is_fault_kind_name(std::string_view name);
Expectation read_expectation(Reader& r, const Run& run);

// "protect:SV_H at least 1 before 2d 00:00", "soc_max_err_pct at most 10".
std::string expectation_text(const Expectation& e);

}  // namespace lfpbms::sim::scenario_detail
