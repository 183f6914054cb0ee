#include "sim/bank/dc_bus.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace lfpbms::sim {

namespace {
constexpr double kInf = BranchLaw::kInf;
constexpr int kMaxIterations = 100;
constexpr double kRelativeStep = 1e-12;  // the root is found to this fraction of its voltage
constexpr double kBalance_A = 1e-10;     // or to this imbalance of the node's currents
}  // namespace

BusResult DcBus::step(double dt_s, double inverter_A, const PortState& port,
                      std::span<const Branch> branches, std::span<BranchResult> results) {
  assert(branches.size() <= kMaxBranches && results.size() == branches.size());
  prev_V_ = bus_V_;
  c_S_ = p_.link_F / dt_s;
  short_S_ = port.short_mOhm > 0 ? 1000 / port.short_mOhm : 0.0;
  reverse_S_ = port.reverse_V > 0 ? 1000 / p_.reverse_lead_mOhm : 0.0;
  reverse_V_ = port.reverse_V;
  std::fill(results.begin(), results.end(), BranchResult{});
  BusResult out;
  double v = 0;
  // Each trip takes a branch out (or down to what its welded FETs pass): solve again.
  for (int trips = 1; trips > 0; out.trips += trips) {
    load_laws(branches);
    v = settle(inverter_A, port.source_V);
    trips = judge(v, branches, results);
  }
  bus_V_ = v;
  report(v, branches, results, out);
  return out;
}

// The branches that can pass current in some direction; the rest carry nothing at any voltage.
void DcBus::load_laws(std::span<const Branch> branches) {
  count_ = 0;
  battery_ = false;
  bool precharging = false;
  for (std::size_t i = 0; i < branches.size(); ++i) {
    const Branch& b = branches[i];
    if (!b.connected) continue;
    BranchLaw& law = laws_[count_];
    law = b.path->law(b.pack_V, b.pack_ohm + b.cable_ohm);
    if (law.charge_above_V == kInf && law.discharge_below_V == -kInf) continue;
    battery_ = battery_ || law.delivers;
    precharging = precharging || law.precharges;
    branch_of_[count_++] = i;
  }
  // Against the 100 ohm pre-charge resistor the link's 3 kohm leak would hold it 3 % short of
  // the pack, beyond the firmware's done level (125 mV/cell), and every pre-charge would time
  // out; what matters of the leak is the link decaying when nothing feeds it, so it pauses.
  leak_S_ = precharging ? 0.0 : idle_S_;
}

// The bus voltage for the inverter's wish. Charging, it is a current source that cannot lift
// the bus above its voltage, and holding that voltage it supplies what its own link needs to
// get there. Discharging, it draws only while a pack can deliver through a closed discharge
// FET (with none, its under-voltage lock-out keeps it off: no pre-charge could win against it),
// and never pulls the bus below zero.
double DcBus::settle(double inverter_A, double source_V) const {
  const double want_A = inverter_A < 0 && !battery_ ? 0.0 : inverter_A;
  if (want_A >= 0 && source_V > 0) {
    const double can_A = std::max(want_A, std::max(link_A(source_V), 0.0));
    const double at_source_A = balance_A(source_V);
    if (at_source_A < 0) return root(0, source_V, kInf);  // the packs hold the bus above it
    if (at_source_A <= can_A) return source_V;
    return root(can_A, -kInf, source_V);
  }
  const double v = root(want_A, -kInf, kInf);
  if (want_A >= 0 || v >= 0) return v;
  if (balance_A(0) <= 0) return 0;  // the inverter takes what the bus gives at 0 V
  return root(0, -kInf, 0);         // a reversed source pulls it negative
}

double DcBus::balance_A(double v) const {
  double a = link_A(v) + short_S_ * v + reverse_S_ * (v + reverse_V_);
  for (std::size_t k = 0; k < count_; ++k) a += laws_[k].current_A(v);
  return a;
}

