#include "parallel/system_view.hpp"

#include "state/state_machine.hpp"

namespace lfpbms {

namespace {

using protocol::MemberBlock;
using protocol::SystemBlock;

struct Member {
  const MemberBlock* block;  // null: nothing known (lost before it ever answered, conflict)
  std::uint8_t address;
  std::uint8_t flags;  // BankMemberFlag
};

bool awake_and_sound(const MemberBlock& b) {
  return (b.flags & protocol::kMemberFailure) == 0 &&
         b.state != static_cast<std::uint8_t>(ReportedState::Sleep);
}

// PA-6: another product, size or series count than the master's.
bool mismatched(const MemberBlock& b, const MemberBlock& own) {
  return b.series_count != own.series_count || b.product_code != own.product_code ||
         b.design_capacity_mAh != own.design_capacity_mAh;
}

std::uint8_t slave_flags(const MemberSlot& s, const MemberBlock& own) {
  std::uint8_t f = 0;
  if (s.lost) f |= protocol::kBankLost;
  if (s.conflict) f |= protocol::kBankConflict;
  if (!s.known) return f;
  if ((s.member.flags & protocol::kMemberFailure) != 0) f |= protocol::kBankFailure;
  const bool mismatch = mismatched(s.member, own);
  if (mismatch) f |= protocol::kBankMismatch;
  // Another series count cannot share the bus voltage: never counted.
  const bool fits = s.member.series_count == own.series_count;
  if (s.talking() && awake_and_sound(s.member) && fits) f |= protocol::kBankHealthy;
  return f;
}

std::size_t collect(const SystemInputs& in, Member* out) {
  std::size_t n = 0;
  std::uint8_t own_flags = in.own_conflict ? protocol::kBankConflict : 0;
  if (awake_and_sound(*in.own)) own_flags |= protocol::kBankHealthy;
  if ((in.own->flags & protocol::kMemberFailure) != 0) own_flags |= protocol::kBankFailure;
  out[n++] = {in.own, in.own_address, own_flags};
  if (in.slots == nullptr) return n;
  const std::uint8_t last =
      in.last_address < protocol::kMaxBankPacks ? in.last_address : protocol::kMaxBankPacks;
  for (std::uint8_t a = 2; a <= last; ++a) {
    const MemberSlot& s = in.slots[a - 1];
    if (!s.known && !s.conflict) continue;
    out[n++] = {s.known ? &s.member : nullptr, a, slave_flags(s, *in.own)};
  }
  return n;
}

void set_bit(std::uint32_t& mask, std::uint8_t address) {
  mask |= 1u << (address - 1);
}

// Sums, extremes and worst case: the healthy packs count for the limits and the charge, every
// pack that still talks for the current, the extremes and the flags.
void accumulate(const Member* members, std::size_t n, SystemBlock& s, std::int64_t& weighted) {
  std::uint32_t volts = 0;
  constexpr std::int32_t kNone = 0x7FFFFFFF;
  std::int32_t cvl = kNone;      // the lowest of the packs that take charge
  std::int32_t any_cvl = kNone;  // the lowest of all, when none does
  s.min_cell_mV = 0xFFFF;
  s.min_temperature_dC = 0x7FFF;
  s.max_temperature_dC = -0x7FFF;
  for (std::size_t i = 0; i < n; ++i) {
    const Member& m = members[i];
    if ((m.flags & protocol::kBankLost) != 0) set_bit(s.lost_mask, m.address);
    if ((m.flags & protocol::kBankConflict) != 0) set_bit(s.conflict_mask, m.address);
    if ((m.flags & protocol::kBankMismatch) != 0) set_bit(s.mismatch_mask, m.address);
    if (m.block == nullptr || (m.flags & (protocol::kBankLost | protocol::kBankConflict)) != 0) {
      continue;
    }
    const MemberBlock& b = *m.block;
    s.current_mA += b.current_mA;
    if (b.min_cell_mV < s.min_cell_mV) s.min_cell_mV = b.min_cell_mV;
    if (b.max_cell_mV > s.max_cell_mV) s.max_cell_mV = b.max_cell_mV;
    if (b.min_temperature_dC < s.min_temperature_dC) s.min_temperature_dC = b.min_temperature_dC;
    if (b.max_temperature_dC > s.max_temperature_dC) s.max_temperature_dC = b.max_temperature_dC;
    s.alarm_flags = static_cast<std::uint16_t>(s.alarm_flags | b.alarm_flags);
    s.protect_flags |= b.protect_flags;
    if ((m.flags & protocol::kBankHealthy) == 0) continue;
    ++s.healthy_count;
    volts += b.pack_voltage_mV;
    s.remaining_mAh += b.remaining_mAh;
    s.full_capacity_mAh += b.full_capacity_mAh;
    weighted += static_cast<std::int64_t>(b.soc_pptt) * b.full_capacity_mAh;
    if (b.charge_voltage_mV < any_cvl) any_cvl = b.charge_voltage_mV;
    if ((b.flags & protocol::kMemberChargeEnable) != 0) {
      s.charge_current_limit_mA += b.charge_current_limit_mA;
      if (b.charge_voltage_mV < cvl) cvl = b.charge_voltage_mV;
    }
    if ((b.flags & protocol::kMemberDischargeEnable) != 0) {
      s.discharge_current_limit_mA += b.discharge_current_limit_mA;
    }
    if (b.discharge_voltage_mV > s.discharge_voltage_mV) {
      s.discharge_voltage_mV = b.discharge_voltage_mV;
    }
    if ((b.flags & protocol::kMemberForceCharge) != 0)
      s.limit_flags |= protocol::kSystemForceCharge;
  }
  if (s.healthy_count > 0) s.voltage_mV = static_cast<std::uint16_t>(volts / s.healthy_count);
  if (cvl == kNone) cvl = any_cvl;
  if (cvl != kNone) s.charge_voltage_mV = static_cast<std::uint16_t>(cvl);
}

// The inverter cannot steer the current pack by pack: no pack may get more than its own limit
// at the share of the current it really takes (lower resistance, higher voltage: more).
std::int32_t share_cap(const Member* members, std::size_t n, std::int32_t total_mA, bool charge,
                       std::int32_t limit_mA) {
  const std::int32_t sign = charge ? 1 : -1;
  if (static_cast<std::int64_t>(sign) * total_mA * 100 <
      static_cast<std::int64_t>(limit_mA) * kShareFrom_pct) {
    return limit_mA;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Member& m = members[i];
    if ((m.flags & protocol::kBankHealthy) == 0) continue;
    const MemberBlock& b = *m.block;
    const std::int32_t own_mA = sign * b.current_mA;
    if (own_mA <= 0) continue;
    const std::int32_t own_limit =
        charge ? b.charge_current_limit_mA : b.discharge_current_limit_mA;
    const std::int64_t share_total_mA = static_cast<std::int64_t>(sign) * total_mA;
    const std::int64_t cap = static_cast<std::int64_t>(own_limit) * share_total_mA / own_mA;
    if (cap < limit_mA) limit_mA = static_cast<std::int32_t>(cap);
  }
  return limit_mA;
}

}  // namespace

SystemBlock system_view(const SystemInputs& in) {
  Member members[protocol::kMaxBankPacks];
  const std::size_t n = collect(in, members);
  SystemBlock s;
  s.role = static_cast<std::uint8_t>(in.role);
  std::int64_t weighted = 0;
  accumulate(members, n, s, weighted);
  if (s.healthy_count == 0) {
    // Nothing healthy to speak for: the master's own values, with no current allowed.
    s.charge_voltage_mV = in.own->charge_voltage_mV;
    s.discharge_voltage_mV = in.own->discharge_voltage_mV;
    s.soc_pptt = in.own->soc_pptt;
    s.voltage_mV = in.own->pack_voltage_mV;
  } else if (s.full_capacity_mAh > 0) {
    s.soc_pptt = static_cast<std::uint16_t>(weighted / s.full_capacity_mAh);
  }
  std::int32_t ccl = share_cap(members, n, s.current_mA, true, s.charge_current_limit_mA);
  std::int32_t dcl = share_cap(members, n, s.current_mA, false, s.discharge_current_limit_mA);
  if (in.wiring_cap_mA > 0) {
    if (ccl > in.wiring_cap_mA) ccl = in.wiring_cap_mA;
    if (dcl > in.wiring_cap_mA) dcl = in.wiring_cap_mA;
  }
  s.charge_current_limit_mA = ccl;
  s.discharge_current_limit_mA = dcl;
  if (ccl > 0) s.limit_flags |= protocol::kSystemChargeEnable;
  if (dcl > 0) s.limit_flags |= protocol::kSystemDischargeEnable;
  s.member_count = static_cast<std::uint8_t>(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Member& m = members[i];
    protocol::BankMemberEntry& e = s.members[i];
    e.address = m.address;
    e.flags = m.flags;
    if (m.block == nullptr) continue;
    e.soc_pptt = m.block->soc_pptt;
    e.current_mA = m.block->current_mA;
    e.charge_current_limit_mA = m.block->charge_current_limit_mA;
    e.discharge_current_limit_mA = m.block->discharge_current_limit_mA;
  }
  return s;
}

}  // namespace lfpbms
