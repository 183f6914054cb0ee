#include <limits>

#include "sim/cell/lfp_cell.hpp"
#include "sim/cell/ocv_table.hpp"

namespace lfpbms::sim {

namespace ocv {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

Segment flat(TemperaturePoint t, double soc_end, double soc_lo, double soc_hi) {
  const SocPoint p = soc_point(soc_end);
  const double charge_V = branch_V(kTable.charge_V, t, p);
  const double discharge_V = branch_V(kTable.discharge_V, t, p);
  return {
      soc_lo, soc_hi, soc_end, 0.5 * (charge_V + discharge_V), 0.0, 0.5 * (charge_V - discharge_V),
      0.0};
}

}  // namespace

Segment segment(TemperaturePoint t, double soc) {
  if (soc < kSocMin) return flat(t, kSocMin, -kInfinity, kSocMin);
  if (soc >= kSocMax) return flat(t, kSocMax, kSocMax, kInfinity);
  const int node = soc_point(soc).node;
  const SocPoint lo{node, 0.0};
  const SocPoint hi{node, 1.0};
  const double charge_lo_V = branch_V(kTable.charge_V, t, lo);
  const double charge_hi_V = branch_V(kTable.charge_V, t, hi);
  const double discharge_lo_V = branch_V(kTable.discharge_V, t, lo);
  const double discharge_hi_V = branch_V(kTable.discharge_V, t, hi);
  const double per_soc = kTable.inverse_width[node];
  Segment s;
  s.soc_lo = kTable.soc[node];
  s.soc_hi = kTable.soc[node + 1];
  s.soc_ref = s.soc_lo;
  s.mean_V = 0.5 * (charge_lo_V + discharge_lo_V);
  s.mean_per_soc =
      0.5 * ((charge_hi_V + discharge_hi_V) - (charge_lo_V + discharge_lo_V)) * per_soc;
  s.half_gap_V = 0.5 * (charge_lo_V - discharge_lo_V);
  s.half_gap_per_soc =
      0.5 * ((charge_hi_V - discharge_hi_V) - (charge_lo_V - discharge_lo_V)) * per_soc;
  return s;
}

}  // namespace ocv

double lfp_ocv_V(double soc, double temperature_C, double branch) {
  return ocv::segment(ocv::temperature_point(temperature_C), soc).voltage_V(soc, branch);
}

}  // namespace lfpbms::sim
