// Parameters (ST-1, SPEC §2 ranges and orderings, PK-1): the table, its defaults for every
// series count, and checked writes that refuse a bad value with a reason and change nothing.
// Storage is in param_storage_test.cpp.
#include <gtest/gtest.h>

#include <vector>

#include "bms_rig.hpp"

namespace lfpbms::testing {
namespace {

using P = ParamId;

ParamId id_at(std::size_t i) {
  return static_cast<ParamId>(i);
}
std::vector<Ordering> orderings() {
  return {orderings_begin(), orderings_end()};
}

// The pack-voltage rows of PR-3, PR-4 and PR-16.
constexpr ParamId kPackVoltageIds[] = {
    P::pack_ov_alarm_mV,   P::pack_ov_protect_mV, P::pack_ov_release_mV,  P::pack_uv_alarm_mV,
    P::pack_uv_protect_mV, P::pack_uv_release_mV, P::pack_ovov_protect_mV};

// --- table and defaults ----------------------------------------------------------------------

TEST(ST_1_params, defaults_are_valid_for_every_series_count_4_to_16) {
  for (std::uint8_t n = kMinCells; n <= kMaxCells; ++n) {
    const WriteResult r = ParamSet::check(ParamSet::defaults(n), n);
    EXPECT_TRUE(r.ok()) << int(n) << "S: " << param_def(r.param).name << " / "
                        << (r.conflict == P::None ? "-" : param_def(r.conflict).name);
  }
}

TEST(ST_1_params, every_row_has_its_id_and_a_unique_name_found_by_find_param) {
  for (std::size_t i = 0; i < kParamCount; ++i) {
    EXPECT_EQ(param_def(id_at(i)).id, id_at(i));
    EXPECT_EQ(find_param(param_def(id_at(i)).name), id_at(i)) << param_def(id_at(i)).name;
    EXPECT_LE(param_def(id_at(i)).min, param_def(id_at(i)).max) << param_def(id_at(i)).name;
  }
  EXPECT_EQ(find_param("no_such_param"), P::None);
  EXPECT_EQ(find_param("cell_ov_alarm"), P::None);  // no prefix matches
  EXPECT_EQ(find_param(""), P::None);
}

TEST(ST_1_params, per_cell_rows_scale_with_the_series_count) {
  for (std::uint8_t n = kMinCells; n <= kMaxCells; ++n) {
    EXPECT_EQ(param_default(P::pack_ov_alarm_mV, n), 3600 * n);
    EXPECT_EQ(param_default(P::charge_voltage_mV, n), 3500 * n);
    EXPECT_EQ(param_min(P::charge_voltage_mV, n), 2500 * n);
    EXPECT_EQ(param_max(P::charge_voltage_mV, n), 3650 * n);
    EXPECT_EQ(param_default(P::cell_ov_alarm_mV, n), 3600);  // cell values do not scale
  }
}

TEST(ST_1_params, spec_setting_ranges) {
  for (const ParamId id : {P::cell_ov_alarm_mV, P::cell_ov_protect_mV, P::cell_ov_release_mV,
                           P::cell_uv_alarm_mV, P::cell_uv_protect_mV, P::cell_uv_release_mV}) {
    EXPECT_EQ(param_min(id, 16), 1000);
    EXPECT_EQ(param_max(id, 16), 4500);
  }
  for (std::size_t i = index(P::chg_ot_alarm_dC); i <= index(P::amb_ut_release_dC); ++i) {
    EXPECT_EQ(param_min(id_at(i), 16), -400) << param_def(id_at(i)).name;
    EXPECT_EQ(param_max(id_at(i), 16), 900) << param_def(id_at(i)).name;
  }
  for (const ParamId id :
       {P::chg_oc_alarm_mA, P::chg_oc_protect_mA, P::dsg_oc1_alarm_mA, P::dsg_oc1_protect_mA}) {
    EXPECT_EQ(param_max(id, 16), 150000);  // (own) over-current <= 150 A
  }
}

// SPEC §2: pack 20...65 V for 15S [004 §4.2], scaled by n/15 and never wider than that.
TEST(ST_1_params, pack_voltage_range_is_20_to_65_V_at_15S_scaled_by_n_over_15) {
  for (const ParamId id : kPackVoltageIds) {
    EXPECT_EQ(param_min(id, 15), 20000) << param_def(id).name;
    EXPECT_EQ(param_max(id, 15), 65000) << param_def(id).name;
    for (std::uint8_t n = kMinCells; n <= kMaxCells; ++n) {
      const std::int32_t lo = param_min(id, n);
      const std::int32_t hi = param_max(id, n);
      EXPECT_TRUE(lo * 15 >= 20000 * n && (lo - 1) * 15 < 20000 * n) << int(n) << "S " << lo;
      EXPECT_TRUE(hi * 15 <= 65000 * n && (hi + 1) * 15 > 65000 * n) << int(n) << "S " << hi;
    }
  }
  ParamSet s(15);
  EXPECT_TRUE(s.write(P::pack_uv_protect_mV, 20000).ok());
  EXPECT_EQ(s.write(P::pack_uv_protect_mV, 19999).error, ParamError::OutOfRange);
  EXPECT_TRUE(s.write(P::pack_ovov_protect_mV, 65000).ok());
  EXPECT_EQ(s.write(P::pack_ovov_protect_mV, 65001).error, ParamError::OutOfRange);
}

// --- ranges ----------------------------------------------------------------------------------

TEST(ST_1_params, out_of_range_write_is_refused_and_changes_nothing) {
  for (std::uint8_t n = kMinCells; n <= kMaxCells; ++n) {
    ParamSet s(n);
    const ParamValues before = s.values();
    for (std::size_t i = 0; i < kParamCount; ++i) {
      for (const std::int32_t v : {param_min(id_at(i), n) - 1, param_max(id_at(i), n) + 1}) {
        const WriteResult r = s.write(id_at(i), v);
        EXPECT_EQ(r.error, ParamError::OutOfRange) << int(n) << "S " << param_def(id_at(i)).name;
        EXPECT_EQ(r.param, id_at(i));
        EXPECT_EQ(r.conflict, P::None);
      }
    }
    EXPECT_EQ(s.values(), before);
    EXPECT_EQ(s.revision(), 0u);
  }
}

TEST(ST_1_params, range_ends_pass_the_range_check) {
  for (const std::uint8_t n : {std::uint8_t{4}, std::uint8_t{15}, std::uint8_t{16}}) {
    for (std::size_t i = 0; i < kParamCount; ++i) {
      for (const std::int32_t v : {param_min(id_at(i), n), param_max(id_at(i), n)}) {
        ParamSet s(n);
        const WriteResult r = s.write(id_at(i), v);  // may still break an ordering
        EXPECT_NE(r.error, ParamError::OutOfRange) << int(n) << "S " << param_def(id_at(i)).name;
        if (r.ok()) {
          EXPECT_EQ(s.get(id_at(i)), v);
        }
      }
    }
  }
}

TEST(ST_1_params, unknown_id_is_refused) {
  ParamSet s(16);
  EXPECT_EQ(s.write(P::None, 1).error, ParamError::UnknownId);
  EXPECT_EQ(s.write(P::Count, 1).error, ParamError::UnknownId);
  EXPECT_EQ(s.values(), ParamSet::defaults(16));
  EXPECT_EQ(s.revision(), 0u);
}

// --- orderings -------------------------------------------------------------------------------

bool is_ordering(ParamId a, ParamId b) {
  for (const Ordering& o : orderings()) {
    if ((o.lo == a && o.hi == b) || (o.lo == b && o.hi == a)) return true;
  }
  return false;
}

// Moves one side of `o` just past the other and expects the write refused with that pair.
void expect_break_refused(const Ordering& o, bool move_lo) {
  ParamSet s(16);
  const std::int32_t step = o.strict ? 0 : 1;
  const ParamId moved = move_lo ? o.lo : o.hi;
  const ParamId other = move_lo ? o.hi : o.lo;
  const std::int32_t v = move_lo ? s.get(o.hi) + step : s.get(o.lo) - step;
  if (v < param_min(moved, 16) || v > param_max(moved, 16)) return;  // the range refuses it
  const WriteResult r = s.write(moved, v);
  EXPECT_EQ(r.error, ParamError::Ordering) << param_def(moved).name << " = " << v;
  EXPECT_EQ(r.param, moved) << param_def(moved).name;
  // The reason names this pair, or another ordering of `moved` that the same value breaks.
  EXPECT_TRUE(r.conflict == other || is_ordering(moved, r.conflict)) << param_def(moved).name;
  EXPECT_EQ(s.values(), ParamSet::defaults(16));
  EXPECT_EQ(s.revision(), 0u);
}

TEST(ST_1_params, every_ordering_is_refused_when_broken_from_either_side) {
  for (const Ordering& o : orderings()) {
    SCOPED_TRACE(std::string(param_def(o.lo).name) + (o.strict ? " < " : " <= ") +
                 param_def(o.hi).name);
    expect_break_refused(o, true);
    expect_break_refused(o, false);
  }
}

TEST(ST_1_params, equality_is_allowed_where_the_ordering_is_not_strict) {
  for (const Ordering& o : orderings()) {
    ParamSet up(16);
    ParamSet down(16);
    const bool equal_ok =
        up.write(o.lo, up.get(o.hi)).ok() || down.write(o.hi, down.get(o.lo)).ok();
    EXPECT_EQ(equal_ok, !o.strict) << param_def(o.lo).name << " = " << param_def(o.hi).name;
  }
  // [004]: 55/55 °C charge over-temperature and -20/-20 °C ambient low are the defaults.
  const ParamSet s(16);
  EXPECT_EQ(s.get(P::chg_ot_alarm_dC), 550);
  EXPECT_EQ(s.get(P::chg_ot_protect_dC), 550);
  EXPECT_EQ(s.get(P::amb_ut_alarm_dC), -200);
  EXPECT_EQ(s.get(P::amb_ut_protect_dC), -200);
}

bool has(const Ordering& want) {
  for (const Ordering& o : orderings()) {
    if (o.lo == want.lo && o.hi == want.hi && o.strict == want.strict) return true;
  }
  return false;
}

TEST(ST_1_params, spec_orderings_of_every_item_are_in_the_list) {
  struct Item {
    ParamId alarm, protect, release;
    bool high;
  };
  const Item items[] = {
      {P::cell_ov_alarm_mV, P::cell_ov_protect_mV, P::cell_ov_release_mV, true},
      {P::cell_uv_alarm_mV, P::cell_uv_protect_mV, P::cell_uv_release_mV, false},
      {P::pack_ov_alarm_mV, P::pack_ov_protect_mV, P::pack_ov_release_mV, true},
      {P::pack_uv_alarm_mV, P::pack_uv_protect_mV, P::pack_uv_release_mV, false},
      {P::chg_ot_alarm_dC, P::chg_ot_protect_dC, P::chg_ot_release_dC, true},
      {P::chg_ut_alarm_dC, P::chg_ut_protect_dC, P::chg_ut_release_dC, false},
      {P::dsg_ot_alarm_dC, P::dsg_ot_protect_dC, P::dsg_ot_release_dC, true},
      {P::dsg_ut_alarm_dC, P::dsg_ut_protect_dC, P::dsg_ut_release_dC, false},
      {P::amb_ot_alarm_dC, P::amb_ot_protect_dC, P::amb_ot_release_dC, true},
      {P::amb_ut_alarm_dC, P::amb_ut_protect_dC, P::amb_ut_release_dC, false},
      {P::mos_ot_alarm_dC, P::mos_ot_protect_dC, P::mos_ot_release_dC, true},
  };
  for (const Item& it : items) {
    SCOPED_TRACE(param_def(it.protect).name);
    EXPECT_TRUE(it.high ? has({it.release, it.protect, true})
                        : has({it.protect, it.release, true}));
    EXPECT_TRUE(it.high ? has({it.alarm, it.protect, false}) : has({it.protect, it.alarm, false}));
  }
  // Cross-item rules of [004 §4.2]: a low-side level stays below its high-side partner.
  EXPECT_TRUE(has({P::cell_uv_alarm_mV, P::cell_ov_alarm_mV, true}));
  EXPECT_TRUE(has({P::cell_uv_release_mV, P::cell_ov_release_mV, true}));
  EXPECT_TRUE(has({P::pack_uv_alarm_mV, P::pack_ov_alarm_mV, true}));
  EXPECT_TRUE(has({P::pack_uv_release_mV, P::pack_ov_release_mV, true}));
  EXPECT_TRUE(has({P::chg_ut_release_dC, P::chg_ot_release_dC, true}));
  EXPECT_TRUE(has({P::dsg_ut_release_dC, P::dsg_ot_release_dC, true}));
  EXPECT_TRUE(has({P::amb_ut_release_dC, P::amb_ot_release_dC, true}));
  EXPECT_TRUE(has({P::chg_ut_alarm_dC, P::chg_ot_alarm_dC, true}));
  EXPECT_TRUE(has({P::dsg_ut_alarm_dC, P::dsg_ot_alarm_dC, true}));
  EXPECT_TRUE(has({P::amb_ut_alarm_dC, P::amb_ot_alarm_dC, true}));
  EXPECT_TRUE(has({P::chg_oc_alarm_mA, P::chg_oc_protect_mA, false}));
  EXPECT_TRUE(has({P::dsg_oc1_alarm_mA, P::dsg_oc1_protect_mA, false}));
  EXPECT_TRUE(has({P::charge_voltage_mV, P::pack_ov_alarm_mV, false}));  // CH-1
}

// --- batch writes, revision, restore ----------------------------------------------------------

TEST(ST_1_params, batch_write_is_all_or_nothing) {
  ParamSet s(16);
  const ParamWrite bad[] = {
      {P::cell_ov_alarm_mV, 3650}, {P::design_capacity_mAh, 200000}, {P::cell_ov_protect_mV, 4501}};
  const WriteResult r = s.write(bad, 3);
  EXPECT_EQ(r.error, ParamError::OutOfRange);
  EXPECT_EQ(r.param, P::cell_ov_protect_mV);
  EXPECT_EQ(s.values(), ParamSet::defaults(16));
  EXPECT_EQ(s.revision(), 0u);
  // Lowering protect below the alarm is only valid together with the alarm.
  const WriteResult alone = s.write(P::cell_ov_protect_mV, 3500);
  EXPECT_EQ(alone.error, ParamError::Ordering);
  EXPECT_EQ(alone.param, P::cell_ov_protect_mV);
  EXPECT_EQ(alone.conflict, P::cell_ov_alarm_mV);
  const ParamWrite pair[] = {{P::cell_ov_protect_mV, 3500}, {P::cell_ov_alarm_mV, 3450}};
  EXPECT_TRUE(s.write(pair, 2).ok());
  EXPECT_EQ(s.get(P::cell_ov_protect_mV), 3500);
  EXPECT_EQ(s.get(P::cell_ov_alarm_mV), 3450);
  EXPECT_EQ(s.revision(), 1u);
}

TEST(ST_1_params, revision_counts_accepted_changes_and_restore_defaults) {
  ParamSet s(16);
  EXPECT_TRUE(s.write(P::buzzer_enable, 1).ok());
  EXPECT_EQ(s.revision(), 1u);
  EXPECT_FALSE(s.write(P::buzzer_enable, 2).ok());
  EXPECT_EQ(s.revision(), 1u);
  EXPECT_EQ(s.get(P::buzzer_enable), 1);
  s.restore_defaults();
  EXPECT_EQ(s.values(), ParamSet::defaults(16));
  EXPECT_EQ(s.revision(), 2u);
  EXPECT_STREQ(param_error_name(ParamError::Ordering), "breaks an ordering");
}

// --- defaults of SPEC §2 and PK-1 ------------------------------------------------------------

TEST(PK_1_pack, default_pack_is_16S_100Ah_and_capacity_is_50_to_400Ah) {
  EXPECT_EQ(PackConfig{}.series_count, 16);
  EXPECT_EQ(kMinCells, 4);
  EXPECT_EQ(kMaxCells, 16);
  ParamSet s(16);
  EXPECT_EQ(s.get(P::design_capacity_mAh), 100000);
  EXPECT_EQ(s.write(P::design_capacity_mAh, 49999).error, ParamError::OutOfRange);
  EXPECT_TRUE(s.write(P::design_capacity_mAh, 50000).ok());
  EXPECT_TRUE(s.write(P::design_capacity_mAh, 400000).ok());
  EXPECT_EQ(s.write(P::design_capacity_mAh, 400001).error, ParamError::OutOfRange);
  EXPECT_EQ(s.get(P::design_capacity_mAh), 400000);
}

TEST(ST_1_defaults, cell_and_temperature_levels_follow_the_spec_table) {
  const ParamSet s(16);
  const std::pair<ParamId, std::int32_t> want[] = {
      {P::cell_ov_alarm_mV, 3600},     {P::cell_ov_protect_mV, 3700},
      {P::cell_ov_release_mV, 3380},   {P::cell_uv_alarm_mV, 2800},
      {P::cell_uv_protect_mV, 2500},   {P::cell_uv_release_mV, 2900},
      {P::chg_ot_release_dC, 500},     {P::chg_ut_alarm_dC, 0},
      {P::chg_ut_protect_dC, -50},     {P::chg_ut_release_dC, 0},
      {P::dsg_ot_alarm_dC, 550},       {P::dsg_ot_protect_dC, 600},
      {P::dsg_ot_release_dC, 550},     {P::dsg_ut_alarm_dC, 0},
      {P::dsg_ut_protect_dC, -200},    {P::dsg_ut_release_dC, -150},
      {P::amb_ot_alarm_dC, 650},       {P::amb_ot_protect_dC, 700},
      {P::amb_ot_release_dC, 500},     {P::amb_ut_release_dC, 0},
      {P::mos_ot_alarm_dC, 900},       {P::mos_ot_protect_dC, 1100},
      {P::mos_ot_release_dC, 850},     {P::chg_oc_alarm_mA, 125000},
      {P::chg_oc_protect_mA, 130000},  {P::dsg_oc1_protect_mA, 130000},
      {P::cell_ovov_protect_mV, 3800}, {P::cell_uvuv_protect_mV, 2300}};
  for (const auto& [id, v] : want) EXPECT_EQ(s.get(id), v) << param_def(id).name;
}

TEST(PR_3_pack_levels, sixteen_S_defaults_are_the_cell_levels_times_16) {
  const ParamSet s(16);
  EXPECT_EQ(s.get(P::pack_ov_alarm_mV), 57600);    // 3600 mV x 16
  EXPECT_EQ(s.get(P::pack_ov_protect_mV), 59200);  // 3700 mV x 16
  EXPECT_EQ(s.get(P::pack_ov_release_mV), 53552);  // 3347 mV x 16
  EXPECT_EQ(s.get(P::pack_uv_alarm_mV), 44800);
  EXPECT_EQ(s.get(P::pack_uv_protect_mV), 40000);
  EXPECT_EQ(s.get(P::pack_uv_release_mV), 46400);
  EXPECT_EQ(s.get(P::pack_ovov_protect_mV), 60800);
  EXPECT_EQ(s.get(P::charge_voltage_mV), 56000);  // CH-1: 56.0 V, float 54.6 V, 52 V, 48.0 V
  EXPECT_EQ(s.get(P::float_voltage_mV), 54560);
  EXPECT_EQ(s.get(P::restart_voltage_mV), 52000);
  EXPECT_EQ(s.get(P::discharge_voltage_mV), 48000);
}

TEST(PR_3_pack_levels, fifteen_S_defaults_are_the_004_table) {
  const ParamSet s(15);
  EXPECT_EQ(s.get(P::pack_ov_alarm_mV), 54000);
  EXPECT_EQ(s.get(P::pack_ov_protect_mV), 55500);
  EXPECT_EQ((s.get(P::pack_ov_release_mV) + 50) / 100, 502);  // 50.2 V at [004]'s 0.1 V
  EXPECT_EQ(s.get(P::pack_uv_alarm_mV), 42000);
  EXPECT_EQ(s.get(P::pack_uv_protect_mV), 37500);
  EXPECT_EQ(s.get(P::pack_uv_release_mV), 43500);
}

}  // namespace
}  // namespace lfpbms::testing
