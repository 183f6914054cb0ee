#pragma once
// PA-2: what the bank master tells the inverter and the host, from every pack's summary:
// capacity-weighted SOC, the sum of the limits over the healthy packs (CH-2: capped by one
// cable's rating with daisy-chained wiring, and by the share of the current each pack really
// carries), the lowest charge voltage, worst-case flags and extremes.
#include <cstdint>

#include "parallel/bank_master.hpp"
#include "parallel/bank_role.hpp"
#include "protocol/bank_blocks.hpp"

namespace lfpbms {

// (own) The share cap applies once the current is a fifth of the summed limit: where it could
// matter. Below, the packs' shares are mostly their sensors' noise.
inline constexpr std::int32_t kShareFrom_pct = 20;

struct SystemInputs {
  BankRole role = BankRole::Alone;
  std::uint8_t own_address = 1;
  const protocol::MemberBlock* own = nullptr;  // the master's own summary, this tick's
  const MemberSlot* slots = nullptr;  // the master's, index address - 1; null: this pack alone
  std::uint8_t last_address = protocol::kMaxBankPacks;  // the highest slot worth a look
  bool own_conflict = false;                            // this pack's own answers collide
  std::int32_t wiring_cap_mA = 0;                       // > 0: daisy-chained wiring, CH-2
};

protocol::SystemBlock system_view(const SystemInputs& in);

}  // namespace lfpbms
