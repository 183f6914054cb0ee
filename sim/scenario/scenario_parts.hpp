#pragma once
// The parts of the scenario parser, one per section of the file (docs/scenarios.md).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_reader.hpp"

namespace lfpbms::sim::scenario_detail {

// PA-1: up to 32 packs in one bank; the runner checks the profile's max_packs.
inline constexpr int kMaxPacks = 32;

// Bounds shared by [pack] and [[bank.pack]].
inline constexpr Range kFraction{0, 1};
inline constexpr Range kTemperature_C{-40, 60};  // beyond what a pack in a home meets
inline constexpr Range kCapacity_Ah{0, 2000, true};
inline constexpr Range kSoh_pct{50, 100};  // below half its capacity a cell is long retired

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
void read_bank(Reader& r, const Run& run, BankSetup& bank);
void read_params(const toml::table& table, const std::string& source, Scenario& s);
FaultEvent read_fault(Reader& r, const Run& run);
// One [[fault]] table, expanded by its `repeat` and `every` keys.
void read_faults(Reader& r, const Run& run, std::vector<FaultEvent>& out);
bool is_fault_kind_name(std::string_view name);

// A [[fault]]'s `pack` as written. [bank] may come before or after the faults in the file, so
// these are checked against its packs once the whole file is read.
struct FaultPack {
  int pack = 1;
  std::uint32_t line = 0;
  std::string key;  // "fault[2].pack"
};
void check_fault_packs(const std::string& source, const BankSetup& bank,
                       const std::vector<FaultPack>& packs);

Expectation read_expectation(Reader& r, const Run& run);

// "protect:SV_H at least 1 before 2d 00:00", "soc_max_err_pct at most 10".
std::string expectation_text(const Expectation& e);

}  // namespace lfpbms::sim::scenario_detail
