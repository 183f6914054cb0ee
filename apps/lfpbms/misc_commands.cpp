// `lfpbms time get|set`, `lfpbms switch`, `lfpbms sleep`: the pack's clock (HT-3) and the
// PACE switch commands.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include <ctime>
#include <memory>

#include "host/history/session_names.hpp"
#include "host_commands.hpp"
#include "protocol/pace_protocol.hpp"

namespace lfpbms::app {
namespace {

struct MiscOptions {
  HostOptions link;
  std::string when = "now";  // time set
  std::string what;          // switch: charge | discharge | buzzer | led | limiter
  std::string state;         // switch: on | off
};

std::uint32_t host_now() {
  return static_cast<std::uint32_t>(std::time(nullptr));
}

int run_time_get(const MiscOptions& o) {
  const std::uint8_t adr = parse_address(o.link.addr);
  Link link = open_link(o.link);
  const std::uint32_t t = link.client->clock(adr);
  const long long drift_s = static_cast<long long>(t) - static_cast<long long>(host_now());
  if (o.link.json) {
    fmt::print(
        "{}\n",
        nlohmann::json{{"clock_unix_s", t}, {"clock_utc", host::iso_utc(t)}, {"drift_s", drift_s}}
            .dump(2));
    return 0;
  }
  fmt::print("pack {}: {} (UTC), {:+} s from this computer\n", adr, host::iso_utc(t), drift_s);
  return 0;
}

int run_time_set(const MiscOptions& o) {
  std::uint32_t t = 0;
  if (o.when == "now") {
    t = host_now();
  } else if (const auto parsed = host::parse_iso_utc(o.when)) {
    t = *parsed;
  } else {
    throw UsageError(fmt::format("'{}': want now or YYYY-MM-DDTHH:MM:SS (UTC)", o.when));
  }
  const std::uint8_t adr = parse_address(o.link.addr);
  Link link = open_link(o.link);
  log_in(*link.client, adr, o.link);
  link.client->set_clock(adr, t);
  fmt::print("pack {}: clock set to {} (UTC)\n", adr, host::iso_utc(t));
  return 0;
}

int run_switch(const MiscOptions& o) {
  const bool on = o.state == "on";
  const std::uint8_t adr = parse_address(o.link.addr);
  Link link = open_link(o.link);
  log_in(*link.client, adr, o.link);
  using namespace protocol;
  if (o.what == "charge" || o.what == "discharge") {
    link.client->set_fet(adr, o.what == "charge", on);
  } else if (o.what == "buzzer") {
    link.client->set_switch(adr, on ? kBuzzerOn : kBuzzerOff);
  } else if (o.what == "led") {
    link.client->set_switch(adr, on ? kLedWarningOn : kLedWarningOff);
  } else {
    link.client->set_switch(adr, on ? kLimiterOn : kLimiterOff);
  }
  fmt::print("pack {}: {} {}\n", adr, o.what, o.state);
  return 0;
}

int run_sleep(const MiscOptions& o) {
  const std::uint8_t adr = parse_address(o.link.addr);
  Link link = open_link(o.link);
  log_in(*link.client, adr, o.link);
  link.client->sleep(adr);
  fmt::print("pack {}: going to sleep (wake it with its button or a charger)\n", adr);
  return 0;
}

int run_reboot(const MiscOptions& o) {
  const std::uint8_t adr = parse_address(o.link.addr);
  Link link = open_link(o.link);
  log_in(*link.client, adr, o.link);
  link.client->reboot(adr);
  fmt::print("pack {}: restarting (settings, counters and records are kept)\n", adr);
  return 0;
}

CLI::App* add_leaf(CLI::App& parent, const char* name, const char* what, MiscOptions& o,
                   bool write) {
  auto* cmd = parent.add_subcommand(name, what);
  add_link_options(*cmd, o.link);
  if (write) add_password_option(*cmd, o.link);
  return cmd;
}

}  // namespace

void add_time_command(CLI::App& app, HostCommandList& list) {
  auto* time = app.add_subcommand("time", "read or set the pack's clock (UTC)");
  time->require_subcommand(1);
  auto o = std::make_shared<MiscOptions>();
  auto* get = add_leaf(*time, "get",
                       "print the pack's clock and how far it is from this computer's", *o, false);
  add_json_option(*get, o->link);
  get->footer(examples({"lfpbms time get --addr 2"}));
  auto* set = add_leaf(*time, "set", "set the pack's clock (administrator)", *o, true);
  set->add_option("when", o->when, "now (this computer's clock) or YYYY-MM-DDTHH:MM:SS in UTC")
      ->capture_default_str();
  set->footer(examples({"lfpbms time set", "lfpbms time set 2026-11-25T14:30:00"}));
  list.push_back({get, [o] { return run_time_get(*o); }});
  list.push_back({set, [o] { return run_time_set(*o); }});
}

void add_switch_commands(CLI::App& app, HostCommandList& list) {
  auto o = std::make_shared<MiscOptions>();
  auto* sw = add_leaf(app, "switch",
                      "switch the charge or discharge MOSFET, buzzer, LED warning or "
                      "current limiter on or off (administrator)",
                      *o, true);
  sw->add_option("what", o->what, "charge | discharge | buzzer | led | limiter")
      ->required()
      ->check(CLI::IsMember({"charge", "discharge", "buzzer", "led", "limiter"}));
  sw->add_option("state", o->state, "on | off")->required()->check(CLI::IsMember({"on", "off"}));
  sw->footer(examples({"lfpbms switch charge off    # the pack refuses to turn both MOSFETs off",
                       "lfpbms switch buzzer off --addr 3"}));
  list.push_back({sw, [o] { return run_switch(*o); }});
  auto* sleep = add_leaf(app, "sleep", "put the pack to sleep (administrator)", *o, true);
  sleep->footer(examples({"lfpbms sleep --addr 2"}));
  list.push_back({sleep, [o] { return run_sleep(*o); }});
  auto* reboot = add_leaf(app, "reboot", "restart the pack's BMS (administrator)", *o, true);
  reboot->footer(examples({"lfpbms reboot --addr 2"}));
  list.push_back({reboot, [o] { return run_reboot(*o); }});
}

}  // namespace lfpbms::app
