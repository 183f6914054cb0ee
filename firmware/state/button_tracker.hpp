#pragma once
// Turns the button level, sampled every tick, into the presses of SM-2. Asleep: a press of
// at least `wake_min_ms` (and under `ignore_ms`) wakes. Running: under `soc_max_ms` shows the
// SOC, up to `sleep_max_ms` puts the pack to sleep, longer resets; holding until `ignore_ms`
// resets at once. Presses are judged on release, so a long press is never read as a short one.
#include <cstdint>

#include "core/units.hpp"

namespace lfpbms {

struct ButtonTimings {
  TimeMs wake_min_ms = 1000;  // [004 §4.2] 1 s ([001] 3-6 s, [004 §6-7] 3 s: profiles)
  TimeMs soc_max_ms = 3000;
  TimeMs sleep_max_ms = 6000;
  TimeMs ignore_ms = 10000;  // asleep: a press this long is not a wake; running: reset now
};

enum class ButtonEvent : std::uint8_t { None, Wake, ShowSoc, Sleep, Reset };

class ButtonTracker {
 public:
  ButtonEvent update(TimeMs now, bool pressed, bool asleep, const ButtonTimings& t);

 private:
  bool down_ = false;
  bool done_ = false;  // the press already produced its event
  TimeMs since_ = 0;
};

const char* button_event_name(ButtonEvent event);

}  // namespace lfpbms
