#pragma once
// Dry contacts (PK-7). Alarm mode: relay 1 is held energised while the pack is healthy, so
// contact 1 opens in normal operation and closes on an alarm, a protection, or when the BMS
// is unpowered or asleep; relay 2 closes contact 2 on the low-SOC alarm (USOC), which leaves
// contact 1 alone. Enable mode ([003]): output 1 closed while charging is allowed, output 2
// while discharging is allowed.
#include "hal/digital_io.hpp"
#include "pack_config.hpp"
#include "protection/protection_engine.hpp"

namespace lfpbms {

hal::ContactCommand dry_contacts(ContactMode mode, const ProtectionStatus& protection, bool awake,
                                 bool failure, bool charge_allowed, bool discharge_allowed);

}  // namespace lfpbms
