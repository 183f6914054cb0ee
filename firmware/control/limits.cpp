#include "control/limits.hpp"

#include <algorithm>

namespace lfpbms {

namespace {

constexpr std::int32_t kFull_pptt = 10000;
std::int32_t scale(std::int32_t value, std::int32_t factor_pptt) {
  return static_cast<std::int32_t>(static_cast<std::int64_t>(value) * factor_pptt / kFull_pptt);
}

// Own derating shape: charge tapers over 15 °C above the cold alarm (plus margin) and the last
// 10 °C below the hot alarm, and from the balancing start voltage to the cell OV alarm.
constexpr std::int32_t kChargeColdSpan_dC = 150;
// The NTCs sit on some cells, not on the coldest one, and read within 3 °C (PK-3): charging
// stops 2 °C above the cold alarm as measured, so that no cell takes current below it.
constexpr std::int32_t kChargeColdMargin_dC = 20;
constexpr std::int32_t kChargeHotSpan_dC = 100;
constexpr std::int32_t kDischargeHotSpan_dC = 100;
constexpr std::int32_t kDischargeVoltageSpan_mV = 300;
constexpr std::int32_t kHighSoc_pptt = 9500;
constexpr std::int32_t kHighSocFactor_pptt = 5000;
constexpr std::int32_t kLowSocFactor_pptt = 2000;

}  // namespace

std::int32_t taper_pptt(std::int32_t x, std::int32_t edge, std::int32_t full, std::int32_t floor) {
  const bool rising = full > edge;
  if (rising ? x <= edge : x >= edge) return 0;
  if (rising ? x >= full : x <= full) return kFull_pptt;
  const std::int64_t span = rising ? full - edge : edge - full;
  const std::int64_t pos = rising ? x - edge : edge - x;
  return static_cast<std::int32_t>(floor + (kFull_pptt - floor) * pos / span);
}

std::int32_t LimitCalculator::charge_factor(const LimitInputs& in, const ParamSet& params) const {
  const Measurements& m = *in.m;
  const std::int32_t cold_edge = params.get(ParamId::chg_ut_alarm_dC) + kChargeColdMargin_dC;
  const std::int32_t hot_edge = params.get(ParamId::chg_ot_alarm_dC);
  const std::int32_t cold =
      taper_pptt(m.min_cell_temperature_dC, cold_edge, cold_edge + kChargeColdSpan_dC, 1000);
  const std::int32_t hot =
      taper_pptt(m.max_cell_temperature_dC, hot_edge, hot_edge - kChargeHotSpan_dC, 1000);
  const std::int32_t voltage = taper_pptt(m.max_cell_mV, params.get(ParamId::cell_ov_alarm_mV),
                                          params.get(ParamId::bal_start_mV), 500);
  const std::int32_t soc = in.soc_pptt >= kHighSoc_pptt ? kHighSocFactor_pptt : kFull_pptt;
  return std::min({cold, hot, voltage, soc});
}

std::int32_t LimitCalculator::discharge_factor(const LimitInputs& in,
                                               const ParamSet& params) const {
  const Measurements& m = *in.m;
  const std::int32_t cold =
      taper_pptt(m.min_cell_temperature_dC, params.get(ParamId::dsg_ut_protect_dC),
                 params.get(ParamId::dsg_ut_alarm_dC), 2000);
  const std::int32_t hot_edge = params.get(ParamId::dsg_ot_protect_dC);
  const std::int32_t hot =
      taper_pptt(m.max_cell_temperature_dC, hot_edge, hot_edge - kDischargeHotSpan_dC, 2000);
  const std::int32_t uv = params.get(ParamId::cell_uv_alarm_mV);
  const std::int32_t voltage = taper_pptt(m.min_cell_mV, uv, uv + kDischargeVoltageSpan_mV, 1000);
  const std::int32_t soc =
      in.soc_pptt <= params.get(ParamId::low_soc_cutoff_pptt) ? kLowSocFactor_pptt : kFull_pptt;
  return std::min({cold, hot, voltage, soc});
}

InverterLimits LimitCalculator::update(const LimitInputs& in, const ParamSet& params) {
  const Measurements& m = *in.m;
  const bool starting = m.current_mA < 0 && !discharging_;
  if (starting || m.current_mA >= 0) {
    hot_start_ = m.max_cell_temperature_dC > params.get(ParamId::dcl_full_temp_dC);
  }
  discharging_ = m.current_mA < 0;

  InverterLimits out;
  out.charge_voltage_mV =
      params.get(in.full ? ParamId::float_voltage_mV : ParamId::charge_voltage_mV);
  out.discharge_voltage_mV = params.get(ParamId::discharge_voltage_mV);
  const bool usable = m.cells_valid() && m.temperatures_valid();
  if (usable && in.charge_allowed) {
    out.charge_current_limit_mA = scale(params.get(ParamId::ccl_max_mA), charge_factor(in, params));
    if (in.full && out.charge_current_limit_mA > params.get(ParamId::full_current_mA)) {
      out.charge_current_limit_mA = params.get(ParamId::full_current_mA);
    }
  }
  if (usable && in.discharge_allowed) {
    const std::int32_t base =
        params.get(hot_start_ ? ParamId::rated_current_mA : ParamId::dcl_max_mA);
    out.discharge_current_limit_mA = scale(base, discharge_factor(in, params));
  }
  if (in.heating_supply_mA > out.charge_current_limit_mA) {
    out.charge_current_limit_mA = in.heating_supply_mA;  // PK-5: heat first, then charge
  }
  out.charge_enable = out.charge_current_limit_mA > 0;
  out.discharge_enable = out.discharge_current_limit_mA > 0;
  out.force_charge = in.force_charge;
  return out;
}

}  // namespace lfpbms
