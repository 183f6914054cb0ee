#include "host_commands.hpp"

#include <SQLiteCpp/Exception.h>
#include <fmt/core.h>

#include <cstdio>
#include <stdexcept>

namespace lfpbms::app {

HostCommandList add_host_commands(CLI::App& app) {
  HostCommandList list;
  add_scan_command(app, list);
  add_read_command(app, list);
  add_watch_command(app, list);
  add_export_command(app, list);
  add_params_command(app, list);
  add_records_command(app, list);
  add_time_command(app, list);
  add_switch_commands(app, list);
  return list;
}

std::optional<int> run_host_command(const HostCommandList& commands) {
  for (const HostCommand& c : commands) {
    if (!c.command->parsed()) continue;
    try {
      return c.run();
    } catch (const UsageError& e) {
      std::fprintf(stderr, "lfpbms: %s\n", e.what());
      return 2;
    } catch (const std::invalid_argument& e) {  // NAME=VALUE and the like
      std::fprintf(stderr, "lfpbms: %s\n", e.what());
      return 2;
    } catch (const std::exception& e) {  // the link, the pack, a file
      std::fprintf(stderr, "lfpbms: %s\n", e.what());
      return 1;
    }
  }
  return std::nullopt;
}

}  // namespace lfpbms::app
