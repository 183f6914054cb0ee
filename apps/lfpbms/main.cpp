// lfpbms: the command line that ties the firmware, the twin and the host tools together.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "commands.hpp"

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

  CLI11_PARSE(app, argc, argv);
  if (*selftest) return lfpbms::app::run_selftest(quiet) == 0 ? 0 : 1;
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
