#include "protocol/pack_blocks.hpp"

namespace lfpbms::protocol {
namespace {

using P = ProtectionId;

std::uint8_t flag(bool on, unsigned bit_index) {
  return on ? static_cast<std::uint8_t>(1u << bit_index) : std::uint8_t{0};
}

// A row shows as an alarm byte when its alarm or its protection is on.
bool raised(const ProtectionStatus& st, P id) {
  return st.alarm_on(id) || st.protect_on(id);
}

std::uint8_t level_alarm(bool high, bool low) {
  return high ? kAlarmHigh : (low ? kAlarmLow : kAlarmNormal);
}

void cell_alarms(const BmsStatus& s, const ParamSet& p, AlarmBlock& a) {
  const Measurements& m = s.measurements;
  const ProtectionStatus& st = s.protection;
  const bool ov = raised(st, P::CellOv) || raised(st, P::CellOvOv);
  const bool uv = raised(st, P::CellUv) || raised(st, P::CellUvUv);
  const auto ov_mV = p.get(ParamId::cell_ov_alarm_mV);
  const auto uv_mV = p.get(ParamId::cell_uv_alarm_mV);
  a.cell_count = m.cell_count;
  for (std::uint8_t i = 0; i < m.cell_count; ++i) {
    const std::int32_t v = m.cell_voltage_mV[i];
    a.cell_alarm[i] = (m.open_wire_mask >> i & 1u) != 0
                          ? kAlarmOther
                          : level_alarm(ov && v >= ov_mV, uv && v <= uv_mV);
  }
}

void temperature_alarms(const BmsStatus& s, const ParamSet& p, AlarmBlock& a) {
  const Measurements& m = s.measurements;
  const ProtectionStatus& st = s.protection;
  const bool hot = raised(st, P::ChargeOt) || raised(st, P::DischargeOt);
  const bool cold = raised(st, P::ChargeUt) || raised(st, P::DischargeUt);
  const auto hot_dC = p.get(ParamId::chg_ot_alarm_dC) < p.get(ParamId::dsg_ot_alarm_dC)
                          ? p.get(ParamId::chg_ot_alarm_dC)
                          : p.get(ParamId::dsg_ot_alarm_dC);
  const auto cold_dC = p.get(ParamId::chg_ut_alarm_dC) > p.get(ParamId::dsg_ut_alarm_dC)
                           ? p.get(ParamId::chg_ut_alarm_dC)
                           : p.get(ParamId::dsg_ut_alarm_dC);
  const bool ntc_fault = st.protect_on(P::NtcFault) || st.alarm_on(P::NtcFault);
  a.temperature_count = static_cast<std::uint8_t>(m.ntc_count + 2);
  for (std::uint8_t i = 0; i < m.ntc_count; ++i) {
    const std::int32_t t = m.cell_temperature_dC[i];
    const bool broken = ntc_fault && (t <= -500 || t >= 1500);
    a.temperature_alarm[i] =
        broken ? kAlarmOther : level_alarm(hot && t >= hot_dC, cold && t <= cold_dC);
  }
  a.temperature_alarm[m.ntc_count] = level_alarm(raised(st, P::MosOt), false);
  a.temperature_alarm[m.ntc_count + 1] =
      level_alarm(raised(st, P::AmbientOt), raised(st, P::AmbientUt));
}

void status_bits(const BmsStatus& s, const ParamSet& p, AlarmBlock& a) {
  const ProtectionStatus& st = s.protection;
  auto on = [&](P id) { return st.protect_on(id); };
  auto warn = [&](P id) { return st.alarm_on(id); };
  a.protect1 = flag(on(P::CellOv) || on(P::CellOvOv), 0) |
               flag(on(P::CellUv) || on(P::CellUvUv), 1) |
               flag(on(P::PackOv) || on(P::PackOvOv), 2) | flag(on(P::PackUv), 3) |
               flag(on(P::ChargeOc), 4) | flag(on(P::DischargeOc1) || on(P::DischargeOc2), 5) |
               flag(on(P::ShortCircuit), 6);
  a.protect2 = flag(on(P::ChargeOt), 0) | flag(on(P::DischargeOt), 1) | flag(on(P::ChargeUt), 2) |
               flag(on(P::DischargeUt), 3) | flag(on(P::MosOt), 4) | flag(on(P::AmbientOt), 5) |
               flag(on(P::AmbientUt), 6) | flag(on(P::FullCharge), 7);
  a.system = flag(s.limiter_active, 0) | flag(s.switches.charge_fet, 1) |
             flag(s.switches.discharge_fet, 2) | flag(s.state == ReportedState::Discharge, 3) |
             flag(on(P::ReversePolarity), 4) | flag((s.time_ms / 1000) % 2 == 1, 7);
  // b4 and b5 say "disabled" (docs/protocols.md §3); the limiter is always enabled here.
  a.config = flag(p.get(ParamId::buzzer_enable) != 0, 0) | flag(p.get(ParamId::led_enable) == 0, 5);
  a.fault = flag(on(P::ChargeFetFault), 0) | flag(on(P::DischargeFetFault), 1) |
            flag(on(P::NtcFault), 2) | flag(on(P::CellSpread), 4) | flag(on(P::SampleFault), 5);
  a.balancing = s.balancing_mask;
  a.warn1 = flag(warn(P::CellOv), 0) | flag(warn(P::CellUv), 1) | flag(warn(P::PackOv), 2) |
            flag(warn(P::PackUv), 3) | flag(warn(P::ChargeOc), 4) | flag(warn(P::DischargeOc1), 5);
  a.warn2 = flag(warn(P::ChargeOt), 0) | flag(warn(P::DischargeOt), 1) |
            flag(warn(P::ChargeUt), 2) | flag(warn(P::DischargeUt), 3) |
            flag(warn(P::AmbientOt), 4) | flag(warn(P::AmbientUt), 5) | flag(warn(P::MosOt), 6) |
            flag(warn(P::LowSoc), 7);
}

// The fields the analog block (42) and a member's summary (FB) share.
template <class Block>
void voltage_and_capacities(const BmsStatus& s, const ParamSet& p, Block& b) {
  const std::uint32_t mV = s.measurements.pack_voltage_mV;
  b.pack_voltage_mV = static_cast<std::uint16_t>(mV > 0xFFFF ? 0xFFFF : mV);
  b.remaining_mAh = s.remaining_mAh;
  // Monitors divide by these: never 0 (PROTOCOLS.md §1.1a).
  b.design_capacity_mAh = p.get(ParamId::design_capacity_mAh);
  b.full_capacity_mAh = s.full_capacity_mAh > 0 ? s.full_capacity_mAh : b.design_capacity_mAh;
}

}  // namespace

AnalogBlock analog_block(const BmsStatus& s, const ParamSet& p) {
  const Measurements& m = s.measurements;
  AnalogBlock a;
  a.cell_count = m.cell_count;
  for (std::uint8_t i = 0; i < m.cell_count; ++i) a.cell_voltage_mV[i] = m.cell_voltage_mV[i];
  a.temperature_count = static_cast<std::uint8_t>(m.ntc_count + 2);
  for (std::uint8_t i = 0; i < m.ntc_count; ++i) a.temperature_dC[i] = m.cell_temperature_dC[i];
  a.temperature_dC[m.ntc_count] = m.mosfet_temperature_dC;
  a.temperature_dC[m.ntc_count + 1] = m.ambient_temperature_dC;
  a.current_mA = m.current_mA;
  voltage_and_capacities(s, p, a);
  a.cycle_count = s.cycle_count;
  return a;
}

AlarmBlock alarm_block(const BmsStatus& s, const ParamSet& p) {
  AlarmBlock a;
  cell_alarms(s, p, a);
  temperature_alarms(s, p, a);
  const ProtectionStatus& st = s.protection;
  a.charge_current_alarm = level_alarm(raised(st, P::ChargeOc), false);
  a.pack_voltage_alarm =
      level_alarm(raised(st, P::PackOv) || raised(st, P::PackOvOv), raised(st, P::PackUv));
  a.discharge_current_alarm = level_alarm(
      raised(st, P::DischargeOc1) || raised(st, P::DischargeOc2) || raised(st, P::ShortCircuit),
      false);
  status_bits(s, p, a);
  return a;
}

ChargeManagement charge_management(const BmsStatus& s) {
  const InverterLimits& l = s.limits;
  ChargeManagement c;
  c.charge_voltage_limit_mV = static_cast<std::uint16_t>(l.charge_voltage_mV);
  c.discharge_voltage_limit_mV = static_cast<std::uint16_t>(l.discharge_voltage_mV);
  c.charge_current_limit_mA = l.charge_current_limit_mA;
  c.discharge_current_limit_mA = l.discharge_current_limit_mA;
  c.status = flag(l.charge_enable, 7) | flag(l.discharge_enable, 6) | flag(l.force_charge, 5) |
             flag(s.protection.protect_on(P::FullCharge), 3);
  return c;
}

// What the master needs of a pack: its own limits as if alone, its charge and its worst case.
MemberBlock member_block(const BmsStatus& s, const ParamSet& p, const PackConfig& c) {
  const Measurements& m = s.measurements;
  const InverterLimits& l = s.limits;
  MemberBlock b;
  b.state = static_cast<std::uint8_t>(s.state);
  b.flags = static_cast<std::uint8_t>(flag(l.charge_enable, 0) | flag(l.discharge_enable, 1) |
                                      flag(s.failure, 2) |
                                      flag(s.protection.protect_on(P::FullCharge), 3) |
                                      flag(l.force_charge, 4) | flag(s.charger_present, 5));
  b.soc_pptt = static_cast<std::uint16_t>(s.soc_pptt);
  voltage_and_capacities(s, p, b);
  b.current_mA = m.current_mA;
  b.charge_voltage_mV = static_cast<std::uint16_t>(l.charge_voltage_mV);
  b.discharge_voltage_mV = static_cast<std::uint16_t>(l.discharge_voltage_mV);
  b.charge_current_limit_mA = l.charge_current_limit_mA;
  b.discharge_current_limit_mA = l.discharge_current_limit_mA;
  b.min_cell_mV = m.min_cell_mV;
  b.max_cell_mV = m.max_cell_mV;
  b.min_temperature_dC = m.min_cell_temperature_dC;
  b.max_temperature_dC = m.max_cell_temperature_dC;
  b.alarm_flags = s.protection.alarm_flags;
  b.protect_flags = s.protection.protect_flags;
  b.series_count = c.series_count;
  b.product_code = c.bank.product_code;
  b.fault_code = s.fault_code;
  return b;
}

}  // namespace lfpbms::protocol
