#pragma once
// The parameter table: one row per setting (id, name, unit, default, range, scale) and the
// ordering rules between settings. Values are int32 in the unit the name ends with.
#include <array>
#include <cstddef>
#include <cstdint>

#include "params/param_list.hpp"

namespace lfpbms {

enum class ParamId : std::uint8_t {
#define LFPBMS_PARAM_ENUM(name, unit, def, min, max, scale) name,
  LFPBMS_PARAMS(LFPBMS_PARAM_ENUM)
#undef LFPBMS_PARAM_ENUM
      Count,
  None = 0xFF,  // "no parameter" in tables that refer to parameters
};

inline constexpr std::size_t kParamCount = static_cast<std::size_t>(ParamId::Count);

constexpr std::size_t index(ParamId id) { return static_cast<std::size_t>(id); }

enum class Unit : std::uint8_t { mV, mA, dC, ms, s, min, us, pptt, mAh, count, flag };
enum class Scale : std::uint8_t { Fixed, PerCell };

struct ParamDef {
  ParamId id;
  const char* name;
  Unit unit;
  std::int32_t default_value;  // per cell when scale is PerCell
  std::int32_t min;
  std::int32_t max;
  Scale scale;
};

// `lo` must stay below `hi` (strict) or at most equal to it.
struct Ordering {
  ParamId lo;
  ParamId hi;
  bool strict;
};

const ParamDef& param_def(ParamId id);
const char* unit_name(Unit unit);
// The id of the parameter called `name`, or ParamId::None.
ParamId find_param(const char* name);

// Default and range for a pack of `series_count` cells in series.
std::int32_t param_default(ParamId id, std::uint8_t series_count);
std::int32_t param_min(ParamId id, std::uint8_t series_count);
std::int32_t param_max(ParamId id, std::uint8_t series_count);

const Ordering* orderings_begin();
const Ordering* orderings_end();

}  // namespace lfpbms