double DcBus::slope_S(double v, bool below) const {
  double s = c_S_ + leak_S_ + short_S_ + reverse_S_;
  for (std::size_t k = 0; k < count_; ++k) s += laws_[k].slope_S(v, below);
  return s;
}

// Whether no law bends strictly between a and b (a < b): the balance is one line there.
bool DcBus::straight(double a, double b) const {
  auto inside = [a, b](double kink) { return a < kink && kink < b; };
  for (std::size_t k = 0; k < count_; ++k) {
    const BranchLaw& law = laws_[k];
    if (inside(law.discharge_below_V) || inside(law.charge_above_V) || inside(law.charge_knee_V)) {
      return false;
    }
  }
  return true;
}

// balance_A(v) = target_A on [lo_V, hi_V]. The balance is piecewise linear and increasing (the
// capacitor alone sees to that), so a Newton step that stays on one piece lands on the root;
// steps that leave the bracket are replaced by bisection.
double DcBus::root(double target_A, double lo_V, double hi_V) const {
  double v = std::clamp(prev_V_, lo_V, hi_V);
  for (int i = 0; i < kMaxIterations; ++i) {
    const double f = balance_A(v) - target_A;
    if (std::abs(f) <= kBalance_A) return v;
    const bool below = f > 0;
    (below ? hi_V : lo_V) = v;
    const double next = v - f / slope_S(v, below);
    if (below ? straight(next, v) : straight(v, next)) return next;
    if (std::abs(next - v) <= kRelativeStep * (1 + std::abs(v))) return next;
    // Out of the bracket only past a finite bound (v itself is the other): bisect.
    v = next > lo_V && next < hi_V ? next : 0.5 * (lo_V + hi_V);
  }
  return v;
}

// The comparators see each branch's larger current of the step's two ends: at its start the
// capacitor still holds the bus where it was (the in-rush of a FET closing onto a bus far from
// its pack), at its end the bus has settled. Returns how many tripped.
int DcBus::judge(double v, std::span<const Branch> branches, std::span<BranchResult> results) {
  int trips = 0;
  for (std::size_t k = 0; k < count_; ++k) {
    const std::size_t i = branch_of_[k];
    const double start_A = laws_[k].current_A(prev_V_);
    const double end_A = laws_[k].current_A(v);
    const double peak_A = std::abs(start_A) > std::abs(end_A) ? start_A : end_A;
    end_A_[k] = end_A;
    peak_A_[k] = std::abs(peak_A);
    if (!branches[i].path->sense(peak_A)) continue;
    results[i].short_trip = true;
    results[i].peak_A = std::abs(peak_A);
    ++trips;
  }
  return trips;
}

void DcBus::report(double v, std::span<const Branch> branches, std::span<BranchResult> results,
                   BusResult& out) const {
  for (std::size_t i = 0; i < branches.size(); ++i) {
    const Branch& b = branches[i];
    // Off the bus, the terminals see the cells through a closed discharge FET, else nothing.
    results[i].terminal_V = b.connected ? v : (b.path->discharge_closed() ? b.pack_V : 0.0);
  }
  for (std::size_t k = 0; k < count_; ++k) {
    const Branch& b = branches[branch_of_[k]];
    BranchResult& r = results[branch_of_[k]];
    // The last pass tripped nothing: judge() saw these laws at v.
    r.current_A = end_A_[k];
    r.terminal_V = v - r.current_A * b.cable_ohm;
    r.fet_heat_W = b.path->heat_W(r.current_A, b.pack_V);
    if (!r.short_trip) r.peak_A = peak_A_[k];
    out.packs_A += r.current_A;
  }
  out.bus_V = v;
  out.link_A = link_A(v);
  out.fault_A = short_S_ * v + reverse_S_ * (v + reverse_V_);
  out.inverter_A = out.packs_A + out.link_A + out.fault_A;
}

}  // namespace lfpbms::sim
