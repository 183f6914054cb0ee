#include "host/serve/endpoint.hpp"

#include <stdexcept>

#include "host/serve/pty_endpoint.hpp"
#include "host/serve/tcp_endpoint.hpp"
#include "host/transport/transport.hpp"

namespace lfpbms::host {

std::unique_ptr<Endpoint> open_endpoint(boost::asio::io_context& io, const std::string& spec) {
  if (spec.rfind("tcp:", 0) == 0) {
    const HostPort hp = split_host_port(spec, "tcp:");
    return std::make_unique<TcpEndpoint>(io, hp.host, hp.port);
  }
  if (spec.rfind("pty:", 0) == 0 && spec.size() > 4) {
    return std::make_unique<PtyEndpoint>(io, spec.substr(4));
  }
  throw std::runtime_error("--serve " + spec + ": expected tcp:HOST:PORT or pty:PATH");
}

}  // namespace lfpbms::host
