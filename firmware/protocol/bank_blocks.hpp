#pragma once
// What the parallel bank carries over the host protocol (lfpbms extensions, docs/protocols.md):
// a member's summary, which the master polls from every slave on the internal bus (FB), and
// the master's system view, which a host reads (F9). Blocks with units in the names and one
// layout each, for both ends, as in wire_model.hpp.
#include <array>
#include <cstdint>

#include "protocol/field_io.hpp"

namespace lfpbms::protocol {

inline constexpr std::uint8_t kMaxBankPacks = 32;  // PA-1: up to 32 on a Link IN/OUT chain

// FB: one pack as the master needs it for the system values (PA-2) and the PA-6 check.
enum MemberFlag : std::uint8_t {
  kMemberChargeEnable = 1u << 0,
  kMemberDischargeEnable = 1u << 1,
  kMemberFailure = 1u << 2,
  kMemberFull = 1u << 3,
  kMemberForceCharge = 1u << 4,
  kMemberChargerPresent = 1u << 5,
};

struct MemberBlock {
  std::uint8_t state = 0;  // ReportedState
  std::uint8_t flags = 0;  // MemberFlag
  std::uint16_t soc_pptt = 0;
  std::int32_t remaining_mAh = 0;
  std::int32_t full_capacity_mAh = 0;
  std::int32_t design_capacity_mAh = 0;
  std::uint16_t pack_voltage_mV = 0;
  std::int32_t current_mA = 0;  // + charge
  std::uint16_t charge_voltage_mV = 0;
  std::uint16_t discharge_voltage_mV = 0;
  std::int32_t charge_current_limit_mA = 0;
  std::int32_t discharge_current_limit_mA = 0;
  std::uint16_t min_cell_mV = 0;
  std::uint16_t max_cell_mV = 0;
  std::int16_t min_temperature_dC = 0;
  std::int16_t max_temperature_dC = 0;
  std::uint16_t alarm_flags = 0;    // AlarmFlag bits [001 §5]
  std::uint32_t protect_flags = 0;  // ProtectFlag bits
  std::uint8_t series_count = 0;
  std::uint16_t product_code = 0;
  std::uint8_t fault_code = 0;  // [000 §5.3]
};

template <class Io, class A>
void member_layout(Io& io, A& m) {
  io.u8(m.state);
  io.u8(m.flags);
  io.u16(m.soc_pptt);
  io.scaled_u16(m.remaining_mAh, 10);
  io.scaled_u16(m.full_capacity_mAh, 10);
  io.scaled_u16(m.design_capacity_mAh, 10);
  io.u16(m.pack_voltage_mV);
  io.scaled_s16(m.current_mA, 10);
  io.u16(m.charge_voltage_mV);
  io.u16(m.discharge_voltage_mV);
  io.scaled_u16(m.charge_current_limit_mA, 10);
  io.scaled_u16(m.discharge_current_limit_mA, 10);
  io.u16(m.min_cell_mV);
  io.u16(m.max_cell_mV);
  io.kelvin(m.min_temperature_dC, kPaceUnits.kelvin_dC);
  io.kelvin(m.max_temperature_dC, kPaceUnits.kelvin_dC);
  io.u16(m.alarm_flags);
  io.u32(m.protect_flags);
  io.u8(m.series_count);
  io.u16(m.product_code);
  io.u8(m.fault_code);
}

// F9: the bank as its master sees it. Masks: bit i is address i + 1.
enum BankMemberFlag : std::uint8_t {
  kBankHealthy = 1u << 0,   // counted in the system values
  kBankLost = 1u << 1,      // answered before, silent now (ID_OVER)
  kBankConflict = 1u << 2,  // its answers collide: two packs share the address
  kBankMismatch = 1u << 3,  // another model, capacity or series count (PA-6)
  kBankFailure = 1u << 4,   // in failure mode
};

enum SystemLimitFlag : std::uint8_t {
  kSystemChargeEnable = 1u << 0,
  kSystemDischargeEnable = 1u << 1,
  kSystemForceCharge = 1u << 2,
};

struct BankMemberEntry {
  std::uint8_t address = 0;
  std::uint8_t flags = 0;  // BankMemberFlag
  std::uint16_t soc_pptt = 0;
  std::int32_t current_mA = 0;
  std::int32_t charge_current_limit_mA = 0;
  std::int32_t discharge_current_limit_mA = 0;
};

struct SystemBlock {
  std::uint8_t role = 0;  // BankRole
  std::uint8_t healthy_count = 0;
  std::uint32_t lost_mask = 0;
  std::uint32_t conflict_mask = 0;
  std::uint32_t mismatch_mask = 0;
  std::uint16_t soc_pptt = 0;  // capacity-weighted over the healthy packs
  std::int32_t remaining_mAh = 0;
  std::int32_t full_capacity_mAh = 0;
  std::uint16_t voltage_mV = 0;
  std::int32_t current_mA = 0;  // the sum, + charge
  std::uint16_t charge_voltage_mV = 0;
  std::uint16_t discharge_voltage_mV = 0;
  std::int32_t charge_current_limit_mA = 0;
  std::int32_t discharge_current_limit_mA = 0;
  std::uint8_t limit_flags = 0;  // SystemLimitFlag
  std::uint16_t min_cell_mV = 0;
  std::uint16_t max_cell_mV = 0;
  std::int16_t min_temperature_dC = 0;
  std::int16_t max_temperature_dC = 0;
  std::uint16_t alarm_flags = 0;  // worst case: any pack's
  std::uint32_t protect_flags = 0;
  std::uint8_t member_count = 0;  // packs known, the master included
  std::array<BankMemberEntry, kMaxBankPacks> members{};
};

template <class Io, class A>
void system_layout(Io& io, A& s) {
  io.u8(s.role);
  io.u8(s.healthy_count);
  io.u32(s.lost_mask);
  io.u32(s.conflict_mask);
  io.u32(s.mismatch_mask);
  io.u16(s.soc_pptt);
  io.scaled_u24(s.remaining_mAh, 10);
  io.scaled_u24(s.full_capacity_mAh, 10);
  io.u16(s.voltage_mV);
  io.scaled_s16(s.current_mA, 100);
  io.u16(s.charge_voltage_mV);
  io.u16(s.discharge_voltage_mV);
  io.scaled_u24(s.charge_current_limit_mA, 1);
  io.scaled_u24(s.discharge_current_limit_mA, 1);
  io.u8(s.limit_flags);
  io.u16(s.min_cell_mV);
  io.u16(s.max_cell_mV);
  io.kelvin(s.min_temperature_dC, kPaceUnits.kelvin_dC);
  io.kelvin(s.max_temperature_dC, kPaceUnits.kelvin_dC);
  io.u16(s.alarm_flags);
  io.u32(s.protect_flags);
  io.count(s.member_count, kMaxBankPacks);
  for (std::uint8_t i = 0; i < s.member_count; ++i) {
    auto& m = s.members[i];
    io.u8(m.address);
    io.u8(m.flags);
    io.u16(m.soc_pptt);
    io.scaled_s16(m.current_mA, 10);
    io.scaled_u16(m.charge_current_limit_mA, 10);
    io.scaled_u16(m.discharge_current_limit_mA, 10);
  }
}

}  // namespace lfpbms::protocol
