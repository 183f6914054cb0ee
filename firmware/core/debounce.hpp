#pragma once
// The one debounce used everywhere: a condition must hold without a break for `delay` before
// it counts. Every delay in the firmware (alarm, trip, release, state) goes through this.
#include "core/units.hpp"

namespace lfpbms {

class Debounce {
 public:
  // True once `condition` has held continuously for at least `delay_ms` up to `now`.
  bool update(bool condition, TimeMs now, TimeMs delay_ms) {
    if (!condition) {
      active_ = false;
      return false;
    }
    if (!active_) {
      active_ = true;
      since_ = now;
    }
    return now - since_ >= delay_ms;
  }
  void reset() { active_ = false; }
  bool pending() const { return active_; }
  TimeMs since() const { return since_; }

 private:
  TimeMs since_ = 0;
  bool active_ = false;
};

}  // namespace lfpbms
