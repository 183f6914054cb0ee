// `lfpbms table protections|params`: the firmware's own tables, printed from the code so that
// the documentation can never drift from what the BMS does.
#include <fmt/core.h>

#include <string>

#include "commands.hpp"
#include "params/param_set.hpp"
#include "protection/protection_names.hpp"

namespace lfpbms::app {

namespace {

std::string ref_text(const Ref& ref, const ParamSet& params) {
  if (!ref.present()) return "-";
  if (ref.param == ParamId::None) return fmt::format("{}", ref.constant);
  return fmt::format("{} = {}", param_def(ref.param).name, params.get(ref.param));
}

void row_out(bool markdown, const std::string& a, const std::string& b) {
  if (markdown) {
    fmt::print("| {} | {} |\n", a, b);
  } else {
    fmt::print("{:<10} {}\n", a, b);
  }
}

}  // namespace

void print_protection_table(bool markdown) {
  const ParamSet params(16);
  if (markdown) {
    fmt::print(
        "| SPEC | name | protection | measures | side | alarm | protect | delay ms | release | "
        "release delay ms | release rule | latch | opens | LED code |\n");
    fmt::print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  }
  for (const ProtectionRow* r = protection_rows_begin(); r != protection_rows_end(); ++r) {
    const std::string line =
        fmt::format("{} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {}", r->name,
                    r->text, quantity_name(r->quantity), r->side == Side::High ? "high" : "low",
                    ref_text(r->alarm, params), ref_text(r->protect, params),
                    ref_text(r->protect_delay_ms, params), ref_text(r->release, params),
                    ref_text(r->release_delay_ms, params), release_rule_name(r->release_rule),
                    latch_rule_name(r->latch), fets_name(r->opens),
                    r->fault_code != 0 ? fmt::format("{:02}", r->fault_code) : std::string("-"));
    row_out(markdown, r->spec, line);
  }
}

void print_parameter_table(bool markdown, int series_count) {
  const auto n = static_cast<std::uint8_t>(series_count);
  if (markdown) {
    fmt::print("| id | name | unit | default ({}S) | min | max | scales with cells |\n", n);
    fmt::print("|---|---|---|---|---|---|---|\n");
  }
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const auto id = static_cast<ParamId>(i);
    const ParamDef& d = param_def(id);
    const std::string rest =
        fmt::format("{} | {} | {} | {} | {} | {}", d.name, unit_name(d.unit), param_default(id, n),
                    param_min(id, n), param_max(id, n), d.scale == Scale::PerCell ? "yes" : "");
    row_out(markdown, fmt::format("{}", i), rest);
  }
}

}  // namespace lfpbms::app
