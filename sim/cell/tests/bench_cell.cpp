// The cost of LfpCell::step in a steady state (the pack steps 16 cells every 100 ms).
// Run: build-dir/sim/cell/bench_cell
#include <benchmark/benchmark.h>

#include <vector>

#include "sim/cell/lfp_cell.hpp"

namespace lfpbms::sim {
namespace {

void BM_cell_step(benchmark::State& state) {
  LfpCell cell(CellParams{}, 0.5);
  // A slow triangle of current and a slowly drifting temperature, like a day of cycling.
  double current_A = 0.0;
  double slope_A = 0.01;
  double temperature_C = 25.0;
  for (auto _ : state) {
    cell.step(current_A, 0.1, temperature_C);
    benchmark::DoNotOptimize(cell.internal_V());
    current_A += slope_A;
    if (current_A > 100.0 || current_A < -100.0) slope_A = -slope_A;
    temperature_C += 1e-5;
  }
}
BENCHMARK(BM_cell_step);

void BM_sixteen_cells(benchmark::State& state) {
  std::vector<LfpCell> cells(16, LfpCell(CellParams{}, 0.5));
  double current_A = 0.0;
  double slope_A = 0.01;
  for (auto _ : state) {
    double v = 0.0;
    for (auto& cell : cells) {
      cell.step(current_A, 0.1, 25.0);
      v += cell.internal_V();
    }
    benchmark::DoNotOptimize(v);
    current_A += slope_A;
    if (current_A > 100.0 || current_A < -100.0) slope_A = -slope_A;
  }
  state.SetItemsProcessed(state.iterations() * 16);
}
BENCHMARK(BM_sixteen_cells);

void BM_ocv_lookup(benchmark::State& state) {
  double soc = 0.0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(lfp_ocv_V(soc, 21.3, 0.3));
    soc += 1e-4;
    if (soc > 1.0) soc = 0.0;
  }
}
BENCHMARK(BM_ocv_lookup);

}  // namespace
}  // namespace lfpbms::sim

BENCHMARK_MAIN();
