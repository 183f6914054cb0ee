#pragma once
// Setting the firmware up for a replay: the settings a host would write. (--initial-soc is
// Bms::set_soc_pptt, a host setting the SOC.)
#include <array>
#include <cstdint>

#include "bms.hpp"
#include "sim/replay/replay.hpp"

namespace lfpbms::sim {

// Defaults for the series count and the design capacity, as one checked write.
void configure_firmware(Bms& bms, const ReplaySetup& setup);

}  // namespace lfpbms::sim
