#include "indication/dry_contacts.hpp"

namespace lfpbms {

hal::ContactCommand dry_contacts(ContactMode mode, const ProtectionStatus& protection, bool awake,
                                 bool failure, bool charge_allowed, bool discharge_allowed) {
  hal::ContactCommand c;
  if (!awake) return c;  // both relays drop: contact 1 closes, as when unpowered
  if (mode == ContactMode::ChargeDischargeEnable) {
    c.relay1_energised = charge_allowed;
    c.relay2_energised = discharge_allowed;
    return c;
  }
  // The full-charge flag is a state, not a trouble, and low SOC has contact 2 of its own
  // ([004 §4.3]: "1, 2 on alarm; 3, 4 on battery power low"): neither closes contact 1.
  const std::uint64_t not_trouble = bit(ProtectionId::FullCharge) | bit(ProtectionId::LowSoc);
  const bool healthy = !failure && (protection.alarm & ~not_trouble) == 0 &&
                       (protection.protect & ~not_trouble) == 0;
  c.relay1_energised = healthy;
  c.relay2_energised = protection.alarm_on(ProtectionId::LowSoc);
  return c;
}

}  // namespace lfpbms
