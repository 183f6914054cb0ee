#pragma once
// The firmware core against the built-in plant, through a script that trips and releases the
// cell under- and over-voltage protections, locks the discharge over-current protection and
// clears it by host command, and trips and releases a temperature protection. Every event
// becomes one line; the Cortex-M4 build under QEMU and the PC build print the same lines.
#include <cstdint>

#include "demo/text_line.hpp"

namespace lfpbms::demo {

// Returns 0 when every expected event happened, 1 otherwise.
int run_plant_demo(TextOut& out);

// A steady state for counting instructions: `ticks` ticks discharging at 20 A, no output.
void run_steady(std::uint32_t ticks);

}  // namespace lfpbms::demo
