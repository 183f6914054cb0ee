#include "params/param_set.hpp"

namespace lfpbms {

ParamSet::ParamSet(std::uint8_t series_count)
    : series_count_(series_count), values_(defaults(series_count)) {}

ParamValues ParamSet::defaults(std::uint8_t series_count) {
  ParamValues out{};
  for (std::size_t i = 0; i < kParamCount; ++i) {
    out[i] = param_default(static_cast<ParamId>(i), series_count);
  }
  return out;
}

WriteResult ParamSet::check(const ParamValues& values, std::uint8_t series_count) {
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const auto id = static_cast<ParamId>(i);
    if (values[i] < param_min(id, series_count) || values[i] > param_max(id, series_count)) {
      return {ParamError::OutOfRange, id, ParamId::None};
    }
  }
  for (const Ordering* o = orderings_begin(); o != orderings_end(); ++o) {
    const std::int32_t lo = values[index(o->lo)];
    const std::int32_t hi = values[index(o->hi)];
    if (o->strict ? !(lo < hi) : !(lo <= hi)) return {ParamError::Ordering, o->lo, o->hi};
  }
  return {};
}

WriteResult ParamSet::write(ParamId id, std::int32_t value) {
  const ParamWrite one{id, value};
  return write(&one, 1);
}

WriteResult ParamSet::write(const ParamWrite* writes, std::size_t count) {
  ParamValues candidate = values_;
  for (std::size_t i = 0; i < count; ++i) {
    if (index(writes[i].id) >= kParamCount) return {ParamError::UnknownId, writes[i].id};
    candidate[index(writes[i].id)] = writes[i].value;
  }
  WriteResult result = check(candidate, series_count_);
  // Report the parameter the caller wrote, not its unchanged partner in the ordering.
  if (result.error == ParamError::Ordering) {
    for (std::size_t i = 0; i < count; ++i) {
      if (writes[i].id == result.conflict) {
        result.conflict = result.param;
        result.param = writes[i].id;
        break;
      }
    }
  }
  if (!result.ok()) return result;
  values_ = candidate;
  ++revision_;
  return result;
}

WriteResult ParamSet::replace(const ParamValues& values) {
  const WriteResult result = check(values, series_count_);
  if (!result.ok()) return result;
  values_ = values;
  ++revision_;
  return result;
}

void ParamSet::restore_defaults() {
  values_ = defaults(series_count_);
  ++revision_;
}

const char* param_error_name(ParamError error) {
  switch (error) {
    case ParamError::None:
      return "ok";
    case ParamError::UnknownId:
      return "unknown parameter";
    case ParamError::OutOfRange:
      return "out of range";
    case ParamError::Ordering:
      return "breaks an ordering";
    case ParamError::StorageFailed:
      return "could not be stored";
  }
  return "?";
}

}  // namespace lfpbms
