// The twin's speed with the firmware in the loop: simulated seconds per wall second for one
// 16S pack at the 100 ms firmware tick (target: 50 000x, a week in 12 s), and the firmware
// tick alone.
#include <benchmark/benchmark.h>

#include "sim/profile/product_profile.hpp"
#include "sim/runner/simulation.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

using lfpbms::sim::Simulation;

// One simulated day of the demo, from power-on; reports the speed-up as a counter.
void BM_TwinDay(benchmark::State& state) {
  lfpbms::sim::Scenario scenario = lfpbms::sim::default_scenario();
  scenario.days = 1;
  const auto profile = lfpbms::sim::load_profile(scenario.profile);
  double simulated_s = 0;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    Simulation sim(scenario, profile);
    sim.run();
    simulated_s += sim.t_s();
    benchmark::DoNotOptimize(sim.recorder().stats().charged_Wh);
  }
  state.counters["speedup"] = benchmark::Counter(simulated_s, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TwinDay)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();

// The twin's step alone, warmed up: the cost of 100 ms of simulated time.
void BM_TwinStep(benchmark::State& state) {
  lfpbms::sim::Scenario scenario = lfpbms::sim::default_scenario();
  scenario.days = 366;
  const auto profile = lfpbms::sim::load_profile(scenario.profile);
  Simulation sim(scenario, profile);
  for (int i = 0; i < 36000; ++i) sim.step();  // past the start-up, into the first morning
  for (auto _ : state) sim.step();             // NOLINT(clang-analyzer-deadcode.DeadStores)
  state.counters["speedup"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * lfpbms::sim::kStep_s, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TwinStep)->Unit(benchmark::kNanosecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
