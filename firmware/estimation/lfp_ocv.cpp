#include "estimation/lfp_ocv.hpp"

#include "estimation/lfp_ocv_table.hpp"

namespace lfpbms {

namespace {

constexpr float kVoltsPer100uV = 1e-4f;

// The two table rows around a temperature and the weight of the warmer one.
struct TemperatureBlend {
  int row = 0;
  float w = 0;
};

TemperatureBlend blend_of(float temperature_C) {
  float x = (temperature_C - ocv::kTemperatureMin_C) / ocv::kTemperatureStep_C;
  if (x < 0.0f) x = 0.0f;
  if (x > static_cast<float>(ocv::kTemperatures - 1))
    x = static_cast<float>(ocv::kTemperatures - 1);
  int row = static_cast<int>(x);
  if (row > ocv::kTemperatures - 2) row = ocv::kTemperatures - 2;
  return {row, x - static_cast<float>(row)};
}

float at(const std::uint16_t* table, const TemperatureBlend& t, int node) {
  const float a = table[t.row * ocv::kNodes + node];
  const float b = table[(t.row + 1) * ocv::kNodes + node];
  return (a + t.w * (b - a)) * kVoltsPer100uV;
}

struct NodeVolts {
  float V;
  float half_gap_V;
};

NodeVolts node_V(const TemperatureBlend& t, int node, float branch) {
  const float c = at(ocv::kCharge_100uV, t, node);
  const float d = at(ocv::kDischarge_100uV, t, node);
  const float half = 0.5f * (c - d);
  return {0.5f * (c + d) + branch * half, half};
}

float node_soc(int node) {
  return static_cast<float>(ocv::kSoc_pptt[node]) * 1e-4f;
}

// The node at or below `soc`, 0...kNodes-2 (binary search: the nodes are uneven).
int segment_of(float soc) {
  int lo = 0;
  int hi = ocv::kNodes - 1;
  while (hi - lo > 1) {
    const int mid = (lo + hi) / 2;
    if (node_soc(mid) <= soc) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace

OcvPoint lfp_ocv(float soc, float temperature_C, float branch) {
  if (soc < 0.0f) soc = 0.0f;
  if (soc > 1.0f) soc = 1.0f;
  const TemperatureBlend t = blend_of(temperature_C);
  const int i = segment_of(soc);
  const NodeVolts a = node_V(t, i, branch);
  const NodeVolts b = node_V(t, i + 1, branch);
  const float width = node_soc(i + 1) - node_soc(i);
  const float w = (soc - node_soc(i)) / width;
  OcvPoint p;
  p.V = a.V + w * (b.V - a.V);
  p.dV_dsoc = (b.V - a.V) / width;
  p.half_gap_V = a.half_gap_V + w * (b.half_gap_V - a.half_gap_V);
  return p;
}

// Binary search over the nodes (the curve rises with SOC at every temperature and branch), then
// linear between the two around the voltage: a few dozen operations, cheap enough for every cell.
float lfp_soc_from_ocv(float cell_V, float temperature_C, float branch) {
  const TemperatureBlend t = blend_of(temperature_C);
  if (cell_V <= node_V(t, 0, branch).V) return 0.0f;
  if (cell_V >= node_V(t, ocv::kNodes - 1, branch).V) return 1.0f;
  int lo = 0;
  int hi = ocv::kNodes - 1;
  while (hi - lo > 1) {
    const int mid = (lo + hi) / 2;
    if (node_V(t, mid, branch).V <= cell_V) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  const float a = node_V(t, lo, branch).V;
  const float b = node_V(t, hi, branch).V;
  const float w = b > a ? (cell_V - a) / (b - a) : 0.0f;
  return node_soc(lo) + w * (node_soc(hi) - node_soc(lo));
}

void lfp_ocv_curve(float temperature_C, float branch, OcvCurve& out) {
  static_assert(sizeof(out.V) / sizeof(out.V[0]) == ocv::kNodes, "one voltage per node");
  const TemperatureBlend t = blend_of(temperature_C);
  for (int i = 0; i < ocv::kNodes; ++i) out.V[i] = node_V(t, i, branch).V;
}

float lfp_soc_on_curve(const OcvCurve& curve, float cell_V) {
  if (cell_V <= curve.V[0]) return 0.0f;
  if (cell_V >= curve.V[ocv::kNodes - 1]) return 1.0f;
  int lo = 0;
  int hi = ocv::kNodes - 1;
  while (hi - lo > 1) {
    const int mid = (lo + hi) / 2;
    if (curve.V[mid] <= cell_V) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  const float a = curve.V[lo];
  const float b = curve.V[hi];
  const float w = b > a ? (cell_V - a) / (b - a) : 0.0f;
  return node_soc(lo) + w * (node_soc(hi) - node_soc(lo));
}

}  // namespace lfpbms
