#include "indication/patterns.hpp"

namespace lfpbms {

namespace {
bool lit(Blink b, TimeMs t_ms) {
  if (b.on_ms == 0) return false;
  if (b.off_ms == 0) return true;
  return t_ms % (b.on_ms + b.off_ms) < b.on_ms;
}
}  // namespace

Blink blink_of(hal::LedPattern pattern) {
  switch (pattern) {
    case hal::LedPattern::Off:
      return {0, 0};
    case hal::LedPattern::On:
      return {1, 0};
    case hal::LedPattern::Flash1:
      return {250, 3750};
    case hal::LedPattern::Flash2:
      return {500, 500};
    case hal::LedPattern::Flash3:
      return {500, 1500};
    case hal::LedPattern::Slow:
      return {1000, 1000};
    case hal::LedPattern::Fast5Hz:
      return {100, 100};
  }
  return {0, 0};
}

Blink blink_of(hal::BuzzerPattern pattern) {
  switch (pattern) {
    case hal::BuzzerPattern::Off:
      return {0, 0};
    case hal::BuzzerPattern::Fault:
      return {250, 750};
    case hal::BuzzerPattern::Protection:
      return {250, 1750};
    case hal::BuzzerPattern::Alarm:
      return {250, 2750};
    case hal::BuzzerPattern::Continuous:
      return {1, 0};
    case hal::BuzzerPattern::Beep1Hz:
      return {500, 500};
    case hal::BuzzerPattern::Beep5Hz:
      return {100, 100};
  }
  return {0, 0};
}

bool pattern_on(hal::LedPattern pattern, TimeMs t_ms) { return lit(blink_of(pattern), t_ms); }
bool pattern_on(hal::BuzzerPattern pattern, TimeMs t_ms) { return lit(blink_of(pattern), t_ms); }

}  // namespace lfpbms
