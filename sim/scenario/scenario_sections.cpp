// [pack], [ambient] with its [[ambient.cold_snap]], [site] and [inverter]. The bounds keep a
// run inside what the twin models (one pack beside one home inverter) and catch unit slips
// such as kW written as W; docs/scenarios.md lists them.
#include <cmath>

#include "sim/scenario/scenario_parts.hpp"

namespace lfpbms::sim::scenario_detail {
namespace {

constexpr Range kSpread_pct{0, 20};
constexpr Range kSelfDischarge_pct_month{0, 20};
constexpr Range kImbalance_pct{0, 20};
constexpr Range kSwing_C{0, 30};
constexpr Range kSeasonSwing_C{-30, 30};  // negative: coldest at day 0
constexpr Range kSnapDelta_C{-60, 60};
constexpr Range kHour_h{0, 24};
// A home up to a bank of 32 packs at a business: PV array, generator, loads.
constexpr Range kPower_kW{0, 1000};
constexpr Range kBaseLoad_W{0, 200000};
constexpr Range kDailyLoad_kWh{0, 10000};
constexpr Range kCurrent_A{0, 10000};      // up to 32 packs of 300 A
constexpr Range kChargeVoltage_V{0, 100};  // 0: the BMS's CVL; 16S tops out near 58 V
constexpr Range kPercent{0, 100};

// The mean with both swings at their extremes must stay a temperature the cells may see.
void check_ambient_extremes(const Reader& r, const AmbientSetup& a) {
  const double reach_C = a.day_swing_C + std::abs(a.season_swing_C);
  const double low_C = a.mean_C - reach_C;
  const double high_C = a.mean_C + reach_C;
  if (low_C >= kTemperature_C.min && high_C <= kTemperature_C.max) return;
  r.fail(r.latest({"mean_C", "day_swing_C", "season_swing_C"}),
         "mean_C +- day_swing_C +- season_swing_C spans " + number_text(low_C) + "..." +
             number_text(high_C) + " °C, outside " + range_text(kTemperature_C));
}

AmbientSetup::ColdSnap read_cold_snap(Reader& r, const Run& run, double mean_C) {
  AmbientSetup::ColdSnap snap;
  snap.start_day = r.number("start_day", 0, Range{0, run.days});
  if (snap.start_day >= run.days)
    r.fail("start_day", "must be before the end of the run, day " + number_text(run.days));
  const auto days = r.number("days", Range{0, run.days, true});
  if (!days) r.fail("days", "missing: how many days it lasts");
  snap.days = *days;
  if (snap.start_day + snap.days > run.days) {
    r.fail("days", "ends after the run: start_day + days = " +
                       number_text(snap.start_day + snap.days) + " > " + number_text(run.days));
  }
  const auto delta_C = r.number("delta_C", kSnapDelta_C);
  if (!delta_C) r.fail("delta_C", "missing: the change of the mean temperature");
  snap.delta_C = *delta_C;
  const double snap_mean_C = mean_C + snap.delta_C;
  if (snap_mean_C < kTemperature_C.min || snap_mean_C > kTemperature_C.max) {
    r.fail("delta_C", "takes the mean to " + number_text(snap_mean_C) + " °C, outside " +
                          range_text(kTemperature_C));
  }
  return snap;
}

}  // namespace

void read_pack(Reader& r, PackSetup& pack) {
  pack.capacity_Ah = r.number("capacity_Ah", kCapacity_Ah);
  pack.initial_soc = r.number("initial_soc", pack.initial_soc, kFraction);
  pack.initial_soc_spread_pct =
      r.number("initial_soc_spread_pct", pack.initial_soc_spread_pct, kSpread_pct);
  pack.capacity_spread_pct = r.number("capacity_spread_pct", pack.capacity_spread_pct, kSpread_pct);
  pack.resistance_spread_pct =
      r.number("resistance_spread_pct", pack.resistance_spread_pct, kSpread_pct);
  pack.self_discharge_pct_month =
      r.number("self_discharge_pct_month", pack.self_discharge_pct_month, kSelfDischarge_pct_month);
  pack.temperature_C = r.number("temperature_C", kTemperature_C);
  pack.soh_pct = r.number("soh_pct", pack.soh_pct, kSoh_pct);
  pack.imbalance_pct = r.number("imbalance_pct", pack.imbalance_pct, kImbalance_pct);
}

void read_ambient(Reader& r, const Run& run, AmbientSetup& ambient) {
  ambient.mean_C = r.number("mean_C", ambient.mean_C, kTemperature_C);
  ambient.day_swing_C = r.number("day_swing_C", ambient.day_swing_C, kSwing_C);
  ambient.season_swing_C = r.number("season_swing_C", ambient.season_swing_C, kSeasonSwing_C);
  check_ambient_extremes(r, ambient);
  r.each_table("cold_snap", [&](Reader& snap) {
    ambient.snaps.push_back(read_cold_snap(snap, run, ambient.mean_C));
  });
}

void read_site(Reader& r, SiteSetup& site) {
  site.pv_peak_kW = r.number("pv_peak_kW", site.pv_peak_kW, kPower_kW);
  site.sunrise_h = r.number("sunrise_h", site.sunrise_h, kHour_h);
  site.sunset_h = r.number("sunset_h", site.sunset_h, kHour_h);
  if (site.sunrise_h >= site.sunset_h) {
    r.fail(r.latest({"sunrise_h", "sunset_h"}), "sunrise_h " + number_text(site.sunrise_h) +
                                                    " must be before sunset_h " +
                                                    number_text(site.sunset_h));
  }
  site.cloudiness = r.number("cloudiness", site.cloudiness, kFraction);
  site.load_base_W = r.number("load_base_W", site.load_base_W, kBaseLoad_W);
  site.load_daily_kWh = r.number("load_daily_kWh", site.load_daily_kWh, kDailyLoad_kWh);
  site.grid = r.flag("grid").value_or(site.grid);
  site.generator = r.flag("generator").value_or(site.generator);
  site.generator_kW = r.number("generator_kW", site.generator_kW, kPower_kW);
}

void read_inverter(Reader& r, InverterSetup& inverter) {
  inverter.max_charge_A = r.number("max_charge_A", inverter.max_charge_A, kCurrent_A);
  inverter.max_discharge_A = r.number("max_discharge_A", inverter.max_discharge_A, kCurrent_A);
  inverter.follows_bms = r.flag("follows_bms").value_or(inverter.follows_bms);
  inverter.charge_voltage_V =
      r.number("charge_voltage_V", inverter.charge_voltage_V, kChargeVoltage_V);
  inverter.low_soc_cutoff_pct =
      r.number("low_soc_cutoff_pct", inverter.low_soc_cutoff_pct, kPercent);
  inverter.activate_battery = r.flag("activate_battery").value_or(inverter.activate_battery);
  inverter.communication = r.flag("communication").value_or(inverter.communication);
}

}  // namespace lfpbms::sim::scenario_detail
