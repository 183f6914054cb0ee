#pragma once
// Blocking reads and writes with deadlines on any Boost.Asio stream (serial port, TCP
// socket), for the transports: each call starts one asynchronous operation and runs the
// transport's own io_context until it completes or the deadline passes, then cancels it.
#include <sys/ioctl.h>

#include <boost/asio.hpp>
#include <string>
#include <string_view>

#include "host/transport/transport.hpp"

namespace lfpbms::host::detail {

// Runs `io` until the operation that sets `result` has finished, cancelling it at `deadline`.
template <typename Stream>
void finish_by(boost::asio::io_context& io, Stream& stream, Deadline deadline,
               const boost::system::error_code& result) {
  io.restart();
  io.run_until(deadline);
  if (result == boost::asio::error::would_block) {
    stream.cancel();
    io.restart();
    io.run();  // the cancelled operation's handler (or its completion, if it won the race)
  }
}

// Bytes read (0 at the deadline); throws "<label>: <reason>" when the line is gone.
template <typename Stream>
std::size_t read_by(boost::asio::io_context& io, Stream& stream, const std::string& label,
                    char* buffer, std::size_t capacity, Deadline deadline) {
  boost::system::error_code result = boost::asio::error::would_block;
  std::size_t got = 0;
  stream.async_read_some(boost::asio::buffer(buffer, capacity),
                         [&](const boost::system::error_code& ec, std::size_t n) {
                           result = ec;
                           got = n;
                         });
  finish_by(io, stream, deadline, result);
  if (result == boost::asio::error::operation_aborted) return got;
  if (result == boost::asio::error::eof) throw TransportError(label + ": connection closed");
  if (result) throw TransportError(label + ": " + result.message());
  return got;
}

template <typename Stream>
void write_by(boost::asio::io_context& io, Stream& stream, const std::string& label,
              std::string_view frame, Deadline deadline) {
  boost::system::error_code result = boost::asio::error::would_block;
  boost::asio::async_write(stream, boost::asio::buffer(frame.data(), frame.size()),
                           [&](const boost::system::error_code& ec, std::size_t) { result = ec; });
  finish_by(io, stream, deadline, result);
  if (result == boost::asio::error::operation_aborted)
    throw TransportError(label + ": write timed out");
  if (result) throw TransportError(label + ": " + result.message());
}

// Reads and drops whatever the kernel holds for `stream` right now.
template <typename Stream>
void drain(Stream& stream) {
  char scrap[512];
  for (;;) {
    int pending = 0;
    if (::ioctl(stream.native_handle(), FIONREAD, &pending) != 0 || pending <= 0) return;
    boost::system::error_code ec;
    stream.read_some(boost::asio::buffer(scrap), ec);
    if (ec) return;
  }
}

// A write may take its own wire time at the slowest baud rate, and a little more.
inline Deadline write_deadline(std::size_t chars) {
  return SteadyClock::now() + std::chrono::milliseconds(2000 + chars * 10 * 1000 / 1200);
}

}  // namespace lfpbms::host::detail
