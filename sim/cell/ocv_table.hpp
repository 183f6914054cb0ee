#pragma once
// The measured LFP open-circuit-voltage table (generated into ocv_table.cpp by
// tools/gen-ocv-table.py) and its bilinear lookup. The SOC nodes are uneven (dense at the knees,
// sparse on the plateau) but all lie on a 0.005 lattice, so a compile-time map from lattice
// cell to node interval replaces any search: a lookup is index arithmetic and a few loads.
#include <array>
#include <cstddef>
#include <cstdint>

namespace lfpbms::sim::ocv {

inline constexpr double kSocMin = -0.03;  // the table's ends: knees included
inline constexpr double kSocMax = 1.03;
inline constexpr double kLatticeStep = 0.005;
inline constexpr int kLatticeCells = 212;  // (kSocMax - kSocMin) / kLatticeStep
inline constexpr double kTemperatureMin_C = -25.0;
inline constexpr double kTemperatureStep_C = 10.0;
inline constexpr int kTemperatures = 8;  // -25...45 °C
inline constexpr double kTemperatureMax_C =
    kTemperatureMin_C + kTemperatureStep_C * (kTemperatures - 1);

// Rows of `nodes` voltages per temperature, coldest first.
struct Table {
  const double* soc;
  const double* charge_V;
  const double* discharge_V;
  const std::uint8_t* node_of_cell;  // lattice cell -> index of the node at or below it
  const double* inverse_width;       // 1 / (soc[i + 1] - soc[i]): no division per lookup
  int nodes;
};
extern const Table kTable;

constexpr int lattice_index(double soc) {
  // Non-negative by the clamp before: truncating x + 0.5 rounds to the nearest node.
  const double x = (soc - kSocMin) / kLatticeStep;
  return static_cast<int>(x + 0.5);  // NOLINT(bugprone-incorrect-roundings)
}

template <std::size_t N>
constexpr std::array<std::uint8_t, kLatticeCells> node_of_cell(const std::array<double, N>& soc) {
  static_assert(N >= 2 && N < 256);
  std::array<std::uint8_t, kLatticeCells> map{};
  std::size_t node = 0;
  for (int cell = 0; cell < kLatticeCells; ++cell) {
    while (node + 2 < N && lattice_index(soc[node + 1]) <= cell) ++node;
    map[static_cast<std::size_t>(cell)] = static_cast<std::uint8_t>(node);
  }
  return map;
}

template <std::size_t N>
constexpr std::array<double, N - 1> inverse_widths(const std::array<double, N>& soc) {
  std::array<double, N - 1> inverse{};
  for (std::size_t i = 0; i + 1 < N; ++i) inverse[i] = 1.0 / (soc[i + 1] - soc[i]);
  return inverse;
}

// Where a temperature falls between the table's rows (clamped to -25...45 °C).
struct TemperaturePoint {
  int row = 0;
  double weight = 0.0;  // of row + 1
};

// Where a SOC falls between the nodes (clamped to the table's ends).
struct SocPoint {
  int node = 0;
  double weight = 0.0;  // of node + 1
};

inline TemperaturePoint temperature_point(double temperature_C) {
  double x = (temperature_C - kTemperatureMin_C) / kTemperatureStep_C;
  x = x < 0.0 ? 0.0 : (x > kTemperatures - 1 ? kTemperatures - 1 : x);
  int row = static_cast<int>(x);
  if (row > kTemperatures - 2) row = kTemperatures - 2;
  return {row, x - row};
}

inline SocPoint soc_point(double soc) {
  soc = soc < kSocMin ? kSocMin : (soc > kSocMax ? kSocMax : soc);
  int cell = static_cast<int>((soc - kSocMin) * (1.0 / kLatticeStep));
  if (cell > kLatticeCells - 1) cell = kLatticeCells - 1;
  const int node = kTable.node_of_cell[cell];
  return {node, (soc - kTable.soc[node]) * kTable.inverse_width[node]};
}

// One branch (`rows` = kTable.charge_V or discharge_V), bilinear in SOC and temperature.
inline double branch_V(const double* rows, TemperaturePoint t, SocPoint s) {
  const double* cold = rows + static_cast<std::ptrdiff_t>(t.row) * kTable.nodes + s.node;
  const double* warm = cold + kTable.nodes;
  const double v_cold = cold[0] + s.weight * (cold[1] - cold[0]);
  const double v_warm = warm[0] + s.weight * (warm[1] - warm[0]);
  return v_cold + t.weight * (v_warm - v_cold);
}

// Both branches at one temperature between two neighbouring nodes, where they are linear in
// SOC. A cell keeps its segment while its SOC stays inside (SOC moves by ppm per step), so a
// step costs a comparison and a few multiplications instead of a table lookup.
struct Segment {
  double soc_lo = 1.0;  // valid for soc_lo <= soc < soc_hi; empty until filled
  double soc_hi = 0.0;
  double soc_ref = 0.0;  // where the values below apply
  double mean_V = 0.0;   // of the charge and discharge branch
  double mean_per_soc = 0.0;
  double half_gap_V = 0.0;  // (charge - discharge) / 2
  double half_gap_per_soc = 0.0;

  bool contains(double soc) const { return soc >= soc_lo && soc < soc_hi; }
  // `branch` -1 discharge, 0 mean, +1 charge; beyond ±1 the gap is extrapolated (a scaled
  // hysteresis).
  double voltage_V(double soc, double branch) const {
    const double x = soc - soc_ref;
    return mean_V + mean_per_soc * x + branch * (half_gap_V + half_gap_per_soc * x);
  }
};

// The segment holding `soc`; outside the table a flat one that holds the end value.
Segment segment(TemperaturePoint t, double soc);

}  // namespace lfpbms::sim::ocv
