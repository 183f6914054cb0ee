#pragma once
// Setting the firmware up for a replay: the settings a host would write, and the starting SOC.
//
// --initial-soc wants a firmware hook, `void Bms::set_soc_pptt(std::int32_t)` (a host setting
// the SOC). Until the firmware has it, the board shows the firmware, while it starts, the
// resting voltage from which it starts at that SOC: exact near the knees, within a few percent
// on the flat plateau. The replay uses the hook as soon as it exists.
#include <array>
#include <cstdint>

#include "bms.hpp"
#include "sim/replay/replay.hpp"

namespace lfpbms::sim {

template <class B>
inline constexpr bool has_soc_hook = requires(B& b, std::int32_t pptt) {
  b.set_soc_pptt(pptt);
};

template <class B>
void set_soc_hook(B& bms, std::int32_t soc_pptt) {
  if constexpr (has_soc_hook<B>) bms.set_soc_pptt(soc_pptt);
}

// The cell voltage (every cell alike) at which the firmware starts closest to `soc_pptt`.
std::array<std::uint16_t, kMaxCells> resting_cells_mV(std::uint8_t series, std::int32_t soc_pptt);

// Defaults for the series count and the design capacity, as one checked write.
void configure_firmware(Bms& bms, const ReplaySetup& setup);

}  // namespace lfpbms::sim
