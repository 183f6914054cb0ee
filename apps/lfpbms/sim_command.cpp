// `lfpbms sim` and `lfpbms profiles`: run the twin with the firmware in the loop and write
// what happened; list the product profiles.
#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>

#include "commands.hpp"
#include "sim/profile/product_profile.hpp"
#include "sim/runner/outputs.hpp"
#include "sim/runner/simulation.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim_run.hpp"

namespace lfpbms::app {

namespace {

using Clock = std::chrono::steady_clock;

std::filesystem::path out_dir(const SimOptions& o, const sim::Scenario& s) {
  if (!o.out_dir.empty()) return o.out_dir;
  const std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
  return std::filesystem::path("sim-out") / (s.name + "-" + stamp);
}

// A progress bar on a terminal; nothing when stderr is a file or a pipe.
class Progress {
 public:
  Progress() : tty_(isatty(STDERR_FILENO) != 0), start_(Clock::now()) {}
  void operator()(double t_s, double total_s) {
    if (!tty_) return;
    const double wall_s = std::chrono::duration<double>(Clock::now() - start_).count();
    if (t_s < total_s && wall_s - last_s_ < 0.1) return;
    last_s_ = wall_s;
    const int width = 30;
    const int done = static_cast<int>(width * t_s / total_s);
    fmt::print(stderr, "\r  [{}{}] day {:.1f} of {:.1f}, {:.0f}x real time ",
               std::string(done, '#'), std::string(width - done, '.'), t_s / 86400.0,
               total_s / 86400.0, wall_s > 0 ? t_s / wall_s : 0.0);
    if (t_s >= total_s) fmt::print(stderr, "\n");
  }

 private:
  bool tty_;
  Clock::time_point start_;
  double last_s_ = -1;
};

// A bank: what its master counts, and each pack in one line.
void print_bank(const nlohmann::ordered_json& j) {
  if (j["packs"].get<std::size_t>() < 2) return;
  fmt::print("  bank of {} packs: {} healthy at the end, true SOC {:.2f} % apart",
             j["packs"].get<std::size_t>(), j["healthy_packs"].get<int>(),
             j["pack_soc_spread_pct"].get<double>());
  if (j["bank_settled_s"].is_number()) {
    fmt::print(", every pack counted {:.1f} s after start", j["bank_settled_s"].get<double>());
  }
  fmt::print("\n");
  for (const auto& p : j["bank"]) {
    fmt::print(
        "    pack {:>2} ({} {:>2}): SOC {:5.1f} % (true {:5.1f} %), cells {:.0f}...{:.0f} mV, "
        "{:.1f} kWh in, {:.1f} kWh out, {} violations\n",
        p["pack"].get<int>(), p["role"].get<std::string>(), p["address"].get<int>(),
        p["final_soc_est_pct"].get<double>(), p["final_soc_true_pct"].get<double>(),
        p["min_cell_mV"].get<double>(), p["max_cell_mV"].get<double>(),
        p["charged_kWh"].get<double>(), p["discharged_kWh"].get<double>(),
        p["safety_violations"].get<std::size_t>());
  }
}

void print_summary(const nlohmann::ordered_json& j, const std::filesystem::path& dir) {
  fmt::print("\n{}: {}\n", j["scenario"].get<std::string>(), j["description"].get<std::string>());
  fmt::print("  profile {}, seed {}, {} days simulated in {:.1f} s ({:.0f}x real time)\n",
             j["profile"].get<std::string>(), j["seed"].get<std::uint64_t>(),
             j["days"].get<double>(), j["wall_s"].get<double>(), j["speedup"].get<double>());
  fmt::print("  safety violations {}, SOC error rms {:.2f} % max {:.2f} %\n",
             j["safety_violations"].get<std::size_t>(), j["soc_rmse_pct"].get<double>(),
             j["soc_max_err_pct"].get<double>());
  fmt::print(
      "  cells {:.0f}...{:.0f} mV, {:.1f}...{:.1f} °C; charged {:.1f} kWh, discharged {:.1f} kWh\n",
      j["min_cell_mV"].get<double>(), j["max_cell_mV"].get<double>(),
      j["min_cell_temp_C"].get<double>(), j["max_cell_temp_C"].get<double>(),
      j["charged_kWh"].get<double>(), j["discharged_kWh"].get<double>());
  print_bank(j);
  for (const auto& v : j["violations"]) {
    fmt::print("  VIOLATION at {}: {}\n", sim::clock_text(v["t_s"].get<double>()),
               v["text"].get<std::string>());
  }
  for (const auto& x : j["expectations"]) {
    fmt::print("  {} {} (got {})\n", x["pass"].get<bool>() ? "ok  " : "FAIL",
               x["expect"].get<std::string>(), x["value"].dump());
  }
  fmt::print("  {}\n  report: {}\n", j["passed"].get<bool>() ? "PASSED" : "FAILED",
             (dir / "report.html").string());
}

}  // namespace

sim::Scenario sim_scenario(const SimOptions& o) {
  sim::Scenario s =
      o.scenario_file.empty() ? sim::default_scenario() : sim::load_scenario(o.scenario_file);
  if (o.days) s.days = *o.days;
  if (o.seed) s.seed = *o.seed;
  if (!o.profile.empty()) s.profile = o.profile;
  if (o.packs) s.bank.packs = *o.packs;
  sim::check_expectations(s);
  return s;
}

int run_sim(const SimOptions& o) {
  if (!o.serve.empty()) return run_sim_serve(o);
  const sim::Scenario s = sim_scenario(o);  // a bad file throws before anything is written
  const sim::ProductProfile profile = sim::load_profile(s.profile);
  sim::Simulation simulation(s, profile);
  Progress progress;
  const auto start = Clock::now();
  simulation.run([&](double t, double total) { progress(t, total); });
  const double wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  return finish_sim(o, simulation, wall_s);
}

int finish_sim(const SimOptions& o, const sim::Simulation& simulation, double wall_s) {
  const nlohmann::ordered_json summary = sim::summarize(simulation, wall_s);
  const std::filesystem::path dir = out_dir(o, simulation.scenario());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "summary.json") << summary.dump(2) << '\n';
  sim::write_events_csv(simulation, dir / "events.csv");
  sim::write_trace_csv(simulation, dir / "trace.csv");
  sim::write_report(simulation, summary, dir / "report.html");
  if (o.json) {
    fmt::print("{}\n", summary.dump(2));
  } else {
    print_summary(summary, dir);
  }
  return sim::passed(summary) ? 0 : 1;
}

int list_profiles() {
  for (const auto& name : sim::profile_names()) {
    const sim::ProductProfile p = sim::load_profile(name);
    fmt::print("{:<14} {}S {:>4.0f} Ah  {}\n", name, p.config.series_count, p.capacity_Ah, p.title);
  }
  return 0;
}

}  // namespace lfpbms::app
