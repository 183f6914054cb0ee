// The top level of a scenario file: its own keys, then one reader per section.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_parts.hpp"
#include "sim/scenario/scenario_time.hpp"

namespace lfpbms::sim {
namespace {

using scenario_detail::check_fault_packs;
using scenario_detail::Empty;
using scenario_detail::FaultPack;
using scenario_detail::Range;
using scenario_detail::read_ambient;
using scenario_detail::read_bank;
using scenario_detail::read_expectation;
using scenario_detail::read_fault;
using scenario_detail::read_inverter;
using scenario_detail::read_pack;
using scenario_detail::read_params;
using scenario_detail::read_sensors;
using scenario_detail::read_site;
using scenario_detail::Reader;
using scenario_detail::Run;

constexpr Range kDays{0, 366, true};  // up to a year, to run a season

void read_header(Reader& r, const std::string& source_name, Scenario& s) {
  const std::string stem = std::filesystem::path(source_name).stem().string();
  s.name = r.text("name").value_or(stem.empty() ? s.name : stem);
  s.description = r.text("description", Empty::Allowed).value_or("");
  s.profile = r.text("profile").value_or(s.profile);
  s.days = r.number("days", s.days, kDays);
  s.seed = static_cast<std::uint64_t>(
      r.integer("seed", 0, std::numeric_limits<std::int64_t>::max()).value_or(s.seed));
}

// A section given as a table: its reader, run, then checked for stray keys.
template <typename Read>
void section(Reader& root, std::string_view key, Read read) {
  const toml::table* table = root.table(key);
  if (table == nullptr) return;
  Reader r(*table, std::string(key), root.source());
  read(r);
  r.finish();
}

toml::table parse_toml(const std::string& text, const std::string& source_name) {
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    scenario_detail::fail_at(source_name, e.source().begin.line, "syntax error", e.description());
  }
}

}  // namespace

Scenario parse_scenario(const std::string& toml_text, const std::string& source_name) {
  const toml::table root_table = parse_toml(toml_text, source_name);
  Scenario s;
  s.source = source_name;
  Reader root(root_table, "", s.source);
  read_header(root, source_name, s);
  const Run run{s.days, s.days * kDay_s};
  section(root, "pack", [&](Reader& r) { read_pack(r, s.pack); });
  section(root, "sensors", [&](Reader& r) { read_sensors(r, s.sensors); });
  section(root, "ambient", [&](Reader& r) { read_ambient(r, run, s.ambient); });
  section(root, "site", [&](Reader& r) { read_site(r, s.site); });
  section(root, "inverter", [&](Reader& r) { read_inverter(r, s.inverter); });
  section(root, "bank", [&](Reader& r) { read_bank(r, run, s.bank); });
  if (const toml::table* params = root.table("params")) read_params(*params, s.source, s);
  std::vector<FaultPack> fault_packs;
  root.each_table("fault", [&](Reader& r) {
    read_faults(r, run, s.faults);
    if (r.has("pack"))
      fault_packs.push_back({s.faults.back().pack, r.line("pack"), r.path("pack")});
  });
  root.each_table("expect", [&](Reader& r) { s.expectations.push_back(read_expectation(r, run)); });
  root.finish();
  check_fault_packs(s.source, s.bank, fault_packs);
  return s;
}

Scenario load_scenario(const std::filesystem::path& file) {
  // A directory opens as a stream and reads as empty: it would pass as a file of defaults.
  if (std::filesystem::is_directory(file)) {
    throw ScenarioError(file.string() + ": cannot read: a directory");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError(file.string() + ": cannot read: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ScenarioError(file.string() + ": cannot read: " + std::strerror(errno));
  return parse_scenario(text.str(), file.string());
}

}  // namespace lfpbms::sim
