// `lfpbms sim --serve`: the twin's packs on a TCP port or a pseudo-terminal, in real time (or
// `--speed` times it), so host tools - lfpbms's own and third-party PACE monitors - can be
// tried against a bank with nothing plugged in.
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>

#include "commands.hpp"
#include "host/serve/pack_server.hpp"
#include "host/serve/simulated_packs.hpp"
#include "sim/profile/product_profile.hpp"
#include "sim_run.hpp"

namespace lfpbms::app {

namespace {

using Clock = std::chrono::steady_clock;

volatile std::sig_atomic_t stop_requested = 0;
volatile std::sig_atomic_t power_cut_requested = 0;

void request_stop(int) {
  stop_requested = 1;
}

void request_power_cut(int) {
  power_cut_requested = 1;
}

// SIGINT and SIGTERM end the run the normal way: outputs written, symlink removed. SIGUSR1 cuts
// every pack's BMS supply for a moment: each firmware starts again from its flash.
void catch_signals() {
  struct sigaction action {};
  sigemptyset(&action.sa_mask);
  action.sa_handler = request_stop;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  action.sa_handler = request_power_cut;
  sigaction(SIGUSR1, &action, nullptr);
}

void cut_power_if_asked(host::SimulatedPacks& packs) {
  if (power_cut_requested == 0) return;
  power_cut_requested = 0;
  for (std::size_t i = 0; i < packs.size(); ++i) packs.power_cycle(i);
  fmt::print("power cut: {} pack(s) restarted from their flash\n", packs.size());
  std::fflush(stdout);
}

// Serves the bus until wall time reaches `due`, waking now and then to notice a signal.
void serve_until(host::PackServer& server, Clock::time_point due) {
  server.poll();
  for (auto now = Clock::now(); now < due && stop_requested == 0; now = Clock::now()) {
    server.run_until(std::min(due, now + std::chrono::milliseconds(100)));
  }
}

}  // namespace

int run_sim_serve(const SimOptions& o) {
  const sim::Scenario s = sim_scenario(o);  // a bad file throws before anything is served
  const sim::ProductProfile profile = sim::load_profile(s.profile);
  host::PackServer server(o.serve, o.baud);
  host::SimulatedPacks packs(s, profile, static_cast<std::size_t>(s.bank.packs), server.port());
  server.add_receiver([&packs](const char* data, std::size_t n) { packs.receive(data, n); });
  catch_signals();
  if (!packs.boot()) fmt::print(stderr, "lfpbms: warning: some packs have no bank address yet\n");
  fmt::print("serving {} pack(s) on {}\n", packs.size(), server.describe());
  std::fflush(stdout);  // a script or test waits for this line

  const auto start = Clock::now();
  const double start_s = packs.t_s();
  while (stop_requested == 0 && !packs.finished()) {
    cut_power_if_asked(packs);
    packs.step();
    if (!o.truth.empty() && std::fmod(packs.t_s() + 1e-6, 1.0) < 0.05) packs.write_truth(o.truth);
    const std::chrono::duration<double> due_s((packs.t_s() - start_s) / o.speed);
    serve_until(server, start + std::chrono::duration_cast<Clock::duration>(due_s));
  }
  const double wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  const int verdict = finish_sim(o, packs.simulation(), wall_s);
  return stop_requested != 0 ? 0 : verdict;  // stopped early: the expectations do not apply
}

}  // namespace lfpbms::app
