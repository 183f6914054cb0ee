// The boundary cases every protection row must pass (PR-1...PR-18, PR-20): trip at the level
// and not one unit inside it, after the delay and not one tick before, release at the release
// level after the release delay and not one unit or tick short, and its latch rule.
#include <gtest/gtest.h>

#include "protection_rig.hpp"

namespace lfpbms::testing {
namespace {

using I = ProtectionId;

class LevelRow : public ::testing::TestWithParam<ProtectionId> {
 protected:
  const ProtectionRow& row() const { return protection_row(GetParam()); }
  bool high() const { return row().side == Side::High; }
  // `units` further inside the safe range than `v`.
  std::int32_t inside(std::int32_t v, std::int32_t units = 1) const {
    return high() ? v - units : v + units;
  }
  std::int32_t protect_level() const { return rig.level(row().protect); }
  // A value safely back inside, past any release level.
  std::int32_t safe() const {
    const std::int32_t edge = row().release.present() ? rig.level(row().release) : protect_level();
    return inside(edge, row().quantity == Quantity::CellSpread_mV ? 400 : 100);
  }
  void set(std::int32_t v) { rig.set(row().quantity, v); }

  void trip() {
    set(protect_level());
    rig.tick();
    rig.run_ms(rig.delay(row().protect_delay_ms));
    ASSERT_TRUE(rig.protect(GetParam())) << row().text;
  }
  // Makes the release rule's other conditions true, so that the level alone decides.
  void release_conditions() {
    switch (row().release_rule) {
      case ReleaseRule::OverVoltage:
        rig.in.soc_pptt = 10000;  // above the 95 % SOC path, not idle, no discharge
        rig.m.current_mA = 0;
        break;
      case ReleaseRule::UnderVoltage:
        rig.m.current_mA = 1000;  // charge current detected [004]
        break;
      case ReleaseRule::Time:
        rig.m.current_mA = 0;  // the FET is open: no current
        break;
      default:
        break;
    }
  }

