#include "host/serve/tcp_endpoint.hpp"

#include <stdexcept>

namespace lfpbms::host {

using boost::asio::ip::tcp;

namespace {

tcp::endpoint resolve(boost::asio::io_context& io, const std::string& host,
                      const std::string& port) {
  boost::system::error_code ec;
  tcp::resolver resolver(io);
  const auto results = resolver.resolve(host, port, ec);
  if (ec || results.empty()) {
    throw std::runtime_error("tcp:" + host + ":" + port + ": " + ec.message());
  }
  return results.begin()->endpoint();
}

}  // namespace

TcpEndpoint::TcpEndpoint(boost::asio::io_context& io, const std::string& host,
                         const std::string& port)
    : acceptor_(io), socket_(io), queue_(socket_) {
  const tcp::endpoint at = resolve(io, host, port);
  boost::system::error_code ec;
  acceptor_.open(at.protocol(), ec);
  // A restarted server must not wait for the last run's connections to time out.
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(at, ec);
  if (!ec) acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("cannot listen on tcp:" + host + ":" + port + ": " + ec.message());
}

void TcpEndpoint::start(OnBytes on_bytes) {
  on_bytes_ = std::move(on_bytes);
  accept();
}

void TcpEndpoint::accept() {
  acceptor_.async_accept(socket_, [this](const boost::system::error_code& ec) {
    if (ec == boost::asio::error::operation_aborted) return;
    if (ec) return accept();
    boost::system::error_code ignored;
    socket_.set_option(tcp::no_delay(true), ignored);  // each answer leaves at once
    ++connection_;
    read();
  });
}

void TcpEndpoint::read() {
  socket_.async_read_some(
      boost::asio::buffer(rx_),
      [this, conn = connection_](const boost::system::error_code& ec, std::size_t n) {
        if (conn != connection_) return;
        if (ec) return drop();
        on_bytes_(rx_.data(), n);
        read();
      });
}

void TcpEndpoint::drop() {
  ++connection_;
  queue_.clear();
  boost::system::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  accept();
}

void TcpEndpoint::write(std::string frame) {
  if (socket_.is_open()) queue_.push(std::move(frame));
}

std::string TcpEndpoint::describe() const {
  const tcp::endpoint at = acceptor_.local_endpoint();
  const std::string address = at.address().to_string();
  const std::string host = at.address().is_v6() ? "[" + address + "]" : address;
  return "tcp:" + host + ":" + std::to_string(at.port());
}

}  // namespace lfpbms::host
