#pragma once
// The shape of one protection: what it measures, its alarm / protect / release levels and
// delays (as references into the parameter table), how it releases, whether it latches, which
// FETs it opens, and how it shows (flags, fault code, severity). One row per protection.
#include <cstdint>
#include <limits>

#include "params/param_set.hpp"

namespace lfpbms {

enum class ProtectionId : std::uint8_t {
  CellOv,              // PR-1
  CellUv,              // PR-2
  PackOv,              // PR-3
  PackUv,              // PR-4
  ChargeOt,            // PR-5
  ChargeUt,            // PR-6
  DischargeOt,         // PR-7
  DischargeUt,         // PR-8
  AmbientOt,           // PR-9
  AmbientUt,           // PR-10
  MosOt,               // PR-11
  ChargeOc,            // PR-12
  DischargeOc1,        // PR-13
  DischargeOc2,        // PR-13 second tier
  ShortCircuit,        // PR-14
  ReversePolarity,     // PR-15
  CellOvOv,            // PR-16 SV_H_H
  PackOvOv,            // PR-16 TV_H_H
  CellUvUv,            // PR-16 SV_L_L
  NtcFault,            // PR-17
  SampleFault,         // PR-17 cell lines, ADC, pack/cell mismatch
  CurrentSensorFault,  // PR-17
  ChargeFetFault,      // PR-17 chg MOS
  DischargeFetFault,   // PR-17 dhg MOS
  CellSpread,          // PR-18
  FullCharge,          // PR-19
  FullDischarge,       // PR-19
  LowSoc,              // PR-20
  IdTimeout,           // PR-21 ID_OVER
  AddressConflict,     // PR-21
  DipFault,            // PR-21 ADS dialer
  CabinetFault,        // PR-21
  Precharge,           // PK-4 PRE_CHA
  MasterLost,          // PR-21 / PA-3: a slave no longer hears its master
  Count
};

inline constexpr std::size_t kProtectionCount = static_cast<std::size_t>(ProtectionId::Count);
static_assert(kProtectionCount <= 64, "masks are 64 bits");

constexpr std::uint64_t bit(ProtectionId id) {
  return 1ull << static_cast<unsigned>(id);
}

// What a row compares with its levels.
enum class Quantity : std::uint8_t {
  MaxCell_mV,
  MinCell_mV,
  Pack_mV,
  MaxCellTemperature_dC,
  MinCellTemperature_dC,
  Ambient_dC,
  Mosfet_dC,
  ChargeCurrent_mA,     // max(0, I)
  DischargeCurrent_mA,  // max(0, -I)
  CellSpread_mV,
  Soc_pptt,
  // Conditions (0 or 1), computed by the BMS each tick.
  ShortCircuit,
  ReversePolarity,
  NtcFault,
  SampleFault,
  CurrentSensorFault,
  ChargeFetFault,
  DischargeFetFault,
  FullCharge,
  FullDischarge,
  IdTimeout,
  AddressConflict,
  DipFault,
  CabinetFault,
  PrechargeFailed,
  MasterLost,
};

enum class Side : std::uint8_t { High, Low };  // trips above (High) or below (Low) the level

enum class ReleaseRule : std::uint8_t {
  Level,           // back past the release level for the release delay
  OverVoltage,     // Level, or below protect and (SOC <= release SOC or idle 24 h), or discharging
  UnderVoltage,    // charge current AND above release (OR with uv_release_any)
  Time,            // the release delay after the trip, whatever the value
  ChargerPresent,  // a charger appears at the terminals
  SocBelow,        // SOC at or below the release level
  Manual,          // button reset or host command only
};

enum class LatchRule : std::uint8_t {
  None,
  OnTrip,         // every trip latches
  CountInWindow,  // N trips with at most `window` between them latch (PR-12/13 lockout)
};

enum class LockGroup : std::uint8_t { None, ChargeOc, DischargeOc, Precharge, Count };

enum FetMask : std::uint8_t { kNoFet = 0, kChargeFet = 1, kDischargeFet = 2, kBothFets = 3 };

enum class Severity : std::uint8_t { Alarm, Protection, Fault };

// [001 §5] alarm flags (14) and protection flags (21), in the manual's order.
enum AlarmFlag : std::uint16_t {
  kAlarmNone = 0,
  kAlarmDOC = 1u << 0,
  kAlarmCOC = 1u << 1,
  kAlarmTUV = 1u << 2,
  kAlarmTOV = 1u << 3,
  kAlarmUV = 1u << 4,
  kAlarmOV = 1u << 5,
  kAlarmUSOC = 1u << 6,
  kAlarmMosOT = 1u << 7,
  kAlarmEUT = 1u << 8,
  kAlarmEOT = 1u << 9,
  kAlarmDUT = 1u << 10,
  kAlarmCUT = 1u << 11,
  kAlarmDOT = 1u << 12,
  kAlarmCOT = 1u << 13,
};

enum ProtectFlag : std::uint32_t {
  kProtNone = 0,
  kProtCP = 1u << 0,
  kProtDOCP = 1u << 1,
  kProtCOCP = 1u << 2,
  kProtTUVP = 1u << 3,
  kProtTOVP = 1u << 4,
  kProtUVP = 1u << 5,
  kProtOVP = 1u << 6,
  kProtFully = 1u << 7,
  kProtEUT = 1u << 8,
  kProtEOT = 1u << 9,
  kProtMosOT = 1u << 10,
  kProtDUTP = 1u << 11,
  kProtCUTP = 1u << 12,
  kProtDOTP = 1u << 13,
  kProtCOTP = 1u << 14,
  kProtPCB = 1u << 15,
  kProtSample = 1u << 16,
  kProtCells = 1u << 17,
  kProtNTC = 1u << 18,
  kProtChgMos = 1u << 19,
  kProtDhgMos = 1u << 20,
};

inline constexpr std::int32_t kNoLevel = std::numeric_limits<std::int32_t>::min();

// A level or delay: a parameter, or a constant when `param` is None.
struct Ref {
  ParamId param = ParamId::None;
  std::int32_t constant = kNoLevel;

  bool present() const { return param != ParamId::None || constant != kNoLevel; }
  std::int32_t value(const ParamSet& params) const {
    return param != ParamId::None ? params.get(param) : constant;
  }
};

struct ProtectionRow {
  ProtectionId id = ProtectionId::Count;
  const char* spec = "";  // SPEC id, e.g. "PR-12"
  const char* name = "";  // [000 §13] screen name
  const char* text = "";
  Quantity quantity{};
  Side side = Side::High;
  Ref alarm{};
  Ref alarm_hysteresis{};  // the alarm clears this far back inside the alarm level
  Ref alarm_delay_ms{};
  Ref protect{};
  Ref protect_delay_ms{};
  Ref release{};
  Ref release_delay_ms{};
  ReleaseRule release_rule = ReleaseRule::Level;
  LatchRule latch = LatchRule::None;
  LockGroup lock_group = LockGroup::None;
  FetMask opens = kNoFet;
  std::uint16_t alarm_flag = kAlarmNone;
  std::uint32_t protect_flag = kProtNone;
  std::uint8_t fault_code = 0;  // [000 §5.3] 6-LED code, 0 = none
  Severity severity = Severity::Protection;
};

const ProtectionRow& protection_row(ProtectionId id);
// The FETs held open by the protections in `protect_mask` (bits from bit(ProtectionId)).
FetMask fets_opened_by(std::uint64_t protect_mask);
const ProtectionRow* protection_rows_begin();
const ProtectionRow* protection_rows_end();

}  // namespace lfpbms
