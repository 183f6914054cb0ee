// [params]: firmware parameters by name, over the profile's. Only the names and the integer
// form are checked here; ranges and orderings depend on the profile's series count, so the
// runner checks the whole batch and reports a refusal at the line kept in param_where.
#include <algorithm>
#include <limits>
#include <vector>

#include "params/param_table.hpp"
#include "sim/scenario/scenario_parts.hpp"

namespace lfpbms::sim::scenario_detail {
namespace {

struct Written {
  std::uint32_t line;
  ParamWrite write;
};

const std::set<std::string, std::less<>>& param_names() {
  static const auto names = [] {
    std::set<std::string, std::less<>> all;
    for (std::size_t i = 0; i < kParamCount; ++i)
      all.emplace(param_def(static_cast<ParamId>(i)).name);
    return all;
  }();
  return names;
}

std::int32_t param_value(const toml::node& node, ParamId id, const std::string& source,
                         const std::string& key) {
  const ParamDef& def = param_def(id);
  const auto line = node.source().begin.line;
  // A flag reads naturally as true/false; it is stored as 1/0.
  if (const auto* b = node.as_boolean(); b != nullptr && def.unit == Unit::flag) {
    return b->get() ? 1 : 0;
  }
  const auto* i = node.as_integer();
  if (i == nullptr) {
    fail_at(source, line, key,
            def.unit == Unit::flag ? "must be true, false, 1 or 0"
                                   : "must be an integer in " + std::string(unit_name(def.unit)));
  }
  // cppcheck-suppress nullPointerRedundantCheck ; fail_at() does not return
  const std::int64_t v = i->get();
  if (v < std::numeric_limits<std::int32_t>::min() ||
      v > std::numeric_limits<std::int32_t>::max()) {
    fail_at(source, line, key, std::to_string(v) + " does not fit a parameter (32 bits)");
  }
  return static_cast<std::int32_t>(v);
}

}  // namespace

void read_params(const toml::table& table, const std::string& source, Scenario& s) {
  std::vector<Written> written;
  for (const auto& [name, node] : table) {
    const std::string key = "params." + std::string(name.str());
    const ParamId id = find_param(std::string(name.str()).c_str());
    if (id == ParamId::None) {
      fail_at(source, node.source().begin.line, key,
              "unknown parameter" + did_you_mean(name.str(), param_names()) +
                  "; see docs/parameters.md");
    }
    written.push_back({node.source().begin.line, {id, param_value(node, id, source, key)}});
  }
  // The table comes sorted by name; file order reads better in the runner's messages.
  std::stable_sort(written.begin(), written.end(),
                   [](const Written& a, const Written& b) { return a.line < b.line; });
  for (const auto& w : written) {
    s.params.push_back(w.write);
    s.param_where.push_back(source + ":" + std::to_string(w.line));
  }
}

}  // namespace lfpbms::sim::scenario_detail
