#pragma once
#include <array>
#include <cstdint>

#include "core/units.hpp"

namespace lfpbms::hal {

// Blink patterns; the LED driver renders them (see indication/patterns.hpp for their timing).
enum class LedPattern : std::uint8_t {
  Off,
  On,
  Flash1,   // 0.25 s on / 3.75 s off
  Flash2,   // 0.5 s on / 0.5 s off (also the 1 Hz blink)
  Flash3,   // 0.5 s on / 1.5 s off
  Slow,     // 1.0 s on / 1.0 s off (product [002])
  Fast5Hz,  // 0.1 s on / 0.1 s off
};

enum class BuzzerPattern : std::uint8_t {
  Off,
  Fault,       // 0.25 s every 1 s
  Protection,  // 0.25 s every 2 s
  Alarm,       // 0.25 s every 3 s
  Continuous,
  Beep1Hz,
  Beep5Hz,
};

struct IndicatorFrame {
  LedPattern run = LedPattern::Off;
  LedPattern alm = LedPattern::Off;
  std::array<LedPattern, kMaxSocLeds> soc{};  // LED1 (lowest) first
  BuzzerPattern buzzer = BuzzerPattern::Off;
  LedPattern master = LedPattern::Off;  // M/S: on at a bank's master, off alone or slave [003]
  bool operator==(const IndicatorFrame&) const = default;
};

class Indicators {
 public:
  virtual void show(const IndicatorFrame& frame) = 0;

 protected:
  ~Indicators() = default;
};

}  // namespace lfpbms::hal
