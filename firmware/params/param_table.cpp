#include "params/param_table.hpp"

namespace lfpbms {

namespace {

constexpr std::array<ParamDef, kParamCount> kDefs = {{
#define LFPBMS_PARAM_DEF(name, unit, def, min, max, scale) \
  {ParamId::name, #name, Unit::unit, def, min, max, Scale::scale},
    LFPBMS_PARAMS(LFPBMS_PARAM_DEF)
#undef LFPBMS_PARAM_DEF
}};

constexpr bool ids_match_rows() {
  for (std::size_t i = 0; i < kDefs.size(); ++i) {
    if (index(kDefs[i].id) != i) return false;
  }
  return true;
}
static_assert(ids_match_rows(), "parameter rows out of order");

using P = ParamId;
// SPEC §2 ordering: high side release < protect and alarm <= protect; low side mirrored.
// Cross-item rules follow the setting ranges of [004 §4.2].
constexpr Ordering kOrderings[] = {
    {P::cell_ov_release_mV, P::cell_ov_protect_mV, true},
    {P::cell_ov_alarm_mV, P::cell_ov_protect_mV, false},
    {P::cell_ov_protect_mV, P::cell_ovov_protect_mV, true},
    {P::cell_uv_protect_mV, P::cell_uv_release_mV, true},
    {P::cell_uv_protect_mV, P::cell_uv_alarm_mV, false},
    {P::cell_uvuv_protect_mV, P::cell_uv_protect_mV, true},
    {P::cell_uv_alarm_mV, P::cell_ov_alarm_mV, true},
    {P::cell_uv_release_mV, P::cell_ov_release_mV, true},
    {P::pack_ov_release_mV, P::pack_ov_protect_mV, true},
    {P::pack_ov_alarm_mV, P::pack_ov_protect_mV, false},
    {P::pack_ov_protect_mV, P::pack_ovov_protect_mV, true},
    {P::pack_uv_protect_mV, P::pack_uv_release_mV, true},
    {P::pack_uv_protect_mV, P::pack_uv_alarm_mV, false},
    {P::pack_uv_alarm_mV, P::pack_ov_alarm_mV, true},
    {P::pack_uv_release_mV, P::pack_ov_release_mV, true},
    {P::chg_ot_release_dC, P::chg_ot_protect_dC, true},
    {P::chg_ot_alarm_dC, P::chg_ot_protect_dC, false},
    {P::chg_ut_protect_dC, P::chg_ut_release_dC, true},
    {P::chg_ut_protect_dC, P::chg_ut_alarm_dC, false},
    {P::chg_ut_release_dC, P::chg_ot_release_dC, true},
    {P::chg_ut_alarm_dC, P::chg_ot_alarm_dC, true},  // [004 §4.2] low alarm to high alarm
    {P::dsg_ot_release_dC, P::dsg_ot_protect_dC, true},
    {P::dsg_ot_alarm_dC, P::dsg_ot_protect_dC, false},
    {P::dsg_ut_protect_dC, P::dsg_ut_release_dC, true},
    {P::dsg_ut_protect_dC, P::dsg_ut_alarm_dC, false},
    {P::dsg_ut_release_dC, P::dsg_ot_release_dC, true},
    {P::dsg_ut_alarm_dC, P::dsg_ot_alarm_dC, true},  // [004 §4.2] low alarm to high alarm
    {P::amb_ot_release_dC, P::amb_ot_protect_dC, true},
    {P::amb_ot_alarm_dC, P::amb_ot_protect_dC, false},
    {P::amb_ut_protect_dC, P::amb_ut_release_dC, true},
    {P::amb_ut_protect_dC, P::amb_ut_alarm_dC, false},
    {P::amb_ut_release_dC, P::amb_ot_release_dC, true},
    {P::amb_ut_alarm_dC, P::amb_ot_alarm_dC, true},  // [004 §4.2] low alarm to high alarm
    {P::mos_ot_release_dC, P::mos_ot_protect_dC, true},
    {P::mos_ot_alarm_dC, P::mos_ot_protect_dC, false},
    {P::chg_oc_alarm_mA, P::chg_oc_protect_mA, false},
    {P::chg_oc_protect_mA, P::scp_current_mA, true},
    {P::dsg_oc1_alarm_mA, P::dsg_oc1_protect_mA, false},
    {P::dsg_oc1_protect_mA, P::dsg_oc2_protect_mA, true},
    {P::dsg_oc2_protect_mA, P::scp_current_mA, true},
    {P::spread_alarm_mV, P::spread_protect_mV, true},
    {P::float_voltage_mV, P::charge_voltage_mV, false},
    {P::charge_voltage_mV, P::pack_ov_alarm_mV, false},  // CH-1: never above the OV alarm
    {P::restart_voltage_mV, P::float_voltage_mV, true},
    {P::pack_uv_protect_mV, P::discharge_voltage_mV, false},
    {P::rated_current_mA, P::dcl_max_mA, false},
    {P::heater_start_dC, P::heater_stop_dC, true},
    {P::bal_stop_delta_mV, P::bal_start_delta_mV, true},
    {P::bal_min_dC, P::bal_max_dC, true},
};

std::int32_t scaled(std::int32_t value, const ParamDef& def, std::uint8_t series_count) {
  return def.scale == Scale::PerCell ? value * series_count : value;
}

// SPEC §2 / [004 §4.2]: the pack voltage range is 20...65 V at 15S, scaled by n/15. Neither end
// is a whole number of mV per cell, so the list writes them as 1333/4333 per cell; taken
// literally that gave 19.995...64.995 V at 15S and refused the manual's 65 V. Rows with that
// range get the exact one instead, rounded inwards so it is never wider than n/15 of 20...65 V.
constexpr std::int32_t kPackMin15S_mV = 20000;
constexpr std::int32_t kPackMax15S_mV = 65000;
constexpr std::int32_t kPackCells = 15;

bool pack_voltage_range(const ParamDef& def) {
  return def.scale == Scale::PerCell && def.min == kPackMin15S_mV / kPackCells &&
         def.max == kPackMax15S_mV / kPackCells;
}

bool same(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

}  // namespace

const ParamDef& param_def(ParamId id) { return kDefs[index(id)]; }

const char* unit_name(Unit unit) {
  constexpr const char* kNames[] = {"mV", "mA", "0.1°C", "ms", "s", "min",
                                    "µs", "0.01%", "mAh", "count", "flag"};
  return kNames[static_cast<std::size_t>(unit)];
}

ParamId find_param(const char* name) {
  for (const auto& def : kDefs) {
    if (same(def.name, name)) return def.id;
  }
  return ParamId::None;
}

std::int32_t param_default(ParamId id, std::uint8_t series_count) {
  const auto& def = param_def(id);
  return scaled(def.default_value, def, series_count);
}

std::int32_t param_min(ParamId id, std::uint8_t series_count) {
  const auto& def = param_def(id);
  if (pack_voltage_range(def)) {
    return (kPackMin15S_mV * series_count + kPackCells - 1) / kPackCells;  // rounded up
  }
  return scaled(def.min, def, series_count);
}

std::int32_t param_max(ParamId id, std::uint8_t series_count) {
  const auto& def = param_def(id);
  if (pack_voltage_range(def)) return kPackMax15S_mV * series_count / kPackCells;  // rounded down
  return scaled(def.max, def, series_count);
}

const Ordering* orderings_begin() {
  return kOrderings;
}
const Ordering* orderings_end() {
  return kOrderings + sizeof(kOrderings) / sizeof(kOrderings[0]);
}

}  // namespace lfpbms
