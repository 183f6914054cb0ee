#pragma once
#include <cstdint>

namespace lfpbms {

// A pack's place in its bank (PA-1): alone (DIP 0), the master (address 1: polls the slaves and
// alone talks to the inverter, PA-2), a slave, or - on a Link IN/OUT chain - not yet addressed.
enum class BankRole : std::uint8_t { Alone, Master, Slave, Unassigned };

}  // namespace lfpbms
