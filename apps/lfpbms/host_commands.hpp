#pragma once
// The `lfpbms` commands that talk to packs (issue 7): scan, read, watch, params, records, time,
// switch, sleep, export. main.cpp registers them with one call and runs the chosen one.
#include <CLI/CLI.hpp>

#include <optional>

#include "host_options.hpp"

namespace lfpbms::app {

HostCommandList add_host_commands(CLI::App& app);
// The exit code of the chosen host command, or nullopt when another command was chosen.
// Errors are one line on stderr: exit 1 for the pack or the link, 2 for the command line.
std::optional<int> run_host_command(const HostCommandList& commands);

// One per file, each adding its subcommand(s) to `app` and `list`.
void add_scan_command(CLI::App& app, HostCommandList& list);
void add_read_command(CLI::App& app, HostCommandList& list);
void add_watch_command(CLI::App& app, HostCommandList& list);
void add_export_command(CLI::App& app, HostCommandList& list);
void add_params_command(CLI::App& app, HostCommandList& list);
void add_records_command(CLI::App& app, HostCommandList& list);
void add_time_command(CLI::App& app, HostCommandList& list);
void add_switch_commands(CLI::App& app, HostCommandList& list);  // switch, sleep

}  // namespace lfpbms::app
