#pragma once
// A serial port: a USB RS232/RS485 adapter, a UART, or the pseudo-terminal of a simulated bank.
// 8N1, no flow control, raw: the host protocol is ASCII but CR must arrive as CR.
#include <boost/asio/io_context.hpp>
#include <boost/asio/serial_port.hpp>

#include "host/transport/transport.hpp"

namespace lfpbms::host {

class SerialTransport final : public Transport {
 public:
  // `label` names the port in messages (e.g. "pty:/tmp/bank"); empty: `path`.
  SerialTransport(const std::string& path, unsigned baud, const std::string& label = {});

  void write(std::string_view frame) override;
  std::size_t read(char* buffer, std::size_t capacity, Deadline deadline) override;
  void discard_input() override;
  std::string describe() const override;

 private:
  boost::asio::io_context io_;
  boost::asio::serial_port port_;
  std::string label_;
  unsigned baud_;
};

}  // namespace lfpbms::host
