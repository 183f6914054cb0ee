#pragma once
#include <cstdint>

#include "hal/serial_port.hpp"

namespace lfpbms::hal {

// The parallel-bank connectors of a pack (PA-1, CO-3, SM-4): the 4-bit address DIP switch, the
// Link IN / Link OUT chain that hands an addressing token from pack to pack, the bank's wake
// line, and the internal RS485 bus between packs. Bytes the bus receives go to the firmware's
// BankNode::receive() from the UART interrupt, as the host port's go to HostLink.
class BankPort {
 public:
  virtual std::uint8_t address_switch() = 0;  // DIP switches 1...4 as bits 0...3
  virtual bool link_in_connected() = 0;       // a pack upstream on Link IN
  virtual bool link_in_token() = 0;           // the pack upstream hands on the token
  virtual void set_link_out_token(bool on) = 0;
  virtual bool wake_line() = 0;  // another pack of the bank pulls the wake line
  virtual void set_wake_line(bool on) = 0;
  virtual SerialPort& bus() = 0;  // the internal bus's transmitter

 protected:
  ~BankPort() = default;
};

}  // namespace lfpbms::hal
