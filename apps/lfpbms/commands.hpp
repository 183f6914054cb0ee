#pragma once
// The subcommands of the `lfpbms` command line.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace lfpbms::app {

// Runs the firmware core on a simulated board through a short story and checks what it did.
// Returns the number of failed checks.
int run_selftest(bool quiet);

// Prints the protection or parameter table, as Markdown or plain text.
void print_protection_table(bool markdown);
void print_parameter_table(bool markdown, int series_count);

struct SimOptions {
  std::string scenario_file;  // empty: the built-in demo
  std::optional<double> days;
  std::optional<std::uint64_t> seed;
  std::string profile;  // overrides the scenario's
  std::string out_dir;  // empty: sim-out/<scenario>-<time>/
  bool json = false;
  // Serving the packs' host link (sim_serve.cpp): tcp:HOST:PORT or pty:PATH; empty: none.
  std::string serve;
  double speed = 1;          // simulated seconds per wall second while serving
  std::optional<int> packs;  // packs in the bank (the scenario's [bank] packs otherwise)
  unsigned baud = 9600;      // the line's speed the server emulates; 0: none
  std::string truth;         // while serving: the packs' true readings, every simulated second
};

// Runs a scenario and writes its outputs. 0: passed; 1: a safety violation or a failed
// expectation. A bad scenario throws before anything is written.
int run_sim(const SimOptions& options);
// The same, serving the packs on options.serve in real time (speed-scaled) until the
// scenario ends (0 passed, 1 failed) or SIGINT/SIGTERM (0).
int run_sim_serve(const SimOptions& options);
int list_profiles();

struct ReplayCommandOptions {
  std::string log_file;
  std::optional<int> series;
  std::optional<double> cell_capacity_Ah;
  std::optional<double> initial_soc_pct;
  double current_offset_A = 0;
  std::string out_dir;  // empty: replay-out/<log stem>/
  bool json = false;
};

// Replays a recorded log through the firmware and writes what it did. 0 when it ran; a bad
// log or option throws (exit 2) before anything is written.
int run_replay(const ReplayCommandOptions& options);

}  // namespace lfpbms::app
