#include "host/params/param_file.hpp"

#include <fmt/core.h>

#include <toml++/toml.h>
#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace lfpbms::host {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

const ParamEntry* entry_for(const std::vector<ParamEntry>& pack, ParamId id) {
  for (const ParamEntry& e : pack) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

// Checks one `name = value` of the file; on success appends to `values` (indexed by id).
void check_item(const std::string& name, const toml::node& node,
                const std::vector<ParamEntry>& pack, ParamValues& values,
                std::vector<std::string>& problems) {
  const ParamId id = find_param(name.c_str());
  const ParamEntry* e = id == ParamId::None ? nullptr : entry_for(pack, id);
  const std::string where = fmt::format("line {}: {}", node.source().begin.line, name);
  if (e == nullptr) {
    problems.push_back(where + " is not a parameter of this pack");
    return;
  }
  const auto value = node.value_exact<std::int64_t>();
  if (!value) {
    problems.push_back(where + " is not an integer");
    return;
  }
  if (*value < e->min || *value > e->max) {
    problems.push_back(fmt::format("{} = {} is outside {}...{} {}", where, *value, e->min, e->max,
                                   unit_name(param_def(id).unit)));
    return;
  }
  values[index(id)] = static_cast<std::int32_t>(*value);
}

// Only between parameters the pack has: an older firmware may lack some.
void check_orderings(const ParamValues& values, const std::vector<ParamEntry>& pack,
                     std::vector<std::string>& problems) {
  for (const Ordering* o = orderings_begin(); o != orderings_end(); ++o) {
    if (entry_for(pack, o->lo) == nullptr || entry_for(pack, o->hi) == nullptr) continue;
    const std::int32_t lo = values[index(o->lo)];
    const std::int32_t hi = values[index(o->hi)];
    if (o->strict ? lo < hi : lo <= hi) continue;
    problems.push_back(fmt::format("{} = {} must be {} {} = {}", param_def(o->lo).name, lo,
                                   o->strict ? "below" : "at most", param_def(o->hi).name, hi));
  }
}

}  // namespace

ParamWrite parse_assignment(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos) {
    throw std::invalid_argument(fmt::format("'{}': expected NAME=VALUE", text));
  }
  const std::string name(trim(std::string_view(text).substr(0, eq)));
  const std::string_view value_text = trim(std::string_view(text).substr(eq + 1));
  const ParamId id = find_param(name.c_str());
  if (id == ParamId::None) {
    throw std::invalid_argument(
        fmt::format("unknown parameter '{}' (see `lfpbms params get`)", name));
  }
  std::int32_t value = 0;
  const auto [end, ec] =
      std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
  if (ec != std::errc() || end != value_text.data() + value_text.size() || value_text.empty()) {
    throw std::invalid_argument(fmt::format("{}: '{}' is not an integer (in {})", name, value_text,
                                            unit_name(param_def(id).unit)));
  }
  return {id, value};
}

std::string param_file_text(const std::vector<ParamEntry>& params, const ParamFileHeader& header) {
  std::string out = "# lfpbms parameters\n";
  out += fmt::format("# pack: {}\n# date: {}\n# firmware: {}\n", header.pack, header.date_utc,
                     header.firmware);
  out +=
      "# Edit and load with `lfpbms params import FILE`: values are integers in the unit\n"
      "# the name ends with; the whole file is checked before anything is written.\n\n"
      "[params]\n";
  for (const ParamEntry& e : params) {
    if (static_cast<std::size_t>(e.id) >= kParamCount) continue;
    const ParamDef& d = param_def(e.id);
    out +=
        fmt::format("{} = {}  # {}, {}...{}\n", d.name, e.value, unit_name(d.unit), e.min, e.max);
  }
  return out;
}

ParamFileCheck check_param_file(const std::string& toml_text, const std::string& file_name,
                                const std::vector<ParamEntry>& pack) {
  ParamFileCheck result;
  toml::table doc;
  try {
    doc = toml::parse(toml_text, file_name);
  } catch (const toml::parse_error& e) {
    result.problems.push_back(fmt::format("line {}: {}", e.source().begin.line, e.description()));
    return result;
  }
  ParamValues values{};
  for (const ParamEntry& e : pack) {
    if (static_cast<std::size_t>(e.id) < kParamCount) values[index(e.id)] = e.value;
  }
  const toml::table* params = doc["params"].as_table();
  if (params == nullptr) result.problems.emplace_back("no [params] table");
  for (const auto& [key, node] : doc) {
    if (key.str() != "params")
      result.problems.push_back(fmt::format("unknown entry '{}'", key.str()));
  }
  if (params != nullptr) {
    // toml++ keeps keys sorted by name; report problems in the order of the file's lines.
    std::vector<std::pair<std::string, const toml::node*>> items;
    for (const auto& [key, node] : *params) items.emplace_back(std::string(key.str()), &node);
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
      return a.second->source().begin.line < b.second->source().begin.line;
    });
    for (const auto& [name, node] : items) check_item(name, *node, pack, values, result.problems);
  }
  if (!result.ok()) return result;
  check_orderings(values, pack, result.problems);
  for (const ParamEntry& e : pack) {
    if (result.ok() && static_cast<std::size_t>(e.id) < kParamCount &&
        values[index(e.id)] != e.value) {
      result.changes.push_back({e.id, values[index(e.id)]});
    }
  }
  return result;
}

}  // namespace lfpbms::host
