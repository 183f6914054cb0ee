#pragma once
#include <cstdint>

namespace lfpbms::hal {

struct CurrentSample {
  std::int32_t current_mA = 0;  // + charge, - discharge
  bool fault = false;           // the sensor or its amplifier reports a failure
};

class CurrentSensor {
 public:
  virtual bool read(CurrentSample& out) = 0;  // false: no new sample

 protected:
  ~CurrentSensor() = default;
};

}  // namespace lfpbms::hal