  ProtectionRig rig;
};

class ProtectRow : public LevelRow {};  // rows with a protection level
class AlarmRow : public LevelRow {};    // rows with an alarm level
class ReleaseRow : public LevelRow {};  // rows that release by themselves

TEST_P(ProtectRow, trips_at_protect_level_after_delay_not_one_tick_before) {
  set(protect_level());
  rig.tick();
  const TimeMs delay = rig.delay(row().protect_delay_ms);
  if (delay >= kTickMs) {
    rig.run_ms(delay - kTickMs);
    EXPECT_FALSE(rig.protect(GetParam())) << "one tick before the delay";
  }
  rig.run_ms(delay >= kTickMs ? kTickMs : 0);
  EXPECT_TRUE(rig.protect(GetParam())) << "at the delay";
  EXPECT_EQ(rig.count(GetParam(), EventKind::Protect), 1u);
}

TEST_P(ProtectRow, does_not_trip_one_unit_inside_protect_level) {
  set(inside(protect_level()));
  rig.run_ms(rig.delay(row().protect_delay_ms) + 10000);
  EXPECT_FALSE(rig.protect(GetParam()));
}

TEST_P(ProtectRow, a_break_in_the_condition_restarts_the_delay) {
  const TimeMs delay = rig.delay(row().protect_delay_ms);
  set(protect_level());
  rig.run_ms(delay);  // one tick short
  set(inside(protect_level()));
  rig.tick();
  set(protect_level());
  rig.run_ms(delay);
  EXPECT_FALSE(rig.protect(GetParam()));
  rig.tick();
  EXPECT_TRUE(rig.protect(GetParam()));
}

TEST_P(AlarmRow, alarm_at_alarm_level_after_alarm_delay) {
  set(rig.level(row().alarm));
  rig.tick();
  const TimeMs delay = rig.delay(row().alarm_delay_ms);
  if (delay >= kTickMs) {
    rig.run_ms(delay - kTickMs);
    EXPECT_FALSE(rig.alarm(GetParam()));
    rig.tick();
  }
  EXPECT_TRUE(rig.alarm(GetParam()));
  EXPECT_NE(rig.engine.status().alarm_flags | (row().alarm_flag == 0 ? 1 : 0), 0);
}

TEST_P(AlarmRow, no_alarm_one_unit_inside_alarm_level) {
  set(inside(rig.level(row().alarm)));
  rig.run_ms(rig.delay(row().alarm_delay_ms) + 10000);
  EXPECT_FALSE(rig.alarm(GetParam()));
}

TEST_P(AlarmRow, alarm_clears_at_its_hysteresis_after_release_delay) {
  const std::int32_t alarm = rig.level(row().alarm);
  const std::int32_t clear = inside(alarm, rig.level(row().alarm_hysteresis));
  set(alarm);
  rig.run_ms(rig.delay(row().alarm_delay_ms) + kTickMs);
  ASSERT_TRUE(rig.alarm(GetParam()));
  set(inside(clear, -1));  // one unit short of the clear level
  rig.run_ms(30000);
  EXPECT_TRUE(rig.alarm(GetParam()));
  set(clear);
  rig.tick();
  const TimeMs delay = rig.delay(row().release_delay_ms);
  if (delay >= kTickMs) {
    rig.run_ms(delay - kTickMs);
    EXPECT_TRUE(rig.alarm(GetParam()));
    rig.tick();
  }
  EXPECT_FALSE(rig.alarm(GetParam()));
  EXPECT_EQ(rig.count(GetParam(), EventKind::AlarmClear), 1u);
}

TEST_P(ProtectRow, opens_the_fets_of_its_row) {
  trip();
  const ProtectionStatus& s = rig.engine.status();
  // Other rows on the same quantity may trip too (60 °C is past both D_T_H and C_T_H), so
  // this row's own FETs must be open, and the row alone opens exactly its FETs.
  if ((row().opens & kChargeFet) != 0) {
    EXPECT_TRUE(s.block_charge);
  }
  if ((row().opens & kDischargeFet) != 0) {
    EXPECT_TRUE(s.block_discharge);
  }
  EXPECT_EQ(fets_opened_by(s.protect & bit(GetParam())), row().opens);
  EXPECT_NE(s.protect_flags | (row().protect_flag == 0 ? 1u : 0u), 0u);
}

TEST_P(ReleaseRow, releases_at_release_level_after_release_delay) {
  trip();
  release_conditions();
  const bool timed = row().release_rule == ReleaseRule::Time;
  set(timed ? 0 : rig.level(row().release));
  const TimeMs tripped = rig.now;
  rig.tick();
  const TimeMs delay = rig.delay(row().release_delay_ms);
  // A timed release counts from the trip; a level release from reaching the level.
  const TimeMs until = timed ? tripped + delay : rig.now + delay;
  while (rig.now + kTickMs < until) rig.tick();
  EXPECT_TRUE(rig.protect(GetParam())) << "one tick before the release delay";
  rig.tick();
  EXPECT_FALSE(rig.protect(GetParam())) << "at the release delay";
  EXPECT_EQ(rig.count(GetParam(), EventKind::Release), 1u);
}

TEST_P(ReleaseRow, holds_one_unit_short_of_the_release_level) {
  trip();
  release_conditions();
  if (row().release_rule == ReleaseRule::Time) {
    // Over-current has no release level: at 0 A it still waits out the recovery delay.
    set(0);
    rig.run_ms(rig.delay(row().release_delay_ms) - 2 * kTickMs);
  } else {
    set(inside(rig.level(row().release), -1));
    rig.run_ms(rig.delay(row().release_delay_ms) + 60000);
  }
  EXPECT_TRUE(rig.protect(GetParam()));
}

TEST_P(ProtectRow, latch_rule) {
  switch (row().latch) {
    case LatchRule::None:
      for (int i = 0; i < 5; ++i) {  // trips and releases as often as it must, never latches
        trip();
        EXPECT_FALSE(rig.latched(GetParam()));
        release_conditions();
        set(safe());
        rig.run_ms(rig.delay(row().release_delay_ms) + kTickMs);
        EXPECT_FALSE(rig.protect(GetParam())) << "trip " << i;
        rig.nominal();
      }
      break;
    case LatchRule::OnTrip:
      trip();
      EXPECT_TRUE(rig.latched(GetParam()));
      rig.nominal();  // the condition is gone, the latch stays
      rig.run_ms(120000);
      EXPECT_TRUE(rig.protect(GetParam()));
      rig.engine.clear_latched();  // manual intervention
      EXPECT_FALSE(rig.protect(GetParam()));
      rig.run_ms(10000);
      EXPECT_FALSE(rig.protect(GetParam()));
      break;
    case LatchRule::CountInWindow: {
      const auto lock_after = rig.params.get(ParamId::oc_lock_count);
      for (int i = 1; i <= lock_after; ++i) {
        trip();
        EXPECT_EQ(rig.latched(GetParam()), i == lock_after) << "trip " << i;
        if (i < lock_after) {
          set(0);
          rig.run_ms(rig.delay(row().release_delay_ms) + kTickMs);
          ASSERT_FALSE(rig.protect(GetParam()));
        }
      }
      set(0);
      rig.run_ms(600000);
      EXPECT_TRUE(rig.protect(GetParam())) << "locked until manual intervention";
      rig.engine.clear_latched();
      EXPECT_FALSE(rig.protect(GetParam()));
      break;
    }
  }
}

std::string row_name(const ::testing::TestParamInfo<ProtectionId>& info) {
  return protection_row(info.param).name;
}

// Each row in the suites that apply to it; the suite prefix is the SPEC id.
#define LFPBMS_ROWS(spec, suite, ...) \
  INSTANTIATE_TEST_SUITE_P(spec, suite, ::testing::Values(__VA_ARGS__), row_name)
#define LFPBMS_LEVEL_ROW(spec, ...)           \
  LFPBMS_ROWS(spec, ProtectRow, __VA_ARGS__); \
  LFPBMS_ROWS(spec, AlarmRow, __VA_ARGS__);   \
  LFPBMS_ROWS(spec, ReleaseRow, __VA_ARGS__)

LFPBMS_LEVEL_ROW(PR_1, I::CellOv);
LFPBMS_LEVEL_ROW(PR_2, I::CellUv);
LFPBMS_LEVEL_ROW(PR_3, I::PackOv);
LFPBMS_LEVEL_ROW(PR_4, I::PackUv);
LFPBMS_LEVEL_ROW(PR_5, I::ChargeOt);
LFPBMS_LEVEL_ROW(PR_6, I::ChargeUt);
LFPBMS_LEVEL_ROW(PR_7, I::DischargeOt);
LFPBMS_LEVEL_ROW(PR_8, I::DischargeUt);
LFPBMS_LEVEL_ROW(PR_9, I::AmbientOt);
LFPBMS_LEVEL_ROW(PR_10, I::AmbientUt);
LFPBMS_LEVEL_ROW(PR_11, I::MosOt);
LFPBMS_LEVEL_ROW(PR_12, I::ChargeOc);
LFPBMS_LEVEL_ROW(PR_13, I::DischargeOc1);
LFPBMS_ROWS(PR_13_OC2, ProtectRow, I::DischargeOc2);  // OC2 has no alarm of its own
LFPBMS_ROWS(PR_13_OC2, ReleaseRow, I::DischargeOc2);
LFPBMS_ROWS(PR_16, ProtectRow, I::CellOvOv, I::PackOvOv, I::CellUvUv);  // release by hand
LFPBMS_ROWS(PR_18, ProtectRow, I::CellSpread);
LFPBMS_ROWS(PR_18, AlarmRow, I::CellSpread);
LFPBMS_ROWS(PR_20, AlarmRow, I::LowSoc);  // an alarm only

}  // namespace
}  // namespace lfpbms::testing
