// lfpbms: the command line that ties the firmware, the twin and the host tools together.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "commands.hpp"
#include "host_commands.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"lfpbms: an open battery management system for LiFePO4 storage packs"};
  app.require_subcommand(1);

  bool quiet = false;
  auto* selftest = app.add_subcommand("selftest", "run the firmware core through a short story");
  selftest->add_flag("--quiet", quiet, "print only the verdict");

  bool markdown = false;
  int series = 16;
  auto* table = app.add_subcommand("table", "print a firmware table");
  std::string which;
  table->add_option("which", which, "protections | params")
      ->required()
      ->check(CLI::IsMember({"protections", "params"}));
  table->add_flag("--markdown", markdown, "as a Markdown table");
  table->add_option("--cells", series, "series count for parameter defaults")
      ->check(CLI::Range(4, 16));

  lfpbms::app::SimOptions sim;
  auto* simulate =
      app.add_subcommand("sim", "run the pack's digital twin with the firmware in the loop");
  simulate->add_option("scenario", sim.scenario_file, "scenario file (TOML); none: the demo")
      ->check(CLI::ExistingFile);
  simulate->add_option("--days", sim.days, "simulated days")->check(CLI::Range(0.001, 366.0));
  simulate->add_option("--seed", sim.seed, "random seed");
  simulate->add_option("--profile", sim.profile, "product profile (see `lfpbms profiles`)");
  simulate->add_option("--out", sim.out_dir, "output folder");
  simulate->add_flag("--json", sim.json, "print summary.json to stdout");
  auto* serve =
      simulate->add_option("--serve", sim.serve,
                           "serve the packs' host link on tcp:HOST:PORT or pty:PATH, in real time");
  simulate->add_option("--speed", sim.speed, "simulated seconds per wall second while serving")
      ->check(CLI::PositiveNumber)
      ->needs(serve);
  simulate
      ->add_option("--packs", sim.packs,
                   "packs in parallel in the bank (1...32, up to the "
                   "profile's bank size), addresses 1...N")
      ->check(CLI::Range(1, 32));
  simulate->add_option("--baud", sim.baud, "line speed the server emulates (0: none)")
      ->needs(serve);
  simulate
      ->add_option("--truth", sim.truth,
                   "while serving, write the packs' true readings here (JSON) every second")
      ->needs(serve);
  auto* profiles = app.add_subcommand("profiles", "list the product profiles");

  lfpbms::app::ReplayCommandOptions rp;
  auto* replay = app.add_subcommand(
      "replay", "feed a recorded log (time_s,current_A,voltage_V or cellN_V...) to the firmware");
  replay->add_option("log", rp.log_file, "CSV log (see docs/replay.md)")
      ->required()
      ->check(CLI::ExistingFile);
  replay->add_option("--series", rp.series, "cells in series (default: the log's, else 16)")
      ->check(CLI::Range(4, 16));
  replay->add_option("--cell-capacity-Ah", rp.cell_capacity_Ah, "capacity of one cell (Ah)")
      ->check(CLI::PositiveNumber);
  replay->add_option("--initial-soc", rp.initial_soc_pct, "the firmware's starting SOC (%)")
      ->check(CLI::Range(0.0, 100.0));
  replay->add_option("--current-offset-A", rp.current_offset_A,
                     "added to the firmware's current reading, as a sensor offset (A)");
  replay->add_option("--out", rp.out_dir, "output folder (default replay-out/<log name>)");
  replay->add_flag("--json", rp.json, "print summary.json to stdout");

  const auto host_commands = lfpbms::app::add_host_commands(app);

  CLI11_PARSE(app, argc, argv);
  if (const auto code = lfpbms::app::run_host_command(host_commands)) return *code;
  if (*selftest) return lfpbms::app::run_selftest(quiet) == 0 ? 0 : 1;
  if (*simulate) return lfpbms::app::run_sim(sim);
  if (*profiles) return lfpbms::app::list_profiles();
  if (*replay) return lfpbms::app::run_replay(rp);
  if (which == "protections") {
    lfpbms::app::print_protection_table(markdown);
  } else {
    lfpbms::app::print_parameter_table(markdown, series);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lfpbms: %s\n", e.what());
    return 2;
  }
}
