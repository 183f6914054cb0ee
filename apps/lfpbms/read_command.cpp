// `lfpbms read` and `lfpbms scan`: one look at the packs.
#include <fmt/core.h>

#include <cstdio>
#include <memory>

#include "host/history/session_names.hpp"
#include "host_commands.hpp"
#include "pack_snapshot.hpp"
#include "pack_tables.hpp"
#include "protocol/host_device.hpp"

namespace lfpbms::app {
namespace {

int run_read(const HostOptions& o) {
  const std::uint8_t which = parse_address(o.addr);
  Link link = open_link(o);
  const auto packs = read_packs(*link.client, which);
  if (which == protocol::kAllPacks) {
    const host::SystemView view = system_view_of(packs);
    protocol::SystemBlock bank;
    const bool has_bank = link.client->system_view(1, bank);
    const std::vector<std::string> warnings = parallel_warnings_of(packs);
    if (o.json) {
      nlohmann::json j = {{"packs", nlohmann::json::array()}, {"system", system_view_json(view)}};
      for (const PackSnapshot& p : packs) j["packs"].push_back(pack_json(p));
      if (has_bank) j["bank"] = bank_view_json(bank);
      j["warnings"] = warnings;
      fmt::print("{}\n", j.dump(2));
      return 0;
    }
    print_pack_rows(stdout, packs);
    print_system_view(stdout, view);
    if (has_bank) print_bank_view(stdout, bank);
    print_warnings(stdout, warnings);
    return 0;
  }
  const SystemInfo info = read_system_info(*link.client, which);
  if (o.json) {
    nlohmann::json j = pack_json(packs.front());
    j["system_info"] = system_info_json(info);
    fmt::print("{}\n", j.dump(2));
    return 0;
  }
  print_home(stdout, packs.front());
  print_battery_info(stdout, packs.front());
  print_state_flags(stdout, packs.front());
  print_system_info(stdout, info);
  return 0;
}

struct ScanHit {
  int address;
  std::string version;
  std::string bms_serial;
  int cells;
  std::uint16_t soc_pptt;
};

int run_scan(const HostOptions& o) {
  Link link = open_link(o);
  // Absent addresses cost a timeout each: keep it short and do not retry (HT-1).
  host::HostClient quick(*link.transport, {std::min(o.timing.timeout_ms, 500), o.timing.gap_ms, 0});
  std::vector<ScanHit> hits;
  for (std::uint8_t adr = 1; adr <= 15; ++adr) {
    try {
      const auto analog = quick.analog(adr, adr);
      const std::string version = link.client->version(adr);
      hits.push_back({adr, version, link.client->serials(adr).first,
                      analog.front().block.cell_count, host::soc_pptt(analog.front().block)});
    } catch (const host::LinkError&) {
      // nothing at this address
    }
  }
  if (o.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const ScanHit& h : hits) {
      j.push_back({{"address", h.address},
                   {"version", h.version},
                   {"bms_serial", h.bms_serial},
                   {"cell_count", h.cells},
                   {"soc_pptt", h.soc_pptt}});
    }
    fmt::print("{}\n", j.dump(2));
    return hits.empty() ? 1 : 0;
  }
  fmt::print("{} pack(s) on {}\n", hits.size(), link.transport->describe());
  fmt::print("{:>4}  {:<22} {:<20} {:>5} {:>7}\n", "addr", "version", "BMS serial", "cells", "SOC");
  for (const ScanHit& h : hits) {
    fmt::print("{:>4}  {:<22} {:<20} {:>5} {:>6.1f}%\n", h.address, h.version, h.bms_serial,
               h.cells, h.soc_pptt / 100.0);
  }
  return hits.empty() ? 1 : 0;
}

}  // namespace

void add_read_command(CLI::App& app, HostCommandList& list) {
  auto o = std::make_shared<HostOptions>();
  auto* cmd = app.add_subcommand(
      "read",
      "read one snapshot of a pack (home, battery info, state flags, system info) or of "
      "every pack of a bank");
  add_link_options(*cmd, *o, AddrChoice::OneOrAll);
  add_json_option(*cmd, *o);
  cmd->footer(
      examples({"lfpbms read --port /dev/ttyUSB0",
                "lfpbms read --port tcp:192.168.1.50:4196 --addr 2 --json",
                "lfpbms read --addr all     # every pack of the bank, and the system view"}));
  list.push_back({cmd, [o] { return run_read(*o); }});
}

void add_scan_command(CLI::App& app, HostCommandList& list) {
  auto o = std::make_shared<HostOptions>();
  auto* cmd = app.add_subcommand(
      "scan", "find the packs on the link: address, version, BMS serial, cells, SOC");
  add_link_options(*cmd, *o);
  add_json_option(*cmd, *o);
  cmd->footer(examples({"lfpbms scan                 # finds the serial port itself",
                        "lfpbms scan --port /dev/ttyUSB0 --baud 19200 --json"}));
  list.push_back({cmd, [o] { return run_scan(*o); }});
}

}  // namespace lfpbms::app
