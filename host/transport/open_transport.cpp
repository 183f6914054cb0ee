// --port values to transports.
#include <memory>

#include "host/transport/serial_transport.hpp"
#include "host/transport/tcp_transport.hpp"
#include "host/transport/transport.hpp"

namespace lfpbms::host {

HostPort split_host_port(const std::string& spec, std::string_view prefix) {
  const std::string rest = spec.substr(prefix.size());
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size()) {
    throw TransportError(spec + ": expected " + std::string(prefix) + "HOST:PORT");
  }
  HostPort hp{rest.substr(0, colon), rest.substr(colon + 1)};
  if (hp.host.size() > 2 && hp.host.front() == '[' && hp.host.back() == ']') {
    hp.host = hp.host.substr(1, hp.host.size() - 2);  // an IPv6 literal
  }
  return hp;
}

std::unique_ptr<Transport> open_transport(const std::string& port_spec, unsigned baud,
                                          int connect_timeout_ms) {
  if (port_spec.rfind("tcp:", 0) == 0) {
    const HostPort hp = split_host_port(port_spec, "tcp:");
    return std::make_unique<TcpTransport>(hp.host, hp.port, connect_timeout_ms);
  }
  if (port_spec.rfind("pty:", 0) == 0) {
    const std::string path = port_spec.substr(4);
    if (path.empty()) throw TransportError(port_spec + ": expected pty:PATH");
    return std::make_unique<SerialTransport>(path, baud, port_spec);
  }
  if (port_spec.empty()) throw TransportError("no port given");
  return std::make_unique<SerialTransport>(port_spec, baud);
}

}  // namespace lfpbms::host
