#pragma once
// From a scenario to the packs of its bank: each pack's capacity, age, initial SOC, cable and
// address switch, drawn around the scenario's values and overridden by [[bank.pack]], and the
// settings its firmware gets (the profile's and the scenario's over the defaults, for its own
// capacity, checked as one batch as a host write would be).
#include <vector>

#include "sim/bank/pack_unit.hpp"
#include "sim/core/random.hpp"
#include "sim/profile/product_profile.hpp"
#include "sim/scenario/scenario.hpp"

namespace lfpbms::sim {

// Throws ScenarioError when the bank does not fit the profile (too many packs).
std::vector<UnitSetup> unit_setups(const Scenario& scenario, const ProductProfile& profile,
                                   double start_ambient_C, Random rng);

// The profile's firmware build as a bank member: how it is addressed, how many packs its bank
// may hold, which product it is.
PackConfig bank_config(const Scenario& scenario, const ProductProfile& profile);

// Throws ScenarioError naming the scenario's line when the firmware would refuse a setting.
ParamSet checked_params(const Scenario& scenario, const ProductProfile& profile,
                        double capacity_Ah);

}  // namespace lfpbms::sim
