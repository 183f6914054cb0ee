#pragma once
// Where a served bank meets its client: a TCP port (like an RS485 gateway) or a
// pseudo-terminal (like a serial adapter). One client at a time; when it goes, the endpoint
// waits for the next one. Everything runs on the server's io_context, in its thread.
#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace lfpbms::host {

class Endpoint {
 public:
  using OnBytes = std::function<void(const char* data, std::size_t length)>;
  virtual ~Endpoint() = default;

  virtual void start(OnBytes on_bytes) = 0;
  // Queues one whole frame for one write; dropped when no client is there to read it.
  virtual void write(std::string frame) = 0;
  // A spec a client opens: "tcp:127.0.0.1:40321" (the port the OS chose), "pty:/tmp/bank".
  virtual std::string describe() const = 0;
};

// `spec` is tcp:HOST:PORT (PORT 0: any free port) or pty:PATH. Throws std::runtime_error.
std::unique_ptr<Endpoint> open_endpoint(boost::asio::io_context& io, const std::string& spec);

}  // namespace lfpbms::host
