#pragma once
#include <cstddef>

namespace lfpbms::hal {

// The transmit side of a UART (RS232/RS485 host port). One call sends one whole frame: the
// driver queues it for DMA and the RS485 direction pin follows it.
class SerialPort {
 public:
  virtual void send(const char* data, std::size_t length) = 0;

 protected:
  ~SerialPort() = default;
};

}  // namespace lfpbms::hal
