// `lfpbms watch` (HT-2): a live view of one pack or the bank, optionally recorded to a history
// database (ST-4); `lfpbms export`: that database as CSV files, one per pack and session.
#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <thread>

#include "host/history/history_db.hpp"
#include "host/history/session_names.hpp"
#include "host_commands.hpp"
#include "pack_snapshot.hpp"
#include "pack_tables.hpp"
#include "protocol/host_device.hpp"

namespace lfpbms::app {
namespace {

struct WatchOptions {
  HostOptions link;
  double interval_s = 2;
  int count = 0;  // 0: until interrupted
  std::string record;
};

std::uint32_t now_unix_s() {
  return static_cast<std::uint32_t>(std::time(nullptr));
}

void show(const std::vector<PackSnapshot>& packs, bool all, const std::string& status_line) {
  if (isatty(STDOUT_FILENO)) fmt::print("\x1b[H\x1b[2J");  // redraw in place on a terminal
  fmt::print("{}\n\n", status_line);
  if (all) {
    print_pack_rows(stdout, packs);
    print_system_view(stdout, system_view_of(packs));
  } else {
    print_home(stdout, packs.front());
    print_battery_info(stdout, packs.front());
    print_state_flags(stdout, packs.front());
  }
  fmt::print("\n");
  std::fflush(stdout);
}

void show_json(const std::vector<PackSnapshot>& packs, bool all, std::uint32_t t,
               std::int64_t saved) {
  nlohmann::json j = {{"time_unix_s", t}, {"packs", nlohmann::json::array()}};
  for (const PackSnapshot& p : packs) j["packs"].push_back(pack_json(p));
  if (all) j["system"] = system_view_json(system_view_of(packs));
  j["saved_rows"] = saved;
  fmt::print("{}\n", j.dump());  // one line per refresh, for scripts
  std::fflush(stdout);
}

// A refresh that gets no answer is shown and the watch goes on: one bad frame must not end a
// monitoring session. Exit 1 only when no refresh got an answer.
int run_watch(const WatchOptions& w) {
  const std::uint8_t which = parse_address(w.link.addr);
  const bool all = which == protocol::kAllPacks;
  Link link = open_link(w.link);
  std::unique_ptr<host::HistoryRecorder> recorder;
  if (!w.record.empty()) recorder = std::make_unique<host::HistoryRecorder>(w.record, now_unix_s());
  int answered = 0;
  const auto period = std::chrono::duration<double>(w.interval_s);
  auto next = std::chrono::steady_clock::now();
  for (int n = 1; w.count == 0 || n <= w.count; ++n) {
    if (n > 1) std::this_thread::sleep_until(next);
    next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(period);
    const std::uint32_t t = now_unix_s();
    try {
      const auto packs = read_packs(*link.client, which);
      ++answered;
      if (recorder) {
        std::vector<host::HistoryRow> rows;
        rows.reserve(packs.size());
        for (const PackSnapshot& p : packs) rows.push_back({t, p.address, p.analog, p.alarms});
        recorder->add(rows);
      }
      const std::int64_t saved = recorder ? recorder->saved_rows() : 0;
      if (w.link.json) {
        show_json(packs, all, t, saved);
        continue;
      }
      show(packs, all,
           fmt::format(
               "{} | {} | refresh {} | link ok{}", link.transport->describe(), host::iso_utc(t), n,
               recorder ? fmt::format(" | {}: {} rows saved", recorder->table(), saved) : ""));
    } catch (const host::LinkError& e) {
      std::fprintf(stderr, "lfpbms: refresh %d: %s\n", n, e.what());
    } catch (const host::ProtocolError& e) {
      std::fprintf(stderr, "lfpbms: refresh %d: %s\n", n, e.what());
    }
  }
  if (recorder && !w.link.json) {
    fmt::print("recorded {} rows in {} of {}\n", recorder->saved_rows(), recorder->table(),
               w.record);
  }
  return answered > 0 ? 0 : 1;
}

int run_export(const std::string& db, const std::string& dir) {
  const auto files = host::export_history_csv(db, dir);
  for (const std::string& f : files) fmt::print("{}\n", f);
  if (files.empty()) fmt::print("no recorded rows in {}\n", db);
  return 0;
}

}  // namespace

void add_watch_command(CLI::App& app, HostCommandList& list) {
  auto w = std::make_shared<WatchOptions>();
  auto* cmd = app.add_subcommand("watch",
                                 "live view of one pack or of all packs, optionally "
                                 "recorded to a history database");
  add_link_options(*cmd, w->link, AddrChoice::OneOrAll);
  add_json_option(*cmd, w->link);
  cmd->add_option("--interval", w->interval_s, "seconds between refreshes")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  cmd->add_option("--count", w->count, "refresh this many times, then exit (default: until Ctrl-C)")
      ->check(CLI::Range(1, 100000000));
  cmd->add_option("--record", w->record,
                  "append to this SQLite file: one table per recording (session_YYYYMMDD_HHMMSS, "
                  "UTC); sessions older than two months are removed");
  cmd->footer(examples({"lfpbms watch --port /dev/ttyUSB0",
                        "lfpbms watch --addr all --interval 5 --record history.db",
                        "lfpbms watch --count 3 --json    # one JSON line per refresh"}));
  list.push_back({cmd, [w] { return run_watch(*w); }});
}

void add_export_command(CLI::App& app, HostCommandList& list) {
  auto db = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "export", "write a history database as CSV: one file per pack per recording session");
  cmd->add_option("database", *db, "the file `lfpbms watch --record` wrote")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--csv", *dir, "folder for the CSV files (\"pack No1_YYYYMMDDHHMMSS.csv\")")
      ->required();
  cmd->footer(examples({"lfpbms export history.db --csv history-csv/"}));
  list.push_back({cmd, [db, dir] { return run_export(*db, *dir); }});
}

}  // namespace lfpbms::app
