// The protection table (PR-1...PR-21, PK-4): every protection of the pack, one row each.
// docs/firmware.md explains the columns; `lfpbms table protections` prints this table.
#include <array>

#include "protection/protection_row.hpp"

namespace lfpbms {

namespace {

using P = ParamId;
using Q = Quantity;
using R = ReleaseRule;

constexpr Ref p(ParamId id) {
  return Ref{id, kNoLevel};
}
constexpr Ref c(std::int32_t value) {
  return Ref{ParamId::None, value};
}
constexpr Ref kNone{};

// A level protection whose alarm clears `hyst` inside the alarm level after the release delay.
constexpr ProtectionRow level(ProtectionId id, const char* spec, const char* name, const char* text,
                              Q q, Side side, P alarm, std::int32_t hyst, P protect, P release,
                              P delay, R rule, FetMask opens, std::uint16_t alarm_flag,
                              std::uint32_t protect_flag, std::uint8_t code) {
  return ProtectionRow{id,
                       spec,
                       name,
                       text,
                       q,
                       side,
                       p(alarm),
                       c(hyst),
                       p(delay),
                       p(protect),
                       p(delay),
                       p(release),
                       p(P::release_delay_ms),
                       rule,
                       LatchRule::None,
                       LockGroup::None,
                       opens,
                       alarm_flag,
                       protect_flag,
                       code,
                       Severity::Protection};
}

// A fault: trips after `delay` and latches until manual intervention, both FETs open.
constexpr ProtectionRow fault(ProtectionId id, const char* spec, const char* name, const char* text,
                              Q q, Side side, Ref protect, Ref delay, std::uint32_t protect_flag,
                              std::uint8_t code) {
  return ProtectionRow{id,
                       spec,
                       name,
                       text,
                       q,
                       side,
                       kNone,
                       kNone,
                       kNone,
                       protect,
                       delay,
                       kNone,
                       kNone,
                       R::Manual,
                       LatchRule::OnTrip,
                       LockGroup::None,
                       kBothFets,
                       kAlarmNone,
                       protect_flag,
                       code,
                       Severity::Fault};
}

// A condition (0/1) that is a fault whenever it is 1.
constexpr ProtectionRow fault(ProtectionId id, const char* spec, const char* name, const char* text,
                              Q q, Ref delay, std::uint32_t protect_flag, std::uint8_t code) {
  return fault(id, spec, name, text, q, Side::High, c(1), delay, protect_flag, code);
}

// A reported condition (0/1) that opens no FET and clears by itself.
constexpr ProtectionRow notice(ProtectionId id, const char* spec, const char* name,
                               const char* text, Q q, std::uint8_t code) {
  return ProtectionRow{id,
                       spec,
                       name,
                       text,
                       q,
                       Side::High,
                       kNone,
                       kNone,
                       kNone,
                       c(1),
                       c(0),
                       c(0),
                       p(P::release_delay_ms),
                       R::Level,
                       LatchRule::None,
                       LockGroup::None,
                       kNoFet,
                       kAlarmNone,
                       kProtNone,
                       code,
                       Severity::Alarm};
}

// An over-current tier: trips after its delay, recovers after oc_release_delay_ms, and counts
// towards the lockout of its direction.
constexpr ProtectionRow overcurrent(ProtectionId id, const char* spec, const char* name,
                                    const char* text, Q q, Ref alarm, P protect, P delay,
                                    LockGroup group, FetMask opens, std::uint16_t alarm_flag,
                                    std::uint32_t protect_flag, std::uint8_t code) {
  return ProtectionRow{id,
                       spec,
                       name,
                       text,
                       q,
                       Side::High,
                       alarm,
                       c(5000),
                       p(P::oc_alarm_delay_ms),
                       p(protect),
                       p(delay),
                       kNone,
                       p(P::oc_release_delay_ms),
                       R::Time,
                       LatchRule::CountInWindow,
                       group,
                       opens,
                       alarm_flag,
                       protect_flag,
                       code,
                       Severity::Protection};
}

using I = ProtectionId;

constexpr std::array<ProtectionRow, kProtectionCount> kRows = {{
    level(I::CellOv, "PR-1", "SV_H", "cell over-voltage", Q::MaxCell_mV, Side::High,
          P::cell_ov_alarm_mV, 50, P::cell_ov_protect_mV, P::cell_ov_release_mV,
          P::cell_ov_delay_ms, R::OverVoltage, kChargeFet, kAlarmOV, kProtOVP, 22),
    level(I::CellUv, "PR-2", "SV_L", "cell under-voltage", Q::MinCell_mV, Side::Low,
          P::cell_uv_alarm_mV, 50, P::cell_uv_protect_mV, P::cell_uv_release_mV,
          P::cell_uv_delay_ms, R::UnderVoltage, kDischargeFet, kAlarmUV, kProtUVP, 24),
    level(I::PackOv, "PR-3", "TV_H", "pack over-voltage", Q::Pack_mV, Side::High,
          P::pack_ov_alarm_mV, 500, P::pack_ov_protect_mV, P::pack_ov_release_mV,
          P::pack_ov_delay_ms, R::OverVoltage, kChargeFet, kAlarmTOV, kProtTOVP, 22),
    level(I::PackUv, "PR-4", "TV_L", "pack under-voltage", Q::Pack_mV, Side::Low,
          P::pack_uv_alarm_mV, 500, P::pack_uv_protect_mV, P::pack_uv_release_mV,
          P::pack_uv_delay_ms, R::UnderVoltage, kDischargeFet, kAlarmTUV, kProtTUVP, 24),
    level(I::ChargeOt, "PR-5", "C_T_H", "charge over-temperature", Q::MaxCellTemperature_dC,
          Side::High, P::chg_ot_alarm_dC, 20, P::chg_ot_protect_dC, P::chg_ot_release_dC,
          P::temperature_delay_ms, R::Level, kChargeFet, kAlarmCOT, kProtCOTP, 26),
    level(I::ChargeUt, "PR-6", "C_T_L", "charge under-temperature", Q::MinCellTemperature_dC,
          Side::Low, P::chg_ut_alarm_dC, 20, P::chg_ut_protect_dC, P::chg_ut_release_dC,
          P::temperature_delay_ms, R::Level, kChargeFet, kAlarmCUT, kProtCUTP, 20),
    level(I::DischargeOt, "PR-7", "D_T_H", "discharge over-temperature", Q::MaxCellTemperature_dC,
          Side::High, P::dsg_ot_alarm_dC, 20, P::dsg_ot_protect_dC, P::dsg_ot_release_dC,
          P::temperature_delay_ms, R::Level, kDischargeFet, kAlarmDOT, kProtDOTP, 30),
    level(I::DischargeUt, "PR-8", "D_T_L", "discharge under-temperature", Q::MinCellTemperature_dC,
          Side::Low, P::dsg_ut_alarm_dC, 20, P::dsg_ut_protect_dC, P::dsg_ut_release_dC,
          P::temperature_delay_ms, R::Level, kDischargeFet, kAlarmDUT, kProtDUTP, 18),
    level(I::AmbientOt, "PR-9", "E_H", "ambient high temperature", Q::Ambient_dC, Side::High,
          P::amb_ot_alarm_dC, 20, P::amb_ot_protect_dC, P::amb_ot_release_dC,
          P::temperature_delay_ms, R::Level, kBothFets, kAlarmEOT, kProtEOT, 38),
    level(I::AmbientUt, "PR-10", "E_L", "ambient low temperature", Q::Ambient_dC, Side::Low,
          P::amb_ut_alarm_dC, 20, P::amb_ut_protect_dC, P::amb_ut_release_dC,
          P::temperature_delay_ms, R::Level, kBothFets, kAlarmEUT, kProtEUT, 40),
    level(I::MosOt, "PR-11", "MOS_H", "MOSFET over-temperature", Q::Mosfet_dC, Side::High,
          P::mos_ot_alarm_dC, 20, P::mos_ot_protect_dC, P::mos_ot_release_dC,
          P::temperature_delay_ms, R::Level, kBothFets, kAlarmMosOT, kProtMosOT, 34),
    overcurrent(I::ChargeOc, "PR-12", "C_C", "charge over-current", Q::ChargeCurrent_mA,
                p(P::chg_oc_alarm_mA), P::chg_oc_protect_mA, P::chg_oc_delay_ms,
                LockGroup::ChargeOc, kChargeFet, kAlarmCOC, kProtCOCP, 32),
    overcurrent(I::DischargeOc1, "PR-13", "D_C", "discharge over-current (OC1)",
                Q::DischargeCurrent_mA, p(P::dsg_oc1_alarm_mA), P::dsg_oc1_protect_mA,
                P::dsg_oc1_delay_ms, LockGroup::DischargeOc, kDischargeFet, kAlarmDOC, kProtDOCP,
                28),
    overcurrent(I::DischargeOc2, "PR-13", "D_C2", "discharge over-current (OC2)",
                Q::DischargeCurrent_mA, kNone, P::dsg_oc2_protect_mA, P::dsg_oc2_delay_ms,
                LockGroup::DischargeOc, kDischargeFet, kAlarmNone, kProtDOCP, 28),
    ProtectionRow{I::ShortCircuit,
                  "PR-14",
                  "S_C",
                  "short circuit",
                  Q::ShortCircuit,
                  Side::High,
                  kNone,
                  kNone,
                  kNone,
                  c(1),
                  c(0),
                  kNone,
                  p(P::release_delay_ms),
                  R::ChargerPresent,
                  LatchRule::None,
                  LockGroup::None,
                  kBothFets,
                  kAlarmNone,
                  kProtCP,
                  36,
                  Severity::Protection},
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
    ProtectionRow{I::CellSpread,
                  "PR-18",
                  "CELLS",
                  "cell imbalance / cell failure",
                  Q::CellSpread_mV,
                  Side::High,
                  p(P::spread_alarm_mV),
                  c(50),
                  p(P::spread_delay_ms),
                  p(P::spread_protect_mV),
                  p(P::spread_delay_ms),
                  kNone,
                  kNone,
                  R::Manual,
                  LatchRule::OnTrip,
                  LockGroup::None,
                  kBothFets,
                  kAlarmNone,
                  kProtCells,
                  14,
                  Severity::Fault},
    ProtectionRow{I::FullCharge,
                  "PR-19",
                  "FULL",
                  "fully charged",
                  Q::FullCharge,
                  Side::High,
                  kNone,
                  kNone,
                  kNone,
                  c(1),
                  c(0),
                  p(P::full_release_soc_pptt),
                  p(P::release_delay_ms),
                  R::SocBelow,
                  LatchRule::None,
                  LockGroup::None,
                  kNoFet,
                  kAlarmNone,
                  kProtFully,
                  0,
                  Severity::Alarm},
    ProtectionRow{I::FullDischarge,
                  "PR-19",
                  "EMPTY",
                  "fully discharged",
                  Q::FullDischarge,
                  Side::High,
                  kNone,
                  kNone,
                  kNone,
                  c(1),
                  c(0),
                  c(0),
                  kNone,
                  R::Level,
                  LatchRule::None,
                  LockGroup::None,
                  kNoFet,
                  kAlarmNone,
                  kProtNone,
                  0,
                  Severity::Alarm},
    ProtectionRow{I::LowSoc,
                  "PR-20",
                  "USOC",
                  "low state of charge",
                  Q::Soc_pptt,
                  Side::Low,
                  p(P::usoc_alarm_pptt),
                  p(P::usoc_hysteresis_pptt),
                  c(0),
                  kNone,
                  kNone,
                  kNone,
                  kNone,
                  R::Level,
                  LatchRule::None,
                  LockGroup::None,
                  kNoFet,
                  kAlarmUSOC,
                  kProtNone,
                  0,
                  Severity::Alarm},
    notice(I::IdTimeout, "PR-21", "ID_OVER", "slave lost (ID time-out)", Q::IdTimeout, 4),
    notice(I::AddressConflict, "PR-21", "ID_DUP", "address conflict", Q::AddressConflict, 4),
    notice(I::DipFault, "PR-21", "ADS", "address switch fault", Q::DipFault, 6),
    notice(I::CabinetFault, "PR-21", "CABINET", "cabinet fault", Q::CabinetFault, 12),
    ProtectionRow{I::Precharge,
                  "PK-4",
                  "PRE_CHA",
                  "pre-charge failure",
                  Q::PrechargeFailed,
                  Side::High,
                  kNone,
                  kNone,
                  kNone,
                  c(1),
                  c(0),
                  kNone,
                  p(P::precharge_retry_ms),
                  R::Time,
                  LatchRule::CountInWindow,
                  LockGroup::Precharge,
                  kDischargeFet,
                  kAlarmNone,
                  kProtNone,
                  16,
                  Severity::Protection},
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
