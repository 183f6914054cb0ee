#pragma once
// What every host command shares (HT-1): which port, how fast, which pack, how patient, and
// who logs in for writes; opening the link, finding the port when none is given.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "host/client/host_client.hpp"
#include "host/transport/transport.hpp"

namespace lfpbms::app {

// A mistake on the command line found after parsing (exit 2).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct HostOptions {
  std::string port;  // empty: find it (HT-1)
  unsigned baud = host::kDefaultBaud;
  std::string addr = "1";  // 1...15 or "all"
  bool json = false;
  host::LinkTiming timing;
  std::string password;  // empty: $LFPBMS_PASSWORD, else the factory default
};

enum class AddrChoice { OnePack, OneOrAll };

// --port --baud --addr --timeout-ms --gap-ms --retries on `cmd`.
void add_link_options(CLI::App& cmd, HostOptions& o, AddrChoice addr = AddrChoice::OnePack);
void add_json_option(CLI::App& cmd, HostOptions& o);
void add_password_option(CLI::App& cmd, HostOptions& o);

// "1"..."15" -> the address; "all" -> protocol::kAllPacks. Throws UsageError.
std::uint8_t parse_address(const std::string& text);

struct Link {
  std::unique_ptr<host::Transport> transport;
  std::unique_ptr<host::HostClient> client;
};

// Opens --port, or the first serial port on which a pack answers a 42 request.
Link open_link(const HostOptions& o);
// Logs in as administrator on pack `adr` (writes need it).
void log_in(host::HostClient& client, std::uint8_t adr, const HostOptions& o);

// A registered command: its CLI11 subcommand and what runs when it was chosen.
struct HostCommand {
  CLI::App* command;
  std::function<int()> run;
};
using HostCommandList = std::vector<HostCommand>;

// "Examples:" footers end every command's --help.
std::string examples(std::initializer_list<const char*> lines);

}  // namespace lfpbms::app
