// The twin's speed with the firmware in the loop: simulated seconds per wall second for one
// 16S pack at the 100 ms firmware tick (target: 50 000x, a week in 12 s), the firmware tick
// alone, and a bank of N packs on one bus (target: a week of 15 packs in 120 s).
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

// A bank of N packs (each its own firmware, the master polling the others on the internal
// bus), its site scaled with it, warmed up into the first morning: the cost of one 100 ms
// step, and what a week of it takes (`week_s`).
void BM_BankStep(benchmark::State& state) {
  const auto packs = static_cast<int>(state.range(0));
  lfpbms::sim::Scenario scenario = lfpbms::sim::default_scenario();
  scenario.days = 366;
  scenario.bank.packs = packs;
  scenario.site.pv_peak_kW *= packs;
  scenario.site.load_daily_kWh *= packs;
  scenario.site.load_base_W *= packs;
  scenario.inverter.max_charge_A *= packs;
  scenario.inverter.max_discharge_A *= packs;
  const auto profile = lfpbms::sim::load_profile(scenario.profile);
  Simulation sim(scenario, profile);
  for (int i = 0; i < 36000; ++i) sim.step();
  for (auto _ : state) sim.step();  // NOLINT(clang-analyzer-deadcode.DeadStores)
  constexpr double kWeekSteps = 7 * 86400 / lfpbms::sim::kStep_s;
  state.counters["week_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) / kWeekSteps,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["per_pack_ns"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * packs,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_BankStep)
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->Arg(8)
    ->Arg(15)
    ->Arg(32)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime()
    ->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
