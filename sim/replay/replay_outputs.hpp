#pragma once
// What `lfpbms replay` leaves behind: summary.json, trace.csv (every row: what the firmware's
// current sensor read and its SOC next to the reference), events.csv and report.html (estimated vs
// reference SOC, its error, current, cells, temperature and the firmware's switches on the log's
// time axis).
#include <filesystem>

#include <nlohmann/json.hpp>

#include "sim/replay/replay.hpp"

namespace lfpbms::sim {

// soc_rmse_pct, soc_max_err_pct and final_soc_ref_pct only when the log has soc_ref.
nlohmann::ordered_json replay_summary(const ReplayResult& r);

void write_replay_trace_csv(const ReplayResult& r, const std::filesystem::path& file);
void write_replay_events_csv(const ReplayResult& r, const std::filesystem::path& file);
void write_replay_report(const ReplayResult& r, const nlohmann::ordered_json& summary,
                         const std::filesystem::path& file);

}  // namespace lfpbms::sim
