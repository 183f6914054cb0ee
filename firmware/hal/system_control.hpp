#pragma once

namespace lfpbms::hal {

// The MCU itself. A restart asked for over the host link happens after the answer has left
// the UART, so the host hears that it was accepted.
class SystemControl {
 public:
  virtual void request_restart() = 0;

 protected:
  ~SystemControl() = default;
};

}  // namespace lfpbms::hal
