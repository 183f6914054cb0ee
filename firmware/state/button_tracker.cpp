#include "state/button_tracker.hpp"

namespace lfpbms {

ButtonEvent ButtonTracker::update(TimeMs now, bool pressed, bool asleep, const ButtonTimings& t) {
  if (pressed && !down_) {
    down_ = true;
    done_ = false;
    since_ = now;
    return ButtonEvent::None;
  }
  const TimeMs held = now - since_;
  if (pressed) {
    if (!asleep && !done_ && held >= t.ignore_ms) {
      done_ = true;
      return ButtonEvent::Reset;  // "at the latest 10 s" [001 §5.3]
    }
    return ButtonEvent::None;
  }
  if (!down_) return ButtonEvent::None;
  down_ = false;
  if (done_) return ButtonEvent::None;
  if (asleep) {
    return held >= t.wake_min_ms && held < t.ignore_ms ? ButtonEvent::Wake : ButtonEvent::None;
  }
  if (held < t.soc_max_ms) return ButtonEvent::ShowSoc;
  if (held < t.sleep_max_ms) return ButtonEvent::Sleep;
  return ButtonEvent::Reset;
}

const char* button_event_name(ButtonEvent event) {
  switch (event) {
    case ButtonEvent::None:
      return "none";
    case ButtonEvent::Wake:
      return "wake";
    case ButtonEvent::ShowSoc:
      return "show SOC";
    case ButtonEvent::Sleep:
      return "sleep";
    case ButtonEvent::Reset:
      return "reset";
  }
  return "?";
}

}  // namespace lfpbms
