#include "sim/profile/profile_params.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace lfpbms::sim::profile_detail {

namespace {

constexpr double kmAh_per_Ah = 1000.0;

// Who wrote a parameter: a key of [params], or pack.capacity_Ah for the design capacity.
struct Origin {
  TomlSection* section;
  std::string key;
};

std::string unit_text(const ParamDef& def, std::uint8_t series) {
  std::string text = std::string("(") + unit_name(def.unit);
  if (def.scale == Scale::PerCell) text += ", pack total at " + std::to_string(series) + "S";
  return text + ")";
}

std::string suggestion(const std::string& key) {
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const std::string name = param_def(static_cast<ParamId>(i)).name;
    if (name.rfind(key + "_", 0) == 0) return "; did you mean " + name + "?";
  }
  return "";
}

std::int32_t read_value(TomlSection& section, const std::string& key, const ParamDef& def,
                        std::uint8_t series) {
  const toml::node& node = section.value(key);
  std::int64_t x = 0;
  if (def.unit == Unit::flag && node.is_boolean()) {
    x = node.as_boolean()->get() ? 1 : 0;
  } else if (const auto* i = node.as_integer()) {
    x = i->get();
  } else {
    section.fail(key, std::string("expected an integer ") + unit_text(def, series) + ", got " +
                          toml_type_name(node));
  }
  const std::int32_t min = param_min(def.id, series);
  const std::int32_t max = param_max(def.id, series);
  if (x < min || x > max) {
    section.fail(key, std::to_string(x) + " is out of range " + std::to_string(min) + "..." +
                          std::to_string(max) + " " + unit_text(def, series));
  }
  return static_cast<std::int32_t>(x);
}

const Ordering* find_ordering(ParamId a, ParamId b) {
  for (const Ordering* o = orderings_begin(); o != orderings_end(); ++o) {
    if ((o->lo == a && o->hi == b) || (o->lo == b && o->hi == a)) return o;
  }
  return nullptr;
}

std::string ordering_text(const WriteResult& r, const ParamValues& values) {
  const Ordering* o = find_ordering(r.param, r.conflict);
  if (o == nullptr) return param_error_name(r.error);
  auto named = [&](ParamId id) {
    return std::string(param_def(id).name) + " (" + std::to_string(values[index(id)]) + ")";
  };
  return std::string(param_error_name(r.error)) + ": " + named(o->lo) +
         (o->strict ? " must be below " : " must be at most ") + named(o->hi);
}

ParamValues candidate(const std::vector<ParamWrite>& writes, std::uint8_t series) {
  ParamValues values = ParamSet::defaults(series);
  for (const auto& w : writes) values[index(w.id)] = w.value;
  return values;
}

struct Entry {
  ParamWrite write;
  Origin origin;
};

[[noreturn]] void fail_at(const std::vector<Entry>& entries, const WriteResult& r,
                          const std::string& message) {
  for (ParamId id : {r.param, r.conflict}) {
    for (const auto& e : entries) {
      if (e.write.id == id) e.origin.section->fail(e.origin.key, message);
    }
  }
  entries.front().origin.section->fail(entries.front().origin.key, message);
}

// The firmware's own check of the whole batch over the SPEC defaults (ranges and orderings).
void check_batch(const std::vector<Entry>& entries, std::uint8_t series) {
  std::vector<ParamWrite> writes;
  writes.reserve(entries.size());
  for (const auto& e : entries) writes.push_back(e.write);
  ParamSet set(series);
  const WriteResult r = set.write(writes.data(), writes.size());
  if (r.ok()) return;
  const std::string message = r.error == ParamError::Ordering
                                  ? ordering_text(r, candidate(writes, series))
                                  : std::string(param_error_name(r.error));
  fail_at(entries, r, message);
}

void sort_by_id(std::vector<ParamWrite>& writes) {
  std::sort(writes.begin(), writes.end(),
            [](const ParamWrite& a, const ParamWrite& b) { return a.id < b.id; });
}

std::int32_t capacity_mAh(double capacity_Ah) {
  return static_cast<std::int32_t>(std::lround(capacity_Ah * kmAh_per_Ah));
}

}  // namespace

void set_design_capacity(std::vector<ParamWrite>& writes, double capacity_Ah, std::uint8_t series) {
  const ParamId id = ParamId::design_capacity_mAh;
  std::erase_if(writes, [id](const ParamWrite& w) { return w.id == id; });
  const std::int32_t mAh = capacity_mAh(capacity_Ah);
  if (mAh != param_default(id, series)) writes.push_back({id, mAh});
  sort_by_id(writes);
}

std::vector<ParamWrite> read_profile_params(std::optional<TomlSection>& params, std::uint8_t series,
                                            const CapacitySource& capacity) {
  std::vector<Entry> entries;
  if (params) {
    for (const std::string& key : params->keys()) {
      const ParamId id = find_param(key.c_str());
      if (id == ParamId::None) params->fail(key, "unknown parameter" + suggestion(key));
      if (id == ParamId::design_capacity_mAh) params->fail(key, "set by pack.capacity_Ah");
      entries.push_back({{id, read_value(*params, key, param_def(id), series)}, {&*params, key}});
    }
  }
  const ParamId design = ParamId::design_capacity_mAh;
  const std::int32_t mAh = capacity_mAh(capacity.capacity_Ah);
  if (mAh != param_default(design, series)) {
    entries.push_back({{design, mAh}, {capacity.section, std::string(capacity.key)}});
  }
  if (entries.empty()) return {};
  check_batch(entries, series);
  std::vector<ParamWrite> writes;
  writes.reserve(entries.size());
  for (const auto& e : entries) writes.push_back(e.write);
  sort_by_id(writes);
  return writes;
}

}  // namespace lfpbms::sim::profile_detail
