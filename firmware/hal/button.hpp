#pragma once

namespace lfpbms::hal {

class Button {
 public:
  virtual bool pressed() = 0;  // debounced level, sampled every tick

 protected:
  ~Button() = default;
};

}  // namespace lfpbms::hal
