#pragma once
// The byte pipe between the host and the packs' bus: a serial port (RS232, an RS485 adapter,
// the pseudo-terminal of a simulated bank) or a TCP RS485 gateway. Frames go out whole; what
// comes back is read with a deadline, because a pack that does not answer must cost a timeout,
// never a hang. Failures are exceptions with one line a user can act on.
#include <chrono>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lfpbms::host {

using SteadyClock = std::chrono::steady_clock;
using Deadline = SteadyClock::time_point;

// PROTOCOLS.md §1: v2.5 packs answer within 100 ms, v2.0 packs in the field need a 2 s timeout
// and 200 ms between requests, so every client makes these settable.
struct LinkTiming {
  int timeout_ms = 2000;  // from the end of a request to the end of its answer
  int gap_ms = 50;        // minimum time from the end of one answer to the next request
  int retries = 2;        // further attempts after a timeout or a damaged answer
};

class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Transport {
 public:
  virtual ~Transport() = default;

  // Sends one whole frame; throws when the line is gone or the write cannot finish in time.
  virtual void write(std::string_view frame) = 0;
  // Reads what has arrived, waiting until `deadline` for the first byte: the number of bytes
  // put in `buffer`, 0 when nothing came in time. Throws when the line is gone.
  virtual std::size_t read(char* buffer, std::size_t capacity, Deadline deadline) = 0;
  // Drops everything received and not read yet (a late answer to an earlier request).
  virtual void discard_input() = 0;
  // "/dev/ttyUSB0 at 9600 baud", "tcp:gateway:4196": for messages and logs.
  virtual std::string describe() const = 0;
};

inline constexpr unsigned kDefaultBaud = 9600;
inline constexpr int kDefaultConnectTimeout_ms = 3000;

// A --port value: a device path (/dev/ttyUSB0), `tcp:HOST:PORT` (an RS485 gateway) or
// `pty:PATH` (the pseudo-terminal `lfpbms sim --serve pty:PATH` made). `baud` is for serial
// ports only. Throws TransportError.
std::unique_ptr<Transport> open_transport(const std::string& port_spec,
                                          unsigned baud = kDefaultBaud,
                                          int connect_timeout_ms = kDefaultConnectTimeout_ms);

// "tcp:HOST:PORT" split into host and port ("[::1]" loses its brackets); throws
// TransportError naming `spec` when a part is missing.
struct HostPort {
  std::string host;
  std::string port;
};
HostPort split_host_port(const std::string& spec, std::string_view prefix);

}  // namespace lfpbms::host
