// The protection table (PR-1...PR-21, PK-4): every protection of the pack, one row each.
// docs/firmware.md explains the columns; `lfpbms table protections` prints this table.
#include <array>

#include "protection/protection_row.hpp"

namespace lfpbms {

namespace {

using P = ParamId;
using Q = Quantity;
using R = ReleaseRule;
using I = ProtectionId;

constexpr Ref p(ParamId id) {
  return Ref{id, kNoLevel};
}
constexpr Ref c(std::int32_t value) {
  return Ref{ParamId::None, value};
}

// The parameters of a level protection: alarm, protect, release and the one delay that
// debounces both the alarm and the trip.
struct Levels {
  P alarm;
  P protect;
  P release;
  P delay;
};

// A level protection that releases by `rule`; its alarm clears `hyst` back inside the level.
constexpr ProtectionRow level(I id, const char* spec, const char* name, const char* text, Q q,
                              Side side, Levels l, std::int32_t hyst, R rule, FetMask opens,
                              std::uint16_t alarm_flag, std::uint32_t protect_flag,
                              std::uint8_t code) {
  return {.id = id,
          .spec = spec,
          .name = name,
          .text = text,
          .quantity = q,
          .side = side,
          .alarm = p(l.alarm),
          .alarm_hysteresis = c(hyst),
          .alarm_delay_ms = p(l.delay),
          .protect = p(l.protect),
          .protect_delay_ms = p(l.delay),
          .release = p(l.release),
          .release_delay_ms = p(P::release_delay_ms),
          .release_rule = rule,
          .opens = opens,
          .alarm_flag = alarm_flag,
          .protect_flag = protect_flag,
          .fault_code = code};
}

// A fault: trips after `delay`, latches until manual intervention, both FETs open.
constexpr ProtectionRow fault(I id, const char* spec, const char* name, const char* text, Q q,
                              Side side, Ref protect, Ref delay, std::uint32_t protect_flag,
                              std::uint8_t code) {
  return {.id = id,
          .spec = spec,
          .name = name,
          .text = text,
          .quantity = q,
          .side = side,
          .protect = protect,
          .protect_delay_ms = delay,
          .release_rule = R::Manual,
          .latch = LatchRule::OnTrip,
          .opens = kBothFets,
          .protect_flag = protect_flag,
          .fault_code = code,
          .severity = Severity::Fault};
}

// A condition (0/1) that is a fault whenever it is 1.
constexpr ProtectionRow fault(I id, const char* spec, const char* name, const char* text, Q q,
                              Ref delay, std::uint32_t protect_flag, std::uint8_t code) {
  return fault(id, spec, name, text, q, Side::High, c(1), delay, protect_flag, code);
}

// A reported condition (0/1) that opens no FET and clears by itself.
constexpr ProtectionRow notice(I id, const char* spec, const char* name, const char* text, Q q,
                               std::uint8_t code) {
  return {.id = id,
          .spec = spec,
          .name = name,
          .text = text,
          .quantity = q,
          .protect = c(1),
          .protect_delay_ms = c(0),
          .release = c(0),
          .release_delay_ms = p(P::release_delay_ms),
          .fault_code = code,
          .severity = Severity::Alarm};
}

// An over-current tier: trips after its delay, recovers after oc_release_delay_ms, and counts
// towards the lockout of its direction.
constexpr ProtectionRow overcurrent(I id, const char* spec, const char* name, const char* text, Q q,
                                    Ref alarm, P protect, P delay, LockGroup group, FetMask opens,
                                    std::uint16_t alarm_flag, std::uint32_t protect_flag,
                                    std::uint8_t code) {
  return {.id = id,
          .spec = spec,
          .name = name,
          .text = text,
          .quantity = q,
          .alarm = alarm,
          .alarm_hysteresis = c(5000),
          .alarm_delay_ms = p(P::oc_alarm_delay_ms),
          .protect = p(protect),
          .protect_delay_ms = p(delay),
          .release_delay_ms = p(P::oc_release_delay_ms),
          .release_rule = R::Time,
          .latch = LatchRule::CountInWindow,
          .lock_group = group,
          .opens = opens,
          .alarm_flag = alarm_flag,
          .protect_flag = protect_flag,
          .fault_code = code};
}

constexpr Levels kCellOv{P::cell_ov_alarm_mV, P::cell_ov_protect_mV, P::cell_ov_release_mV,
                         P::cell_ov_delay_ms};
constexpr Levels kCellUv{P::cell_uv_alarm_mV, P::cell_uv_protect_mV, P::cell_uv_release_mV,
                         P::cell_uv_delay_ms};
constexpr Levels kPackOv{P::pack_ov_alarm_mV, P::pack_ov_protect_mV, P::pack_ov_release_mV,
                         P::pack_ov_delay_ms};
constexpr Levels kPackUv{P::pack_uv_alarm_mV, P::pack_uv_protect_mV, P::pack_uv_release_mV,
                         P::pack_uv_delay_ms};
constexpr Levels kChgOt{P::chg_ot_alarm_dC, P::chg_ot_protect_dC, P::chg_ot_release_dC,
                        P::temperature_delay_ms};
constexpr Levels kChgUt{P::chg_ut_alarm_dC, P::chg_ut_protect_dC, P::chg_ut_release_dC,
                        P::temperature_delay_ms};
constexpr Levels kDsgOt{P::dsg_ot_alarm_dC, P::dsg_ot_protect_dC, P::dsg_ot_release_dC,
                        P::temperature_delay_ms};
constexpr Levels kDsgUt{P::dsg_ut_alarm_dC, P::dsg_ut_protect_dC, P::dsg_ut_release_dC,
                        P::temperature_delay_ms};
constexpr Levels kAmbOt{P::amb_ot_alarm_dC, P::amb_ot_protect_dC, P::amb_ot_release_dC,
                        P::temperature_delay_ms};
constexpr Levels kAmbUt{P::amb_ut_alarm_dC, P::amb_ut_protect_dC, P::amb_ut_release_dC,
                        P::temperature_delay_ms};
constexpr Levels kMosOt{P::mos_ot_alarm_dC, P::mos_ot_protect_dC, P::mos_ot_release_dC,
                        P::temperature_delay_ms};

// Alarm hysteresis (own): 50 mV per cell, 0.5 V per pack, 2 °C.
constexpr std::int32_t kCellHyst_mV = 50;
constexpr std::int32_t kPackHyst_mV = 500;
constexpr std::int32_t kTempHyst_dC = 20;

constexpr std::array<ProtectionRow, kProtectionCount> kRows = {{
    level(I::CellOv, "PR-1", "SV_H", "cell over-voltage", Q::MaxCell_mV, Side::High, kCellOv,
          kCellHyst_mV, R::OverVoltage, kChargeFet, kAlarmOV, kProtOVP, 22),
    level(I::CellUv, "PR-2", "SV_L", "cell under-voltage", Q::MinCell_mV, Side::Low, kCellUv,
          kCellHyst_mV, R::UnderVoltage, kDischargeFet, kAlarmUV, kProtUVP, 24),
    level(I::PackOv, "PR-3", "TV_H", "pack over-voltage", Q::Pack_mV, Side::High, kPackOv,
          kPackHyst_mV, R::OverVoltage, kChargeFet, kAlarmTOV, kProtTOVP, 22),
    level(I::PackUv, "PR-4", "TV_L", "pack under-voltage", Q::Pack_mV, Side::Low, kPackUv,
          kPackHyst_mV, R::UnderVoltage, kDischargeFet, kAlarmTUV, kProtTUVP, 24),
    level(I::ChargeOt, "PR-5", "C_T_H", "charge over-temperature", Q::MaxCellTemperature_dC,
          Side::High, kChgOt, kTempHyst_dC, R::Level, kChargeFet, kAlarmCOT, kProtCOTP, 26),
    level(I::ChargeUt, "PR-6", "C_T_L", "charge under-temperature", Q::MinCellTemperature_dC,
          Side::Low, kChgUt, kTempHyst_dC, R::Level, kChargeFet, kAlarmCUT, kProtCUTP, 20),
    level(I::DischargeOt, "PR-7", "D_T_H", "discharge over-temperature", Q::MaxCellTemperature_dC,
          Side::High, kDsgOt, kTempHyst_dC, R::Level, kDischargeFet, kAlarmDOT, kProtDOTP, 30),
    level(I::DischargeUt, "PR-8", "D_T_L", "discharge under-temperature", Q::MinCellTemperature_dC,
          Side::Low, kDsgUt, kTempHyst_dC, R::Level, kDischargeFet, kAlarmDUT, kProtDUTP, 18),
    level(I::AmbientOt, "PR-9", "E_H", "ambient high temperature", Q::Ambient_dC, Side::High,
          kAmbOt, kTempHyst_dC, R::Level, kBothFets, kAlarmEOT, kProtEOT, 38),
    level(I::AmbientUt, "PR-10", "E_L", "ambient low temperature", Q::Ambient_dC, Side::Low, kAmbUt,
          kTempHyst_dC, R::Level, kBothFets, kAlarmEUT, kProtEUT, 40),
    level(I::MosOt, "PR-11", "MOS_H", "MOSFET over-temperature", Q::Mosfet_dC, Side::High, kMosOt,
          kTempHyst_dC, R::Level, kBothFets, kAlarmMosOT, kProtMosOT, 34),
    overcurrent(I::ChargeOc, "PR-12", "C_C", "charge over-current", Q::ChargeCurrent_mA,
                p(P::chg_oc_alarm_mA), P::chg_oc_protect_mA, P::chg_oc_delay_ms,
                LockGroup::ChargeOc, kChargeFet, kAlarmCOC, kProtCOCP, 32),
    overcurrent(I::DischargeOc1, "PR-13", "D_C", "discharge over-current (OC1)",
                Q::DischargeCurrent_mA, p(P::dsg_oc1_alarm_mA), P::dsg_oc1_protect_mA,
                P::dsg_oc1_delay_ms, LockGroup::DischargeOc, kDischargeFet, kAlarmDOC, kProtDOCP,
                28),
    overcurrent(I::DischargeOc2, "PR-13", "D_C2", "discharge over-current (OC2)",
                Q::DischargeCurrent_mA, Ref{}, P::dsg_oc2_protect_mA, P::dsg_oc2_delay_ms,
                LockGroup::DischargeOc, kDischargeFet, kAlarmNone, kProtDOCP, 28),
    {.id = I::ShortCircuit,
     .spec = "PR-14",
     .name = "S_C",
     .text = "short circuit",
     .quantity = Q::ShortCircuit,
     .protect = c(1),
     .protect_delay_ms = c(0),  // the hardware already tripped; the tick records it
     .release_delay_ms = p(P::release_delay_ms),
     .release_rule = R::ChargerPresent,
     .opens = kBothFets,
     .protect_flag = kProtCP,
     .fault_code = 36},
    fault(I::ReversePolarity, "PR-15", "REV", "reverse polarity", Q::ReversePolarity, c(0),
          kProtNone, 0),
    fault(I::CellOvOv, "PR-16", "SV_H_H", "cell over-voltage high-high", Q::MaxCell_mV, Side::High,
          p(P::cell_ovov_protect_mV), p(P::hhll_delay_ms), kProtOVP, 22),
    fault(I::PackOvOv, "PR-16", "TV_H_H", "pack over-voltage high-high", Q::Pack_mV, Side::High,
          p(P::pack_ovov_protect_mV), p(P::hhll_delay_ms), kProtTOVP, 22),
    fault(I::CellUvUv, "PR-16", "SV_L_L", "cell under-voltage low-low", Q::MinCell_mV, Side::Low,
          p(P::cell_uvuv_protect_mV), p(P::hhll_delay_ms), kProtUVP, 24),
    fault(I::NtcFault, "PR-17", "NTC", "temperature sensor failure", Q::NtcFault,
          p(P::sensor_fault_delay_ms), kProtNTC, 0),
    fault(I::SampleFault, "PR-17", "SAMPLE", "cell voltage sampling failure", Q::SampleFault,
          p(P::sensor_fault_delay_ms), kProtSample, 0),
    fault(I::CurrentSensorFault, "PR-17", "CUR", "current sensor failure", Q::CurrentSensorFault,
          p(P::sensor_fault_delay_ms), kProtPCB, 0),
    fault(I::ChargeFetFault, "PR-17", "CHG_MOS", "charge MOSFET failure", Q::ChargeFetFault,
          p(P::sensor_fault_delay_ms), kProtChgMos, 0),
    fault(I::DischargeFetFault, "PR-17", "DSG_MOS", "discharge MOSFET failure",
          Q::DischargeFetFault, p(P::sensor_fault_delay_ms), kProtDhgMos, 0),
    {.id = I::CellSpread,
     .spec = "PR-18",
     .name = "CELLS",
     .text = "cell imbalance / cell failure",
     .quantity = Q::CellSpread_mV,
     .alarm = p(P::spread_alarm_mV),
     .alarm_hysteresis = c(50),
     .alarm_delay_ms = p(P::spread_delay_ms),
     .protect = p(P::spread_protect_mV),
     .protect_delay_ms = p(P::spread_delay_ms),
     .release_rule = R::Manual,
     .latch = LatchRule::OnTrip,
     .opens = kBothFets,
     .protect_flag = kProtCells,
     .fault_code = 14,
     .severity = Severity::Fault},
    {.id = I::FullCharge,
     .spec = "PR-19",
     .name = "FULL",
     .text = "fully charged",
     .quantity = Q::FullCharge,
     .protect = c(1),
     .protect_delay_ms = c(0),  // the taper delay is counted by the charge tracker
     .release = p(P::full_release_soc_pptt),
     .release_delay_ms = p(P::release_delay_ms),
     .release_rule = R::SocBelow,
     .protect_flag = kProtFully,
     .severity = Severity::Alarm},
    {.id = I::FullDischarge,
     .spec = "PR-19",
     .name = "EMPTY",
     .text = "fully discharged",
     .quantity = Q::FullDischarge,
     .protect = c(1),
     .protect_delay_ms = c(0),
     .release = c(0),
     .severity = Severity::Alarm},
    {.id = I::LowSoc,
     .spec = "PR-20",
     .name = "USOC",
     .text = "low state of charge",
     .quantity = Q::Soc_pptt,
     .side = Side::Low,
     .alarm = p(P::usoc_alarm_pptt),
     .alarm_hysteresis = p(P::usoc_hysteresis_pptt),
     .alarm_delay_ms = c(0),
     .alarm_flag = kAlarmUSOC,
     .severity = Severity::Alarm},
    notice(I::IdTimeout, "PR-21", "ID_OVER", "slave lost (ID time-out)", Q::IdTimeout, 4),
    notice(I::AddressConflict, "PR-21", "ID_DUP", "address conflict", Q::AddressConflict, 4),
    notice(I::DipFault, "PR-21", "ADS", "address switch fault", Q::DipFault, 6),
    notice(I::CabinetFault, "PR-21", "CABINET", "cabinet fault", Q::CabinetFault, 12),
    {.id = I::Precharge,
     .spec = "PK-4",
     .name = "PRE_CHA",
     .text = "pre-charge failure",
     .quantity = Q::PrechargeFailed,
     .protect = c(1),
     .protect_delay_ms = c(0),
     .release_delay_ms = p(P::precharge_retry_ms),
     .release_rule = R::Time,
     .latch = LatchRule::CountInWindow,
     .lock_group = LockGroup::Precharge,
     .opens = kDischargeFet,
     .fault_code = 16},
    notice(I::MasterLost, "PR-21", "MASTER", "master lost (internal bus)", Q::MasterLost, 4),
}};

constexpr bool rows_in_order() {
  for (std::size_t i = 0; i < kRows.size(); ++i) {
    if (static_cast<std::size_t>(kRows[i].id) != i) return false;
  }
  return true;
}
static_assert(rows_in_order(), "protection rows out of order");

}  // namespace

const ProtectionRow& protection_row(ProtectionId id) {
  return kRows[static_cast<std::size_t>(id)];
}

FetMask fets_opened_by(std::uint64_t protect_mask) {
  unsigned fets = kNoFet;
  if (protect_mask == 0) return kNoFet;  // the common case, every tick
  for (const auto& row : kRows) {
    if ((protect_mask & bit(row.id)) != 0) fets |= row.opens;
  }
  return static_cast<FetMask>(fets);
}

const ProtectionRow* protection_rows_begin() {
  return kRows.data();
}
const ProtectionRow* protection_rows_end() {
  return kRows.data() + kRows.size();
}

}  // namespace lfpbms
