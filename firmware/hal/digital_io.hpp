#pragma once
#include <cstdint>

namespace lfpbms::hal {

// Dry contacts and the few digital inputs a pack has.
struct ContactCommand {
  bool relay1_energised = false;  // contact 1 (pins 1/2): held energised = open while healthy
  bool relay2_energised = false;  // contact 2 (pins 3/4): energised = closed
};

class DigitalIo {
 public:
  virtual void set_contacts(const ContactCommand& command) = 0;
  virtual bool rapid_shutdown() = 0;  // [003] rapid-shutdown input: asserted = stop
  virtual bool passive_input() = 0;   // [003] passive input, reported only

 protected:
  ~DigitalIo() = default;
};

}  // namespace lfpbms::hal
