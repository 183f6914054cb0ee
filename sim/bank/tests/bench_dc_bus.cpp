// The cost of DcBus::step for 1, 15 and 32 packs in a steady bank, the inverter's current
// sweeping slowly between charge and discharge as over a day.
// Run: build-dir/sim/bank/bench_dc_bus
#include <benchmark/benchmark.h>

#include <vector>

#include "sim/bank/dc_bus.hpp"

namespace lfpbms::sim {
namespace {

void BM_dc_bus_step(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<PowerPath> paths(n);
  std::vector<Branch> branches(n);
  std::vector<BranchResult> results(n);
  hal::SwitchCommand pre;
  pre.charge_fet = pre.precharge = true;
  hal::SwitchCommand closed;
  closed.charge_fet = closed.discharge_fet = true;
  for (std::size_t i = 0; i < n; ++i) {
    paths[i].command(pre);
    const double x = static_cast<double>(i);
    branches[i] = {&paths[i], 51.2 + 0.01 * x, 0.009 * (1 + 0.02 * x), 0.0015, true};
  }
  DcBus bus;
  for (int i = 0; i < 200; ++i) bus.step(0.1, 0.0, {}, branches, results);
  for (auto& p : paths) p.command(closed);

  const double max_A = 60.0 * static_cast<double>(n);
  double request_A = 0.0;
  double slope_A = max_A / 3000.0;
  PortState port;
  for (auto _ : state) {
    port.source_V = request_A > 0 ? 56.0 : 0.0;
    const BusResult r = bus.step(0.1, request_A, port, branches, results);
    benchmark::DoNotOptimize(r.bus_V);
    request_A += slope_A;
    if (request_A > max_A || request_A < -max_A) slope_A = -slope_A;
    // The cells move a little every step.
    for (auto& b : branches) b.pack_V += slope_A * 1e-6;
  }
}
BENCHMARK(BM_dc_bus_step)->Arg(1)->Arg(15)->Arg(32);

}  // namespace
}  // namespace lfpbms::sim

BENCHMARK_MAIN();
