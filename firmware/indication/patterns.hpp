#pragma once
// The timing of each blink pattern (IN-1), for LED drivers and the twin to render.
#include <cstdint>

#include "core/units.hpp"
#include "hal/indicators.hpp"

namespace lfpbms {

struct Blink {
  std::uint16_t on_ms;
  std::uint16_t off_ms;  // 0: steady
};

Blink blink_of(hal::LedPattern pattern);
Blink blink_of(hal::BuzzerPattern pattern);
// Whether a pattern started at time 0 is lit (sounding) at `t_ms`.
bool pattern_on(hal::LedPattern pattern, TimeMs t_ms);
bool pattern_on(hal::BuzzerPattern pattern, TimeMs t_ms);

}  // namespace lfpbms
