// `lfpbms records read|delete` (HT-3): the pack's stored events with the measurements at that
// moment, read by sequence number until the pack has no more.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <limits>
#include <memory>

#include "host/history/session_names.hpp"
#include "host_commands.hpp"
#include "protection/protection_row.hpp"
#include "sim/runner/event_names.hpp"

namespace lfpbms::app {
namespace {

struct RecordsOptions {
  HostOptions link;
  std::uint32_t from = 0;
  std::uint32_t to = std::numeric_limits<std::uint32_t>::max();
  std::string csv;
};

// A code the firmware did not write (another vendor's pack, a newer firmware) is shown as a
// number rather than read out of the name tables' bounds.
Event event_of(std::uint16_t code, bool& known) {
  Event e;
  e.kind = static_cast<EventKind>(code >> 8);
  e.source = static_cast<std::uint8_t>(code);
  const bool system = e.kind == EventKind::System;
  known = code >> 8 >= static_cast<unsigned>(EventKind::AlarmSet) &&
          code >> 8 <= static_cast<unsigned>(EventKind::System) &&
          e.source < (system ? static_cast<std::size_t>(SystemEvent::Count) : kProtectionCount);
  return e;
}

std::string event_text(std::uint16_t code) {
  bool known = false;
  const Event e = event_of(code, known);
  return known ? sim::event_text(e) : fmt::format("event {:04X}", code);
}

std::string event_code_name(std::uint16_t code) {
  bool known = false;
  const Event e = event_of(code, known);
  return known ? sim::event_code(e) : fmt::format("{:04X}", code);
}

void write_csv(const std::string& path, const std::vector<protocol::RecordBlock>& records) {
  std::ofstream out(path);
  out << "sequence,time_utc,code,event,max_cell_mV,min_cell_mV,pack_voltage_mV,current_mA,"
         "max_temperature_dC,min_temperature_dC,mosfet_temperature_dC,ambient_temperature_dC,"
         "soc_pptt\n";
  for (const protocol::RecordBlock& r : records) {
    out << fmt::format("{},{},{},\"{}\",{},{},{},{},{},{},{},{},{}\n", r.sequence,
                       host::iso_utc(r.unix_time_s), event_code_name(r.code), event_text(r.code),
                       r.max_cell_mV, r.min_cell_mV, r.pack_voltage_mV, r.current_mA,
                       r.max_temperature_dC, r.min_temperature_dC, r.mosfet_temperature_dC,
                       r.ambient_temperature_dC, r.soc_pptt);
  }
  if (!out) throw std::runtime_error("cannot write " + path);
}

nlohmann::json records_json(const std::vector<protocol::RecordBlock>& records) {
  nlohmann::json j = nlohmann::json::array();
  for (const protocol::RecordBlock& r : records) {
    j.push_back({{"sequence", r.sequence},
                 {"time_unix_s", r.unix_time_s},
                 {"time_utc", host::iso_utc(r.unix_time_s)},
                 {"code", event_code_name(r.code)},
                 {"event", event_text(r.code)},
                 {"max_cell_mV", r.max_cell_mV},
                 {"min_cell_mV", r.min_cell_mV},
                 {"pack_voltage_mV", r.pack_voltage_mV},
                 {"current_mA", r.current_mA},
                 {"max_temperature_dC", r.max_temperature_dC},
                 {"min_temperature_dC", r.min_temperature_dC},
                 {"mosfet_temperature_dC", r.mosfet_temperature_dC},
                 {"ambient_temperature_dC", r.ambient_temperature_dC},
                 {"soc_pptt", r.soc_pptt}});
  }
  return j;
}

int run_read(const RecordsOptions& o) {
  if (o.from > o.to) throw UsageError(fmt::format("--from {} is after --to {}", o.from, o.to));
  const std::uint8_t adr = parse_address(o.link.addr);
  Link link = open_link(o.link);
  const auto records = link.client->records(adr, o.from, o.to);
  if (!o.csv.empty()) write_csv(o.csv, records);
  if (o.link.json) {
    fmt::print("{}\n", records_json(records).dump(2));
    return 0;
  }
  fmt::print("{:>6}  {:<20}  {:<44} {:>6} {:>6} {:>8} {:>8} {:>6} {:>6} {:>6}\n", "seq",
             "time (UTC)", "event", "max mV", "min mV", "pack V", "I (A)", "max °C", "min °C",
             "SOC %");
  for (const protocol::RecordBlock& r : records) {
    fmt::print("{:>6}  {:<20}  {:<44} {:>6} {:>6} {:>8.2f} {:>8.2f} {:>6.1f} {:>6.1f} {:>6.1f}\n",
               r.sequence, host::iso_utc(r.unix_time_s), event_text(r.code), r.max_cell_mV,
               r.min_cell_mV, r.pack_voltage_mV / 1000.0, r.current_mA / 1000.0,
               r.max_temperature_dC / 10.0, r.min_temperature_dC / 10.0, r.soc_pptt / 100.0);
  }
  fmt::print("{} record(s){}; no more data\n", records.size(),
             o.csv.empty() ? "" : ", saved to " + o.csv);
  return 0;
}

int run_delete(const RecordsOptions& o) {
  const std::uint8_t adr = parse_address(o.link.addr);
  Link link = open_link(o.link);
  log_in(*link.client, adr, o.link);
  link.client->delete_records(adr);
  fmt::print("pack {}: records deleted\n", adr);
  return 0;
}

}  // namespace

void add_records_command(CLI::App& app, HostCommandList& list) {
  auto* records = app.add_subcommand("records", "the pack's stored event records");
  records->require_subcommand(1);
  auto o = std::make_shared<RecordsOptions>();
  auto* read = records->add_subcommand(
      "read", "print records by sequence number (time, event, measurements) until no more data");
  add_link_options(*read, o->link);
  add_json_option(*read, o->link);
  read->add_option("--from", o->from, "first sequence number (default: the oldest)");
  read->add_option("--to", o->to, "last sequence number (default: the newest)");
  read->add_option("--csv", o->csv, "also save them to this CSV file");
  read->footer(examples(
      {"lfpbms records read", "lfpbms records read --from 100 --to 200 --csv events.csv"}));
  auto* del = records->add_subcommand("delete", "delete every record (administrator)");
  add_link_options(*del, o->link);
  add_password_option(*del, o->link);
  del->footer(examples({"lfpbms records delete --port /dev/ttyUSB0"}));
  list.push_back({read, [o] { return run_read(*o); }});
  list.push_back({del, [o] { return run_delete(*o); }});
}

}  // namespace lfpbms::app
