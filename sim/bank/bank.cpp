#include "sim/bank/bank.hpp"

#include <cmath>

namespace lfpbms::sim {

namespace {

ProductProfile as_bank_member(const Scenario& s, const ProductProfile& p) {
  ProductProfile out = p;
  out.config = bank_config(s, p);
  return out;
}

TimeMs to_ms(double t_s) {
  return static_cast<TimeMs>(std::llround(t_s * 1000.0));
}

}  // namespace

Bank::Bank(const Scenario& scenario, const ProductProfile& profile, double start_ambient_C,
           Random rng, Recorder& recorder)
    : profile_(as_bank_member(scenario, profile)),
      wiring_(static_cast<std::size_t>(scenario.bank.packs), profile_.config.bank.bus_baud) {
  // The bank's draws from a copy: every pack forks its parts from the same state, so that a
  // lone pack keeps the cells and sensors it always had for its seed.
  const Random draws = Random(rng).fork(5);
  for (const UnitSetup& u : unit_setups(scenario, profile_, start_ambient_C, draws)) {
    const ParamSet params = checked_params(scenario, profile_, u.capacity_Ah);
    units_.push_back(
        std::make_unique<PackUnit>(u, profile_, scenario.sensors, params, rng, wiring_, recorder));
  }
  branches_.resize(units_.size());
  results_.resize(units_.size());
}

void Bank::start() {
  for (auto& u : units_) {
    if (!u->joins_later()) u->start();
  }
}

BusResult Bank::step(const StepInputs& in, const PortState& port) {
  for (std::size_t i = 0; i < units_.size(); ++i) branches_[i] = units_[i]->branch();
  const BusResult r = bus_.step(in.dt_s, in.inverter_A, port, branches_, results_);
  const TimeMs now = to_ms(in.t_end_s);
  for (std::size_t i = 0; i < units_.size(); ++i) {
    units_[i]->last = results_[i];
    units_[i]->board.set_time_ms(now);
    if (units_[i]->due_to_join(in.t_end_s)) units_[i]->start();
  }
  // Each pack on its own: one pass, so that its data stays in the cache. (Two threads were
  // tried here: the bus phase below touches every pack each step, and moving their data
  // between the cores cost more than the second core gave; docs/twin.md, "Speed".)
  const bool charger = port.source_V > 0;
  for (std::size_t i = 0; i < units_.size(); ++i) {
    PackUnit& u = *units_[i];
    u.physics(in.dt_s, in.ambient_C, charger);
    u.tick(now, in.polled && i == 0);
    u.check(in.t_end_s, in.dt_s);
    u.flush_events();
  }
  // The bank nodes after their BMSs, in pack order, then the bus until the next tick.
  wiring_.set_now(in.t_end_s);
  for (auto& u : units_) u->network(now);
  wiring_.bus().run_until(in.t_end_s + in.dt_s - 1e-9);
  for (auto& u : units_) u->flush_events();
  return r;
}

double Bank::usable_soc() const {
  double weighted = 0, total = 0;
  for (const auto& u : units_) {
    weighted += u->usable_soc() * u->capacity_Ah;
    total += u->capacity_Ah;
  }
  return total > 0 ? weighted / total : 0;
}

double Bank::rated_capacity_Ah() const {
  double total = 0;
  for (const auto& u : units_) total += u->capacity_Ah;
  return total;
}

}  // namespace lfpbms::sim
