#pragma once
#include <cstdint>

#include "core/units.hpp"

namespace lfpbms::hal {

class Clock {
 public:
  virtual TimeMs now_ms() = 0;              // monotonic, from power-up
  virtual std::uint32_t unix_time_s() = 0;  // wall clock (RTC), settable by the host
  // The host sets the wall clock; it runs on from there.
  virtual void set_unix_time_s(std::uint32_t unix_time_s) = 0;

 protected:
  ~Clock() = default;
};

}  // namespace lfpbms::hal
