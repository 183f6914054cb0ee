#include "sim/faults/fault_schedule.hpp"

#include <algorithm>
#include <limits>

namespace lfpbms::sim {

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();
constexpr double kDefaultShort_mOhm = 5.0;
}  // namespace

FaultSchedule::FaultSchedule(std::vector<FaultEvent> faults)
    : faults_(std::move(faults)), active_(faults_.size(), false) {}

// A button press lasts as long as it is held; other faults last `duration_s` (0: to the end).
double FaultSchedule::end_s(const FaultEvent& f) const {
  const double d = f.kind == FaultKind::ButtonPress && f.duration_s == 0 ? f.value : f.duration_s;
  return d > 0 ? f.at_s + d : kNever;
}

void FaultSchedule::update(double t_s, FaultTargets& targets, std::vector<FaultChange>& changes) {
  if (t_s < next_change_s_) return;
  next_change_s_ = kNever;
  const std::size_t before = changes.size();
  // Ends first, then starts; then every active fault acts again, so that one ending does not
  // undo another of its kind that starts as it ends or overlaps it, whatever the file order.
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < faults_.size(); ++i) {
      const FaultEvent& f = faults_[i];
      const bool on = t_s >= f.at_s && t_s < end_s(f);
      if (on != active_[i] && on == (pass == 1)) {
        active_[i] = on;
        if (!on) apply(f, false, targets);
        changes.push_back({t_s, &f, on});
      }
      if (t_s < f.at_s) next_change_s_ = std::min(next_change_s_, f.at_s);
      if (t_s < end_s(f)) next_change_s_ = std::min(next_change_s_, end_s(f));
    }
  }
  if (changes.size() == before) return;
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    if (active_[i]) apply(faults_[i], true, targets);
  }
}

bool acts_in_pack(FaultKind kind) {
  switch (kind) {
    case FaultKind::ChargerOverVoltage:
    case FaultKind::LoadSurge:
    case FaultKind::ShortCircuit:
    case FaultKind::ReverseConnection:
    case FaultKind::ChargerFailure:
    case FaultKind::LinkDown:
      return false;
    default:
      return true;
  }
}

void FaultSchedule::apply(const FaultEvent& f, bool on, FaultTargets& t) {
  if (apply_to_pack(f, on, t.packs.at(static_cast<std::size_t>(f.pack - 1)))) return;
  switch (f.kind) {
    case FaultKind::ChargerOverVoltage:
      t.inverter->over_voltage_V = on ? f.value : 0.0;
      break;
    case FaultKind::LoadSurge:
      t.surge_A = on ? f.value : 0.0;
      break;
    case FaultKind::ShortCircuit:
      t.port->short_mOhm = on ? (f.value > 0 ? f.value : kDefaultShort_mOhm) : 0.0;
      break;
    case FaultKind::ReverseConnection:
      t.port->reverse_V = on ? f.value : 0.0;
      break;
    case FaultKind::ChargerFailure:
      t.inverter->charger_failed = on;
      break;
    case FaultKind::LinkDown:
      t.link_down = on;
      break;
    default:
      break;
  }
}

// A fault in one pack: a cell, a sensor, a FET, its button, its cables. False for the others.
bool FaultSchedule::apply_to_pack(const FaultEvent& f, bool on, PackTargets& t) {
  const auto i = static_cast<std::size_t>(f.target - 1);
  switch (f.kind) {
    case FaultKind::CellLeak:
      t.pack->cell(i).set_leak_A(on ? f.value : 0.0);
      return true;
    case FaultKind::NtcOpen:
      t.sensors->ntc_open[i] = on;
      return true;
    case FaultKind::NtcShort:
      t.sensors->ntc_short[i] = on;
      return true;
    case FaultKind::CellLineOpen: {
      const auto bit = static_cast<std::uint16_t>(1u << i);
      t.sensors->open_lines = static_cast<std::uint16_t>(on ? t.sensors->open_lines | bit
                                                            : t.sensors->open_lines & ~bit);
      return true;
    }
    case FaultKind::CurrentStuck:
      t.sensors->current_stuck = on;
      return true;
    case FaultKind::CurrentOffset:
      t.sensors->current_offset_A = on ? f.value : 0.0;
      return true;
    case FaultKind::FetStuck:
      if (f.target == 1) {
        t.path->set_stuck_charge(on);
      } else {
        t.path->set_stuck_discharge(on);
      }
      return true;
    case FaultKind::ButtonPress:
      t.button = on;
      return true;
    case FaultKind::BusCableCut:
      t.bus_cable_cut = on;
      return true;
    case FaultKind::DcDisconnect:
      t.dc_disconnected = on;
      return true;
    default:
      return false;
  }
}

}  // namespace lfpbms::sim
