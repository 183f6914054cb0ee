// [[fault]]: what each kind takes as target and value, and the checks on its times.
#include <array>
#include <string>

#include "sim/scenario/scenario_parts.hpp"
#include "sim/scenario/scenario_time.hpp"

namespace lfpbms::sim::scenario_detail {
namespace {

enum class Takes : std::uint8_t { Nothing, Required, Optional };

struct FaultRule {
  FaultKind kind = FaultKind::CellLeak;
  const char* name = "";
  int target_max = 0;          // targets are 1...target_max; 0: the kind takes no target
  const char* target_is = "";  // for the error when it is missing
  Takes value = Takes::Nothing;
  Range value_range{};
  double value_default = 0;  // when value is Optional
  const char* value_unit = "";
  bool lasts = false;  // takes a duration
};

// Cells 1...16: the largest pack of the product line; the runner checks the profile's count.
constexpr int kCells = 16;
constexpr Range kNone{0, 0};

constexpr std::array<FaultRule, 16> kRules{{
    {FaultKind::CellLeak, "cell_leak", kCells, "which cell, 1...16", Takes::Required,
     Range{0, 50, true}, 0, "A", true},
    {FaultKind::NtcOpen, "ntc_open", 6, "which NTC: 1...4 cells, 5 MOSFET, 6 ambient",
     Takes::Nothing, kNone, 0, "", true},
    {FaultKind::NtcShort, "ntc_short", 6, "which NTC: 1...4 cells, 5 MOSFET, 6 ambient",
     Takes::Nothing, kNone, 0, "", true},
    {FaultKind::CellLineOpen, "cell_line_open", kCells, "which cell, 1...16", Takes::Nothing, kNone,
     0, "", true},
    {FaultKind::CurrentStuck, "current_stuck", 0, "", Takes::Nothing, kNone, 0, "", true},
    {FaultKind::CurrentOffset, "current_offset", 0, "", Takes::Required, Range{-100, 100}, 0, "A",
     true},
    {FaultKind::ChargerOverVoltage, "charger_over_voltage", 0, "", Takes::Required,
     Range{0, 100, true}, 0, "V", true},
    {FaultKind::LoadSurge, "load_surge", 0, "", Takes::Required, Range{0, 1000, true}, 0, "A",
     true},
    {FaultKind::ShortCircuit, "short_circuit", 0, "", Takes::Optional, Range{0, 1000, true}, 5,
     "mOhm", true},
    {FaultKind::ReverseConnection, "reverse_connection", 0, "", Takes::Required,
     Range{0, 100, true}, 0, "V", true},
    {FaultKind::ChargerFailure, "charger_failure", 0, "", Takes::Nothing, kNone, 0, "", true},
    {FaultKind::FetStuck, "fet_stuck", 2, "which FET: 1 charge, 2 discharge", Takes::Nothing, kNone,
     0, "", true},
    // How long the button is held is its value; it has no duration of its own.
    {FaultKind::ButtonPress, "button_press", 0, "", Takes::Required, Range{0, 60, true}, 0, "s",
     false},
    {FaultKind::LinkDown, "link_down", 0, "", Takes::Nothing, kNone, 0, "", true},
    // Of one pack of a bank (`pack`): its internal-bus cable cut, its DC breaker open.
    {FaultKind::BusCableCut, "bus_cable_cut", 0, "", Takes::Nothing, kNone, 0, "", true},
    {FaultKind::DcDisconnect, "dc_disconnect", 0, "", Takes::Nothing, kNone, 0, "", true},
}};

// fault_kind_name() and the parser both look kinds up here: every kind needs its row.
constexpr bool covers_every_kind() {
  for (std::size_t i = 0; i < kRules.size(); ++i) {
    if (kRules[i].kind != static_cast<FaultKind>(i)) return false;
  }
  return kRules.size() == static_cast<std::size_t>(FaultKind::DcDisconnect) + 1;
}
static_assert(covers_every_kind(), "one rule per FaultKind, in order");

const FaultRule* find_rule(std::string_view name) {
  for (const auto& rule : kRules) {
    if (name == rule.name) return &rule;
  }
  return nullptr;
}

std::string kind_list() {
  std::string list;
  for (const auto& rule : kRules) list += (list.empty() ? "" : ", ") + std::string(rule.name);
  return list;
}

void read_target(Reader& r, const FaultRule& rule, FaultEvent& f) {
  if (rule.target_max == 0) {
    if (r.has("target")) r.fail("target", std::string(rule.name) + " takes no target");
    return;
  }
  const auto target = r.integer("target", 1, rule.target_max);
  if (!target) r.fail("target", "missing: " + std::string(rule.target_is));
  f.target = static_cast<int>(*target);
}

void read_value(Reader& r, const FaultRule& rule, FaultEvent& f) {
  if (rule.value == Takes::Nothing) {
    if (r.has("value")) r.fail("value", std::string(rule.name) + " takes no value");
    return;
  }
  const auto value = r.number("value", rule.value_range);
  if (rule.value == Takes::Required && !value) {
    r.fail("value", "missing: " + std::string(rule.name) + " needs a value in " + rule.value_unit);
  }
  f.value = value.value_or(rule.value_default);
}

void read_times(Reader& r, const Run& run, const FaultRule& rule, FaultEvent& f) {
  const auto at_s = r.time_s("at");
  if (!at_s) r.fail("at", "missing: when the fault starts");
  if (*at_s >= run.end_s) {
    r.fail("at", time_text(*at_s) + " is not before the end of the run, " + time_text(run.end_s));
  }
  f.at_s = *at_s;
  const auto duration_s = r.time_s("duration");
  if (!duration_s) return;
  if (!rule.lasts) {
    r.fail("duration", std::string(rule.name) + " takes no duration (value says how long)");
  }
  if (f.at_s + *duration_s > run.end_s) {
    r.fail("duration", "ends at " + time_text(f.at_s + *duration_s) + ", after the run, " +
                           time_text(run.end_s));
  }
  f.duration_s = *duration_s;
}

}  // namespace

FaultEvent read_fault(Reader& r, const Run& run) {
  const auto name = r.text("kind");
  if (!name) r.fail("kind", "missing: one of " + kind_list());
  const FaultRule* rule = find_rule(*name);
  if (rule == nullptr) r.fail("kind", "unknown fault kind \"" + *name + "\": use " + kind_list());
  FaultEvent f;
  // cppcheck-suppress nullPointerRedundantCheck ; fail() does not return
  f.kind = rule->kind;
  read_times(r, run, *rule, f);
  read_target(r, *rule, f);
  // cppcheck-suppress nullPointerRedundantCheck ; fail() does not return
  read_value(r, *rule, f);
  // Within the bank: checked against [bank] packs once the whole file is read.
  f.pack = static_cast<int>(r.integer("pack", 1, kMaxPacks).value_or(f.pack));
  return f;
}

// `repeat = N` and `every = "40s"`: the same fault N times, one period apart, all inside the run.
void read_faults(Reader& r, const Run& run, std::vector<FaultEvent>& out) {
  const FaultEvent first = read_fault(r, run);
  const auto repeat = r.integer("repeat", 1, 100000);
  const auto every_s = r.time_s("every");
  if (!repeat && !every_s) {
    out.push_back(first);
    return;
  }
  if (!repeat || !every_s) r.fail(repeat ? "every" : "repeat", "repeat and every go together");
  if (*every_s <= first.duration_s) r.fail("every", "must be longer than the fault's duration");
  const double last_end_s = first.at_s + (*repeat - 1) * *every_s + first.duration_s;
  if (last_end_s > run.end_s) {
    r.fail("repeat", "the last repeat ends at " + time_text(last_end_s) + ", after the run, " +
                         time_text(run.end_s));
  }
  for (std::int64_t k = 0; k < *repeat; ++k) {
    FaultEvent f = first;
    f.at_s = first.at_s + static_cast<double>(k) * *every_s;
    out.push_back(f);
  }
}

bool is_fault_kind_name(std::string_view name) {
  return find_rule(name) != nullptr;
}

}  // namespace lfpbms::sim::scenario_detail

namespace lfpbms::sim {

const char* fault_kind_name(FaultKind kind) {
  for (const auto& rule : scenario_detail::kRules) {
    if (rule.kind == kind) return rule.name;
  }
  return "unknown";
}

}  // namespace lfpbms::sim
