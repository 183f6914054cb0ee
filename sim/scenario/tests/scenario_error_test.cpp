// Every kind of mistake in a scenario file is refused with "file:line: key: message", the line
// and dotted key pointing at the mistake.
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/scenario.hpp"

namespace lfpbms::sim {
namespace {

struct BadFile {
  const char* label;
  const char* toml;
  const char* where;  // "line: key" expected after "bad.toml:"
  const char* says;   // a part of the message
};

std::ostream& operator<<(std::ostream& os, const BadFile& b) {
  return os << b.label;
}

class TWIN_scenario_errors : public ::testing::TestWithParam<BadFile> {};

TEST_P(TWIN_scenario_errors, names_line_and_key) {
  const BadFile& bad = GetParam();
  try {
    parse_scenario(bad.toml, "bad.toml");
    FAIL() << "accepted";
  } catch (const ScenarioError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("bad.toml:" + std::string(bad.where) + ": ", 0), 0u) << message;
    EXPECT_NE(message.find(bad.says), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
  }
}

// clang-format off
const BadFile kBadFiles[] = {
  // Syntax and structure.
  {"Syntax", "days = 3\n[pack\n", "2: syntax error", ""},
  {"DuplicateKey", "days = 3\ndays = 4\n", "2: syntax error", ""},
  {"UnknownTopKey", "days = 3\nseeed = 4\n", "2: seeed", "unknown key (did you mean seed?)"},
  {"UnknownTable", "[packs]\ninitial_soc = 0.5\n", "1: packs", "unknown key (did you mean pack?)"},
  {"UnknownPackKey", "[pack]\ninital_soc = 0.5\n", "2: pack.inital_soc", "did you mean initial_soc?"},
  {"UnitLeftOut", "[site]\npv_peak = 5\n", "2: site.pv_peak", "did you mean pv_peak_kW?"},
  {"UnknownSiteKey", "[site]\npv_peak_W = 5000\n", "2: site.pv_peak_W", "unknown key"},
  {"UnknownInverterKey", "[inverter]\nfollow_bms = true\n", "2: inverter.follow_bms", "unknown key"},
  {"UnknownSnapKey", "[ambient]\n[[ambient.cold_snap]]\ndays = 1\ndelta_C = -5\nstart = 1\n",
   "5: ambient.cold_snap[1].start", "unknown key"},
  {"UnknownFaultKey", "[[fault]]\nat = 0\nkind = \"link_down\"\n[[fault]]\nat = 0\n"
   "kind = \"link_down\"\nduraton = 60\n", "7: fault[2].duraton", "did you mean duration?"},
  {"UnknownExpectKey", "[[expect]]\nevent = \"protect:SV_H\"\nbefor = \"1d\"\n",
   "3: expect[1].befor", "unknown key"},
  {"SectionNotATable", "pack = 5\n", "1: pack", "must be a table"},
  {"FaultNotAnArray", "[fault]\nat = 0\n", "1: fault", "array of tables"},
  // Types.
  {"NumberAsString", "[pack]\ninitial_soc = \"0.5\"\n", "2: pack.initial_soc", "must be a number"},
  {"FlagAsNumber", "[site]\ngrid = 1\n", "2: site.grid", "true or false"},
  {"SeedAsFloat", "seed = 1.5\n", "1: seed", "must be an integer"},
  {"NameEmpty", "name = \"\"\n", "1: name", "must not be empty"},
  {"TargetAsFloat", "[[fault]]\nat = 0\nkind = \"fet_stuck\"\ntarget = 1.0\n",
   "4: fault[1].target", "must be an integer"},
  // Ranges.
  {"DaysZero", "days = 0\n", "1: days", "> 0 and <= 366"},
  {"DaysTooMany", "days = 400\n", "1: days", "> 0 and <= 366"},
  {"SeedNegative", "seed = -1\n", "1: seed", "0 or more"},
  {"SocAboveOne", "[pack]\ninitial_soc = 1.2\n", "2: pack.initial_soc", "must be 0...1, not 1.2"},
  {"SpreadTooWide", "[pack]\ncapacity_spread_pct = 25\n", "2: pack.capacity_spread_pct", "0...20"},
  {"CapacityZero", "[pack]\ncapacity_Ah = 0\n", "2: pack.capacity_Ah", "> 0"},
  {"PackTooCold", "[pack]\ntemperature_C = -45\n", "2: pack.temperature_C", "-40...60"},
  {"NotANumber", "[pack]\ninitial_soc = nan\n", "2: pack.initial_soc", "0...1"},
  {"AmbientTooHot", "[ambient]\nmean_C = 50\nday_swing_C = 15\n", "3: ambient.day_swing_C",
   "outside -40...60"},
  {"SnapTooCold", "[ambient]\nmean_C = -20\n[[ambient.cold_snap]]\nstart_day = 1\ndays = 1\n"
   "delta_C = -30\n", "6: ambient.cold_snap[1].delta_C", "takes the mean to -50"},
  {"SnapPastTheEnd", "days = 3\n[[ambient.cold_snap]]\nstart_day = 2\ndays = 2\ndelta_C = -5\n",
   "4: ambient.cold_snap[1].days", "ends after the run"},
  {"SnapWithoutDelta", "[[ambient.cold_snap]]\nstart_day = 2\ndays = 2\n",
   "1: ambient.cold_snap[1].delta_C", "missing"},
  {"NegativePower", "[site]\npv_peak_kW = -1\n", "2: site.pv_peak_kW", "0...1000"},
  {"PowerInWatts", "[site]\npv_peak_kW = 5000\n", "2: site.pv_peak_kW", "0...1000"},
  {"SunsetBeforeSunrise", "[site]\nsunrise_h = 9\nsunset_h = 8\n", "3: site.sunset_h",
   "must be before sunset_h"},
  {"SunriseAfterSunset", "[site]\nsunset_h = 8\nsunrise_h = 9\n", "3: site.sunrise_h",
   "must be before sunset_h"},
  {"HourPastMidnight", "[site]\nsunset_h = 25\n", "2: site.sunset_h", "0...24"},
  {"Cloudiness", "[site]\ncloudiness = 1.5\n", "2: site.cloudiness", "0...1"},
  {"ChargeCurrent", "[inverter]\nmax_charge_A = -5\n", "2: inverter.max_charge_A", "0...10000"},
  // Health and sensors.
  {"SohTooLow", "[pack]\nsoh_pct = 45\n", "2: pack.soh_pct", "must be 50...100, not 45"},
  {"SohAsFraction", "[pack]\nsoh_pct = 0.8\n", "2: pack.soh_pct", "50...100"},
  {"SohAbove100", "[pack]\nsoh_pct = 101\n", "2: pack.soh_pct", "50...100"},
  {"ImbalanceTooWide", "[pack]\nimbalance_pct = 25\n", "2: pack.imbalance_pct", "0...20"},
  {"ImbalanceNegative", "[pack]\nimbalance_pct = -1\n", "2: pack.imbalance_pct", "0...20"},
  {"SensorsNotATable", "sensors = 1\n", "1: sensors", "must be a table"},
  {"UnknownSensorKey", "[sensors]\ncell_noise = 5\n", "2: sensors.cell_noise",
   "did you mean cell_noise_mV?"},
  {"GainError", "[sensors]\ncurrent_gain_error_pct = 6\n", "2: sensors.current_gain_error_pct",
   "-5...5"},
  {"CurrentOffset", "[sensors]\ncurrent_offset_A = -5.5\n", "2: sensors.current_offset_A",
   "-5...5"},
  {"CellNoiseNegative", "[sensors]\ncell_noise_mV = -1\n", "2: sensors.cell_noise_mV",
   "0...50"},
  {"CellOffsetInVolts", "[sensors]\ncell_offset_mV = 60\n", "2: sensors.cell_offset_mV",
   "0...50"},
  {"TemperatureError", "[sensors]\ntemperature_error_C = 12\n",
   "2: sensors.temperature_error_C", "0...10"},
  {"SensorAsString", "[sensors]\ncell_noise_mV = \"5\"\n", "2: sensors.cell_noise_mV",
   "must be a number"},
  // Parameters.
  {"UnknownParam", "[params]\ncell_ov_protect = 3650\n", "2: params.cell_ov_protect",
   "unknown parameter (did you mean cell_ov_protect_mV?)"},
  {"ParamAsFloat", "[params]\ncell_ov_protect_mV = 3650.5\n", "2: params.cell_ov_protect_mV",
   "must be an integer in mV"},
  {"ParamTooBig", "[params]\nchg_oc_protect_mA = 5000000000\n", "2: params.chg_oc_protect_mA",
   "32 bits"},
  // Faults.
  {"UnknownFaultKind", "[[fault]]\nat = 0\nkind = \"cell-leak\"\n", "3: fault[1].kind",
   "unknown fault kind \"cell-leak\""},
  {"FaultKindMissing", "[[fault]]\nat = 0\n", "1: fault[1].kind", "missing"},
  {"RepeatWithoutEvery", "[[fault]]\nat = 0\nkind = \"link_down\"\nduration = 5\nrepeat = 3\n",
   "1: fault[1].every", "repeat and every go together"},
  {"RepeatPastTheEnd", "days = 1\n[[fault]]\nat = 0\nkind = \"link_down\"\nduration = 5\nrepeat = 3000\n"
   "every = \"1h\"\n", "6: fault[1].repeat", "after the run"},
  {"EveryShorterThanTheFault", "[[fault]]\nat = 0\nkind = \"link_down\"\nduration = 60\nrepeat = 2\n"
   "every = 30\n", "6: fault[1].every", "longer than"},
  {"FaultAtMissing", "[[fault]]\nkind = \"link_down\"\n", "1: fault[1].at", "missing"},
  {"FaultAfterTheEnd", "days = 2\n[[fault]]\nat = \"2d 00:00\"\nkind = \"link_down\"\n",
   "3: fault[1].at", "not before the end of the run"},
  {"FaultOutlastsTheRun", "days = 2\n[[fault]]\nat = \"1d\"\nduration = \"25h\"\n"
   "kind = \"link_down\"\n", "4: fault[1].duration", "after the run"},
  {"NtcTarget7", "[[fault]]\nat = 0\nkind = \"ntc_short\"\ntarget = 7\n", "4: fault[1].target",
   "1...6"},
  {"NtcTargetMissing", "[[fault]]\nat = 0\nkind = \"ntc_open\"\n", "1: fault[1].target",
   "MOSFET"},
  {"CellTarget17", "[[fault]]\nat = 0\nkind = \"cell_line_open\"\ntarget = 17\n",
   "4: fault[1].target", "1...16"},
  {"FetTarget3", "[[fault]]\nat = 0\nkind = \"fet_stuck\"\ntarget = 3\n", "4: fault[1].target",
   "1...2"},
  {"TargetNotTaken", "[[fault]]\nat = 0\nkind = \"link_down\"\ntarget = 1\n", "4: fault[1].target",
   "takes no target"},
  {"ValueNotTaken", "[[fault]]\nat = 0\nkind = \"charger_failure\"\nvalue = 1\n",
   "4: fault[1].value", "takes no value"},
  {"ValueMissing", "[[fault]]\nat = 0\nkind = \"load_surge\"\n", "1: fault[1].value",
   "needs a value in A"},
  {"LeakNegative", "[[fault]]\nat = 0\nkind = \"cell_leak\"\ntarget = 1\nvalue = -1\n",
   "5: fault[1].value", "> 0"},
  {"ButtonDuration", "[[fault]]\nat = 0\nkind = \"button_press\"\nvalue = 6\nduration = 10\n",
   "5: fault[1].duration", "takes no duration"},
  // Times.
  {"BadTimeUnit", "[[fault]]\nat = \"3w\"\nkind = \"link_down\"\n", "2: fault[1].at",
   "bad time \"3w\""},
  {"BadClock", "[[fault]]\nat = \"1d 24:00\"\nkind = \"link_down\"\n", "2: fault[1].at",
   "bad time"},
  {"NegativeTime", "[[fault]]\nat = -5\nkind = \"link_down\"\n", "2: fault[1].at", ">= 0"},
  {"TimeAsBoolean", "[[fault]]\nat = true\nkind = \"link_down\"\n", "2: fault[1].at",
   "must be a time"},
  // Expectations.
  {"ExpectNeither", "[[expect]]\nmin = 1\n", "1: expect[1]", "needs event"},
  {"ExpectBoth", "[[expect]]\nevent = \"protect:SV_H\"\nmetric = \"min_cell_mV\"\n",
   "3: expect[1].metric", "either"},
  {"EventKindUnknown", "[[expect]]\nevent = \"protection:SV_H\"\n", "2: expect[1].event",
   "unknown event kind \"protection\""},
  {"EventWithoutName", "[[expect]]\nevent = \"protect:\"\n", "2: expect[1].event", "kind:name"},
  {"EventFaultName", "[[expect]]\nevent = \"fault:ntc_opened\"\n", "2: expect[1].event",
   "unknown fault kind"},
  {"CountNegative", "[[expect]]\nevent = \"protect:SV_H\"\nmin = -1\n", "3: expect[1].min",
   "0 or more"},
  {"CountFraction", "[[expect]]\nevent = \"protect:SV_H\"\nmax = 1.5\n", "3: expect[1].max",
   "integer"},
  {"MinAboveMax", "[[expect]]\nmetric = \"min_cell_mV\"\nmax = 2500\nmin = 2600\n",
   "4: expect[1].min", "above max"},
  {"MetricWithoutBounds", "[[expect]]\nmetric = \"min_cell_mV\"\n", "1: expect[1]",
   "needs min, max"},
  {"MetricWithWindow", "[[expect]]\nmetric = \"min_cell_mV\"\nmin = 1\nbefore = \"1d\"\n",
   "4: expect[1].before", "only event expectations"},
  {"BeforePastTheEnd", "days = 1\n[[expect]]\nevent = \"protect:SV_H\"\nbefore = \"2d\"\n",
   "4: expect[1].before", "outside the run"},
  {"EmptyWindow", "[[expect]]\nevent = \"protect:SV_H\"\nbefore = \"1d\"\nafter = \"1d\"\n",
   "4: expect[1].after", "is empty"},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Each, TWIN_scenario_errors, ::testing::ValuesIn(kBadFiles),
                         [](const ::testing::TestParamInfo<BadFile>& c) {
                           return std::string(c.param.label);
                         });

TEST(TWIN_scenario_errors_all_or_nothing, a_file_with_one_mistake_gives_nothing) {
  // The good sections before the mistake must not leak out: the only result is the error.
  EXPECT_THROW(
      parse_scenario("days = 2\n[pack]\ninitial_soc = 0.2\n[site]\ngird = true\n", "bad.toml"),
      ScenarioError);
}

}  // namespace
}  // namespace lfpbms::sim
