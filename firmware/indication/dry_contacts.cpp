#include "indication/dry_contacts.hpp"

namespace lfpbms {

hal::ContactCommand dry_contacts(ContactMode mode, const ProtectionStatus& protection,
                                 bool awake, bool failure, bool charge_allowed,
                                 bool discharge_allowed) {
  hal::ContactCommand c;
  if (!awake) return c;  // both relays drop: contact 1 closes, as when unpowered
  if (mode == ContactMode::ChargeDischargeEnable) {
    c.relay1_energised = charge_allowed;
    c.relay2_energised = discharge_allowed;
    return c;
  }
  // The full-charge flag is a state, not a trouble: it does not close the alarm contact.
  const std::uint64_t trouble = protection.protect & ~bit(ProtectionId::FullCharge);
  const bool healthy = !failure && protection.alarm == 0 && trouble == 0;
  c.relay1_energised = healthy;
  c.relay2_energised = protection.alarm_on(ProtectionId::LowSoc);
  return c;
}

}  // namespace lfpbms
