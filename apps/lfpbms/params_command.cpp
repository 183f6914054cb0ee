// `lfpbms params get|set|restore|export|import` (HT-4): the pack's settings, written all or
// nothing in one F3 write after an administrator log-in.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>

#include "host/history/session_names.hpp"
#include "host/params/param_file.hpp"
#include "host_commands.hpp"

namespace lfpbms::app {
namespace {

struct ParamsOptions {
  HostOptions link;
  std::vector<std::string> names;  // get: which; set: NAME=VALUE
  std::string file;                // export / import
};

// The F3 write carries at most 64 pairs (PROTOCOLS.md §1.3).
constexpr std::size_t kMaxWritesPerFrame = 64;

const host::ParamEntry* find_entry(const std::vector<host::ParamEntry>& all, ParamId id) {
  for (const host::ParamEntry& e : all) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

int run_get(const ParamsOptions& p) {
  std::vector<ParamId> wanted;
  for (const std::string& n : p.names) {
    const ParamId id = find_param(n.c_str());
    if (id == ParamId::None) throw UsageError(fmt::format("unknown parameter '{}'", n));
    wanted.push_back(id);
  }
  Link link = open_link(p.link);
  const auto all = link.client->params(parse_address(p.link.addr));
  std::vector<host::ParamEntry> shown;
  for (ParamId id : wanted) {
    const host::ParamEntry* e = find_entry(all, id);
    if (e == nullptr) throw host::LinkError(fmt::format("the pack has no {}", param_def(id).name));
    shown.push_back(*e);
  }
  if (wanted.empty()) shown = all;
  if (p.link.json) {
    nlohmann::json j = nlohmann::json::object();
    for (const host::ParamEntry& e : shown) {
      j[param_def(e.id).name] = {{"value", e.value},
                                 {"unit", unit_name(param_def(e.id).unit)},
                                 {"min", e.min},
                                 {"max", e.max}};
    }
    fmt::print("{}\n", j.dump(2));
    return 0;
  }
  fmt::print("{:<30} {:>10} {:<6} {:>10} {:>10}\n", "name", "value", "unit", "min", "max");
  for (const host::ParamEntry& e : shown) {
    fmt::print("{:<30} {:>10} {:<6} {:>10} {:>10}\n", param_def(e.id).name, e.value,
               unit_name(param_def(e.id).unit), e.min, e.max);
  }
  return 0;
}

void write_all(Link& link, std::uint8_t adr, const ParamsOptions& p,
               const std::vector<ParamWrite>& writes) {
  if (writes.size() > kMaxWritesPerFrame) {
    throw UsageError(fmt::format("{} changes: one all-or-nothing write carries at most {}",
                                 writes.size(), kMaxWritesPerFrame));
  }
  log_in(*link.client, adr, p.link);
  link.client->write_params(adr, writes);
}

int run_set(const ParamsOptions& p) {
  std::vector<ParamWrite> writes;
  for (const std::string& a : p.names) writes.push_back(host::parse_assignment(a));
  const std::uint8_t adr = parse_address(p.link.addr);
  Link link = open_link(p.link);
  write_all(link, adr, p, writes);
  fmt::print("written: {} parameter(s) to pack {}\n", writes.size(), adr);
  return 0;
}

int run_restore(const ParamsOptions& p) {
  const std::uint8_t adr = parse_address(p.link.addr);
  Link link = open_link(p.link);
  log_in(*link.client, adr, p.link);
  link.client->restore_defaults(adr);
  fmt::print("pack {}: parameters restored to the factory defaults\n", adr);
  return 0;
}

int run_export(const ParamsOptions& p) {
  const std::uint8_t adr = parse_address(p.link.addr);
  Link link = open_link(p.link);
  const auto params = link.client->params(adr);
  host::ParamFileHeader h;
  h.firmware = link.client->version(adr);
  h.pack = fmt::format("address {}, BMS serial {}", adr, link.client->serials(adr).first);
  h.date_utc = host::iso_utc(static_cast<std::uint32_t>(std::time(nullptr)));
  std::ofstream out(p.file);
  out << host::param_file_text(params, h);
  if (!out) throw std::runtime_error("cannot write " + p.file);
  fmt::print("{} parameters of pack {} written to {}\n", params.size(), adr, p.file);
  return 0;
}

int run_import(const ParamsOptions& p) {
  std::ifstream in(p.file);
  if (!in) throw UsageError("cannot read " + p.file);
  std::stringstream text;
  text << in.rdbuf();
  const std::uint8_t adr = parse_address(p.link.addr);
  Link link = open_link(p.link);
  const host::ParamFileCheck check =
      host::check_param_file(text.str(), p.file, link.client->params(adr));
  if (!check.ok()) {
    for (const std::string& problem : check.problems)
      fmt::print(stderr, "lfpbms: {}: {}\n", p.file, problem);
    fmt::print(stderr, "lfpbms: nothing written\n");
    return 1;
  }
  if (check.changes.empty()) {
    fmt::print("nothing to write: pack {} already has these values\n", adr);
    return 0;
  }
  write_all(link, adr, p, check.changes);
  fmt::print("written: {} changed parameter(s) to pack {}\n", check.changes.size(), adr);
  return 0;
}

CLI::App* leaf(CLI::App& parent, const char* name, const char* what, ParamsOptions& o, bool write) {
  auto* cmd = parent.add_subcommand(name, what);
  add_link_options(*cmd, o.link);
  if (write) add_password_option(*cmd, o.link);
  return cmd;
}

}  // namespace

void add_params_command(CLI::App& app, HostCommandList& list) {
  auto* params = app.add_subcommand("params", "read and write the pack's settings");
  params->require_subcommand(1);
  params->footer(examples({"lfpbms params get cell_ov_alarm_mV cell_ov_protect_mV",
                           "lfpbms params set cell_ov_alarm_mV=3550 cell_ov_protect_mV=3650",
                           "lfpbms params export pack1.toml && lfpbms params import pack1.toml"}));
  auto o = std::make_shared<ParamsOptions>();
  auto* get = leaf(*params, "get", "print settings: name, value, unit, min, max (all when no NAME)",
                   *o, false);
  get->add_option("names", o->names, "parameter names (see `lfpbms table params`)");
  add_json_option(*get, o->link);
  get->footer(examples({"lfpbms params get", "lfpbms params get cell_ov_alarm_mV --json"}));
  auto* set = leaf(*params, "set", "write settings in one all-or-nothing write", *o, true);
  set->add_option("assignments", o->names, "NAME=VALUE, in the unit the name ends with")
      ->required();
  set->footer(
      examples({"lfpbms params set cell_ov_alarm_mV=3550",
                "LFPBMS_PASSWORD=secret lfpbms params set chg_oc_alarm_mA=90000 --addr 2"}));
  auto* restore =
      leaf(*params, "restore", "restore the factory defaults (records are kept)", *o, true);
  restore->footer(examples({"lfpbms params restore --addr 3"}));
  auto* exp = leaf(*params, "export", "save all settings to a TOML file", *o, false);
  exp->add_option("file", o->file, "the TOML file to write")->required();
  exp->footer(examples({"lfpbms params export pack1.toml"}));
  auto* imp = leaf(*params, "import", "check a TOML file whole, then write what differs", *o, true);
  imp->add_option("file", o->file, "a file `params export` wrote (edited)")
      ->required()
      ->check(CLI::ExistingFile);
  imp->footer(examples({"lfpbms params import pack1.toml --addr 2"}));
  list.push_back({get, [o] { return run_get(*o); }});
  list.push_back({set, [o] { return run_set(*o); }});
  list.push_back({restore, [o] { return run_restore(*o); }});
  list.push_back({exp, [o] { return run_export(*o); }});
  list.push_back({imp, [o] { return run_import(*o); }});
}

}  // namespace lfpbms::app
