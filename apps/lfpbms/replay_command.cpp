// `lfpbms replay`: feed a log recorded elsewhere through the firmware and write what it made
// of it (docs/replay.md).
#include <fmt/core.h>

#include <filesystem>
#include <fstream>

#include "commands.hpp"
#include "sim/replay/replay.hpp"
#include "sim/replay/replay_outputs.hpp"

namespace lfpbms::app {

namespace {

sim::ReplayOptions replay_options(const ReplayCommandOptions& o) {
  sim::ReplayOptions r;
  r.series = o.series;
  r.cell_capacity_Ah = o.cell_capacity_Ah;
  r.initial_soc_pct = o.initial_soc_pct;
  r.current_offset_A = o.current_offset_A;
  return r;
}

std::filesystem::path out_dir(const ReplayCommandOptions& o) {
  if (!o.out_dir.empty()) return o.out_dir;
  return std::filesystem::path("replay-out") / std::filesystem::path(o.log_file).stem();
}

void print_soc(const nlohmann::ordered_json& j) {
  if (j.contains("soc_rmse_pct")) {
    fmt::print(
        "  SOC error rms {:.2f} % max {:.2f} % (at {:.0f} s); final {:.2f} % estimated, {:.2f} % "
        "reference\n",
        j["soc_rmse_pct"].get<double>(), j["soc_max_err_pct"].get<double>(),
        j["soc_max_err_at_s"].get<double>(), j["final_soc_est_pct"].get<double>(),
        j["final_soc_ref_pct"].get<double>());
  } else {
    fmt::print("  final SOC {:.2f} % estimated (no soc_ref in the log)\n",
               j["final_soc_est_pct"].get<double>());
  }
}

void print_summary(const nlohmann::ordered_json& j, const std::filesystem::path& dir) {
  fmt::print("\n{}: {} rows over {:.2f} h, replayed in {:.3f} s\n", j["log"].get<std::string>(),
             j["rows"].get<std::size_t>(), j["duration_s"].get<double>() / 3600.0,
             j["wall_s"].get<double>());
  fmt::print("  {}S of {} Ah cells; firmware at {} Ah, log current x{}, offset {} A\n",
             j["series"].get<int>(), j["cell_capacity_Ah"].dump(), j["design_capacity_Ah"].dump(),
             j["current_scale"].dump(), j["current_offset_A"].dump());
  fmt::print("  initial SOC {:.2f} % (from the {})\n", j["initial_soc_est_pct"].get<double>(),
             j["initial_soc_source"].get<std::string>());
  print_soc(j);
  fmt::print("  cells {}...{} mV, {:.1f}...{:.1f} °C; charged {:.3f} Ah, discharged {:.3f} Ah\n",
             j["min_cell_mV"].get<long>(), j["max_cell_mV"].get<long>(),
             j["min_temp_C"].get<double>(), j["max_temp_C"].get<double>(),
             j["charged_Ah"].get<double>(), j["discharged_Ah"].get<double>());
  for (const auto& [code, n] : j["events"].items()) {
    if (code.rfind("system:", 0) != 0) fmt::print("  {} x{}\n", code, n.get<int>());
  }
  if (j["charge_blocked_s"].get<double>() > 0 || j["discharge_blocked_s"].get<double>() > 0) {
    fmt::print(
        "  the firmware held open a path the log's current flowed through: charge {} s, "
        "discharge {} s\n",
        j["charge_blocked_s"].dump(), j["discharge_blocked_s"].dump());
  }
  fmt::print("  report: {}\n", (dir / "report.html").string());
}

}  // namespace

int run_replay(const ReplayCommandOptions& o) {
  // A bad log or option throws here, before anything is written.
  const sim::ReplayLog log = sim::read_replay_log(o.log_file);
  const sim::ReplayResult result = sim::run_replay(log, replay_options(o));
  for (const auto& w : result.setup.warnings) fmt::print(stderr, "lfpbms replay: {}\n", w);

  const nlohmann::ordered_json summary = sim::replay_summary(result);
  const std::filesystem::path dir = out_dir(o);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "summary.json") << summary.dump(2) << '\n';
  sim::write_replay_trace_csv(result, dir / "trace.csv");
  sim::write_replay_events_csv(result, dir / "events.csv");
  sim::write_replay_report(result, summary, dir / "report.html");
  if (o.json) {
    fmt::print("{}\n", summary.dump(2));
  } else {
    print_summary(summary, dir);
  }
  return 0;
}

}  // namespace lfpbms::app
