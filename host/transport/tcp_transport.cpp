#include "host/transport/tcp_transport.hpp"

#include <cctype>

#include "host/transport/asio_io.hpp"

namespace lfpbms::host {

namespace {

// "Connection refused" -> "connection refused": the message continues a sentence.
std::string reason(const boost::system::error_code& ec) {
  std::string text = ec.message();
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace

TcpTransport::TcpTransport(const std::string& host, const std::string& port, int connect_timeout_ms)
    : socket_(io_), label_("tcp:" + host + ":" + port) {
  using boost::asio::ip::tcp;
  boost::system::error_code ec;
  tcp::resolver resolver(io_);
  const auto endpoints = resolver.resolve(host, port, ec);
  if (ec) throw TransportError(label_ + ": " + reason(ec));

  boost::system::error_code result = boost::asio::error::would_block;
  boost::asio::async_connect(
      socket_, endpoints,
      [&](const boost::system::error_code& e, const tcp::endpoint&) { result = e; });
  const Deadline deadline = SteadyClock::now() + std::chrono::milliseconds(connect_timeout_ms);
  detail::finish_by(io_, socket_, deadline, result);
  if (result == boost::asio::error::operation_aborted) {
    throw TransportError(label_ + ": no connection within " + std::to_string(connect_timeout_ms) +
                         " ms");
  }
  if (result) throw TransportError(label_ + ": " + reason(result));
  // Frames are small and each is one write: send them now, not when Nagle's timer says so.
  socket_.set_option(tcp::no_delay(true), ec);
}

void TcpTransport::write(std::string_view frame) {
  detail::write_by(io_, socket_, label_, frame, detail::write_deadline(frame.size()));
}

std::size_t TcpTransport::read(char* buffer, std::size_t capacity, Deadline deadline) {
  return detail::read_by(io_, socket_, label_, buffer, capacity, deadline);
}

void TcpTransport::discard_input() {
  detail::drain(socket_);
}

}  // namespace lfpbms::host
