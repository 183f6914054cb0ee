#pragma once
// A served bank on a TCP port, the way an RS485-to-Ethernet gateway offers a bus: one client
// connection at a time; when it drops, the next connection is accepted.
#include <array>
#include <boost/asio/ip/tcp.hpp>

#include "host/serve/endpoint.hpp"
#include "host/serve/write_queue.hpp"

namespace lfpbms::host {

class TcpEndpoint final : public Endpoint {
 public:
  TcpEndpoint(boost::asio::io_context& io, const std::string& host, const std::string& port);

  void start(OnBytes on_bytes) override;
  void write(std::string frame) override;
  std::string describe() const override;

 private:
  void accept();
  void read();
  void drop();

  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::ip::tcp::socket socket_;
  detail::WriteQueue<boost::asio::ip::tcp::socket> queue_;
  OnBytes on_bytes_;
  std::array<char, 512> rx_{};
  unsigned connection_ = 0;  // so a late handler of a dropped client changes nothing
};

}  // namespace lfpbms::host
