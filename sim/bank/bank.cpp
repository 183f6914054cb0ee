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
  for (const UnitSetup& u : unit_setups(scenario, profile_, start_ambient_C, rng.fork(5))) {
    const ParamSet params = checked_params(scenario, profile_, u.capacity_Ah);
    units_.push_back(std::make_unique<PackUnit>(u, profile_, scenario.sensors, params, rng,
                                                wiring_, recorder));
  }
  branches_.resize(units_.size());
  results_.resize(units_.size());
}

void Bank::start() {
  for (auto& u : units_) {
    if (!u->joins_later()) u->start();
  }
}

BusResult Bank::step(double dt_s, double inverter_A, const PortState& port, double ambient_C) {
  for (std::size_t i = 0; i < units_.size(); ++i) branches_[i] = units_[i]->branch();
  const BusResult r = bus_.step(dt_s, inverter_A, port, branches_, results_);
  const bool charger = port.source_V > 0;
  for (std::size_t i = 0; i < units_.size(); ++i) {
    units_[i]->last = results_[i];
    units_[i]->physics(dt_s, ambient_C, charger);
  }
  return r;
}

void Bank::firmware(double t_s, double dt_s, bool polled) {
  const TimeMs now = to_ms(t_s);
  for (auto& u : units_) {
    if (u->due_to_join(t_s)) u->start();
    u->tick(now, polled && u->index == 0);
  }
  // The bank nodes after their BMSs, in pack order, then the bus until the next tick.
  wiring_.set_now(t_s);
  for (auto& u : units_) u->network(now);
  wiring_.bus().run_until(t_s + dt_s - 1e-9);
}

void Bank::check(double t_s, double dt_s) {
  for (auto& u : units_) u->check(t_s, dt_s);
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
