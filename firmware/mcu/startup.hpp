#pragma once
#include <cstdint>

namespace lfpbms::mcu {

// The deepest the stack has reached since reset (it was painted at reset), and its size.
std::uint32_t stack_high_water_bytes();
std::uint32_t stack_size_bytes();

}  // namespace lfpbms::mcu
