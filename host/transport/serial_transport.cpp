#include "host/transport/serial_transport.hpp"

#include <termios.h>

#include "host/transport/asio_io.hpp"

namespace lfpbms::host {

SerialTransport::SerialTransport(const std::string& path, unsigned baud, const std::string& label)
    : port_(io_), label_(label.empty() ? path : label), baud_(baud) {
  boost::system::error_code ec;
  port_.open(path, ec);
  if (ec) throw TransportError("cannot open " + label_ + ": " + ec.message());
  using boost::asio::serial_port_base;
  port_.set_option(serial_port_base::baud_rate(baud), ec);
  if (ec) {
    throw TransportError(label_ + ": cannot set " + std::to_string(baud) +
                         " baud: " + ec.message());
  }
  using Flow = serial_port_base::flow_control;
  port_.set_option(serial_port_base::character_size(8), ec);
  if (!ec) port_.set_option(serial_port_base::parity(serial_port_base::parity::none), ec);
  if (!ec) port_.set_option(serial_port_base::stop_bits(serial_port_base::stop_bits::one), ec);
  if (!ec) port_.set_option(Flow(Flow::none), ec);
  if (ec) throw TransportError(label_ + ": cannot set 8N1: " + ec.message());
  // Whatever a previous user left in the driver's buffers is not an answer to us.
  ::tcflush(port_.native_handle(), TCIOFLUSH);
}

void SerialTransport::write(std::string_view frame) {
  detail::write_by(io_, port_, label_, frame, detail::write_deadline(frame.size()));
}

std::size_t SerialTransport::read(char* buffer, std::size_t capacity, Deadline deadline) {
  return detail::read_by(io_, port_, label_, buffer, capacity, deadline);
}

void SerialTransport::discard_input() {
  ::tcflush(port_.native_handle(), TCIFLUSH);
  detail::drain(port_);
}

std::string SerialTransport::describe() const {
  return label_ + " at " + std::to_string(baud_) + " baud";
}

}  // namespace lfpbms::host
