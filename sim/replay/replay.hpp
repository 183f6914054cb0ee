#pragma once
// Replays a recorded log through the unchanged firmware: one Bms::tick() per row, at the row's
// own time, on a ReplayBoard that shows the row's cells, current and temperature. The firmware
// is configured as a host would: defaults for the series count plus the design capacity.
//
// A single-cell log is read as a string of identical cells. The firmware's design capacity
// must lie within its range (50...400 Ah); a cell outside it (a 2.5 Ah test cell) is read as a
// 100 Ah cell, its current scaled by the same factor, so every C-rate stays as recorded.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "events/event.hpp"
#include "sim/replay/replay_log.hpp"

namespace lfpbms::sim {

struct ReplayOptions {
  std::optional<int> series;               // cells in series; default: the log's, else 16
  std::optional<double> cell_capacity_Ah;  // default 100 Ah, with a warning
  std::optional<double> initial_soc_pct;   // default: the firmware starts from the voltage
  double current_offset_A = 0;             // added at the firmware's sensor (after scaling)
};

// How the log maps onto the firmware.
struct ReplaySetup {
  std::uint8_t series = 16;
  double cell_capacity_Ah = 100;
  double design_capacity_Ah = 100;  // the firmware's
  double current_scale = 1;         // firmware amps per log amp
  std::vector<std::string> warnings;
};

// Throws ReplayError when the options do not fit the log or the firmware.
ReplaySetup plan_replay(const ReplayLog& log, const ReplayOptions& options);

// One row after its tick.
struct ReplayPoint {
  double t_s = 0;        // the log's time
  double current_A = 0;  // the log's current (before scaling and offset)
  double sensor_A = 0;   // what the firmware's current sensor read (scaled, with the offset)
  double soc_est_pct = 0;
  double soc_ref_pct = kNoValue;
  double cell_min_V = 0, cell_max_V = 0;
  double temperature_C = 25;
  bool charge_path = false;     // charge FET or limiter commanded closed
  bool discharge_path = false;  // discharge FET or pre-charge commanded closed
};

struct ReplayEvent {
  double t_s = 0;  // the log's time (events of the start-up carry the first row's)
  std::string code, group, text;
  EventSnapshot snapshot;
};

struct ReplayResult {
  std::string source;
  ReplayOptions options;
  ReplaySetup setup;
  std::string initial_soc_source;  // "voltage" (from the first row) or "option" (--initial-soc)
  double initial_soc_est_pct = 0;  // the firmware's SOC when the log begins
  std::vector<ReplayPoint> points;
  std::vector<ReplayEvent> events;
  // Time the log's current flowed (beyond the firmware's dead band) through a path the
  // firmware held open: on the real pack, it would have stopped that current.
  double charge_blocked_s = 0;
  double discharge_blocked_s = 0;
  double wall_s = 0;
};

ReplayResult run_replay(const ReplayLog& log, const ReplayOptions& options);

}  // namespace lfpbms::sim
