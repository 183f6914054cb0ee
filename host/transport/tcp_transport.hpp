#pragma once
// A TCP connection to an RS485-to-Ethernet gateway ("transparent" mode: the gateway copies
// bytes between the socket and the bus at the bus's baud rate, which is set on the gateway).
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "host/transport/transport.hpp"

namespace lfpbms::host {

class TcpTransport final : public Transport {
 public:
  // Throws "tcp:HOST:PORT: connection refused" and the like.
  TcpTransport(const std::string& host, const std::string& port, int connect_timeout_ms);

  void write(std::string_view frame) override;
  std::size_t read(char* buffer, std::size_t capacity, Deadline deadline) override;
  void discard_input() override;
  std::string describe() const override { return label_; }

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  std::string label_;
};

}  // namespace lfpbms::host
