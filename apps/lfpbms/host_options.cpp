#include "host_options.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "protocol/admin_session.hpp"
#include "protocol/host_device.hpp"

namespace lfpbms::app {
namespace {

// A pack answers within 100 ms; a port with nothing on it should not cost much (HT-1).
constexpr host::LinkTiming kProbeTiming{300, 0, 0};

// The serial ports a USB-RS485 adapter or an RS232 cable shows up as, in the order to try.
std::vector<std::string> candidate_ports() {
  std::vector<std::string> out;
  for (const char* prefix : {"ttyUSB", "ttyACM", "ttyS"}) {
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/dev", ec)) {
      const std::string name = e.path().filename().string();
      if (name.rfind(prefix, 0) == 0) found.push_back(e.path().string());
    }
    std::sort(found.begin(), found.end(), [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() < b.size() : a < b;  // ttyS2 before ttyS10
    });
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

bool answers(host::Transport& t, std::uint8_t adr) {
  try {
    host::HostClient probe(t, kProbeTiming);
    probe.analog(adr, adr);
    return true;
  } catch (const std::exception&) {
    return false;  // no answer, or not a pack: try the next port
  }
}

Link find_port(const HostOptions& o, std::uint8_t adr) {
  const auto ports = candidate_ports();
  for (const std::string& port : ports) {
    std::unique_ptr<host::Transport> t;
    try {
      t = host::open_transport(port, o.baud);
    } catch (const std::exception&) {
      continue;  // busy or not a real port (most ttyS* on a PC)
    }
    if (answers(*t, adr)) {
      Link link{std::move(t), nullptr};
      link.client = std::make_unique<host::HostClient>(*link.transport, o.timing);
      return link;
    }
  }
  throw host::LinkError(fmt::format(
      "no pack answered on {} serial port(s) at {} baud: give --port (a device, tcp:HOST:PORT or "
      "pty:PATH)",
      ports.size(), o.baud));
}

}  // namespace

void add_link_options(CLI::App& cmd, HostOptions& o, AddrChoice addr) {
  cmd.add_option("--port", o.port,
                 "the packs' link: /dev/ttyUSB0, tcp:HOST:PORT (RS485 gateway) or pty:PATH; "
                 "default: the first serial port where a pack answers");
  cmd.add_option("--baud", o.baud, "serial speed")
      ->capture_default_str()
      ->check(CLI::IsMember({1200u, 2400u, 4800u, 9600u, 19200u, 38400u, 57600u, 115200u}));
  cmd.add_option("--addr", o.addr,
                 addr == AddrChoice::OneOrAll
                     ? "pack address 1...15, or all (asks the master, address 1, for every pack)"
                     : "pack address 1...15")
      ->capture_default_str();
  cmd.add_option("--timeout-ms", o.timing.timeout_ms, "wait this long for each answer")
      ->capture_default_str()
      ->check(CLI::Range(10, 60000));
  cmd.add_option("--gap-ms", o.timing.gap_ms, "pause between requests (v2.0 packs need 200)")
      ->capture_default_str()
      ->check(CLI::Range(0, 10000));
  cmd.add_option("--retries", o.timing.retries, "further tries after no or a damaged answer")
      ->capture_default_str()
      ->check(CLI::Range(0, 10));
}

void add_json_option(CLI::App& cmd, HostOptions& o) {
  cmd.add_flag("--json", o.json, "print the data as JSON (units in the key names)");
}

void add_password_option(CLI::App& cmd, HostOptions& o) {
  cmd.add_option("--password", o.password,
                 "administrator password (default: $LFPBMS_PASSWORD, else the factory default)");
}

std::uint8_t parse_address(const std::string& text) {
  if (text == "all" || text == "ALL") return protocol::kAllPacks;
  int v = 0;
  try {
    std::size_t used = 0;
    v = std::stoi(text, &used);
    if (used != text.size()) v = 0;
  } catch (const std::exception&) {
    v = 0;
  }
  if (v < 1 || v > 15) throw UsageError(fmt::format("--addr {}: want 1...15 or all", text));
  return static_cast<std::uint8_t>(v);
}

Link open_link(const HostOptions& o) {
  const std::uint8_t adr = parse_address(o.addr);
  if (o.port.empty()) return find_port(o, adr == protocol::kAllPacks ? 1 : adr);
  Link link{host::open_transport(o.port, o.baud), nullptr};
  link.client = std::make_unique<host::HostClient>(*link.transport, o.timing);
  return link;
}

void log_in(host::HostClient& client, std::uint8_t adr, const HostOptions& o) {
  std::string password = o.password;
  if (password.empty()) {
    const char* env = std::getenv("LFPBMS_PASSWORD");
    password = env != nullptr && *env != '\0' ? env : protocol::kDefaultAdminPassword;
  }
  client.log_in(adr, password);
}

std::string examples(std::initializer_list<const char*> lines) {
  std::string out = "\nExamples:\n";
  for (const char* l : lines) out += fmt::format("  {}\n", l);
  return out;
}

}  // namespace lfpbms::app
