#pragma once
// The packs of one bank in the twin (SPEC §6): each its own cells, firmware and cable, all on
// one DC bus with the inverter (the current splits by the circuit, PA-4) and on one internal
// bus with each other (the master polls the slaves, PA-2). A pack with `joins_at` is plugged
// in and switched on only then. The inverter is cabled to the first pack.
#include <memory>
#include <vector>

#include "sim/bank/bank_setup.hpp"
#include "sim/bank/bank_wiring.hpp"
#include "sim/bank/dc_bus.hpp"
#include "sim/bank/pack_unit.hpp"

namespace lfpbms::sim {

class Bank {
 public:
  // Throws ScenarioError when the bank or a pack's settings do not fit the profile.
  Bank(const Scenario& scenario, const ProductProfile& profile, double start_ambient_C, Random rng,
       Recorder& recorder);

  void start();  // the packs there from the beginning: firmware configured and started
  // One step of `dt_s` that ends at `t_end_s`: the inverter moves `inverter_A` within `port`,
  // the bus shares it out; packs due join; then each pack's cells, heat, firmware tick and
  // safety monitor; then the bank nodes talk until the next tick. `polled`: the inverter asks
  // its pack at this tick.
  struct StepInputs {
    double dt_s, t_end_s, inverter_A, ambient_C;
    bool polled;
  };
  BusResult step(const StepInputs& in, const PortState& port);

  std::size_t size() const { return units_.size(); }
  PackUnit& unit(std::size_t i) { return *units_[i]; }
  const PackUnit& unit(std::size_t i) const { return *units_[i]; }
  PackUnit& inverter_pack() { return *units_.front(); }
  const PackUnit& inverter_pack() const { return *units_.front(); }
  double bus_V() const { return bus_.bus_V(); }
  const BankWiring& wiring() const { return wiring_; }
  const ProductProfile& profile() const { return profile_; }
  // True SOC over the bank: each pack's usable SOC weighted by its rated capacity.
  double usable_soc() const;
  double rated_capacity_Ah() const;

 private:
  ProductProfile profile_;  // the build every pack runs: bank_config()
  BankWiring wiring_;
  DcBus bus_;
  std::vector<std::unique_ptr<PackUnit>> units_;
  std::vector<Branch> branches_;
  std::vector<BranchResult> results_;
};

}  // namespace lfpbms::sim
