#include "sim/bank/bank_setup.hpp"

#include <algorithm>

#include "core/crc32.hpp"

namespace lfpbms::sim {

namespace {

constexpr double kMinCable_mOhm = 0.1;
constexpr double kMinSoh_pct = 50.0;
constexpr int kDipAddresses = 15;

std::string param_label(ParamId id) {
  return id == ParamId::None ? std::string("?") : std::string(param_def(id).name);
}

const BankPackSetup* override_for(const Scenario& s, std::size_t index) {
  for (const auto& p : s.bank.packs_setup) {
    if (p.index == static_cast<int>(index) + 1) return &p;
  }
  return nullptr;
}

// A lone pack keeps exactly the scenario's values; in a bank each pack draws its own.
UnitSetup drawn(const Scenario& s, const ProductProfile& p, std::size_t i, Random& rng) {
  const BankSetup& b = s.bank;
  UnitSetup u;
  u.index = i;
  u.cells = s.pack;
  u.capacity_Ah = s.pack.capacity_Ah.value_or(p.capacity_Ah);
  u.cable_ohm = b.cable_mOhm / 1000.0;
  if (b.packs > 1) {
    const double soc = s.pack.initial_soc + rng.normal(0, b.soc_spread_pct / 100.0);
    u.cells.initial_soc = std::clamp(soc, 0.0, 1.0);
    const double soh = s.pack.soh_pct + rng.normal(0, b.soh_spread_pct);
    u.cells.soh_pct = std::clamp(soh, kMinSoh_pct, 100.0);
    const double cable = b.cable_mOhm * (1.0 + rng.normal(0, b.cable_spread_pct / 100.0));
    u.cable_ohm = std::max(cable, kMinCable_mOhm) / 1000.0;
  }
  return u;
}

}  // namespace

PackConfig bank_config(const Scenario& scenario, const ProductProfile& profile) {
  PackConfig c = profile.config;
  c.bank.max_packs = static_cast<std::uint8_t>(profile.parallel_max);
  c.bank.addressing = scenario.bank.addressing.value_or(profile.config.bank.addressing);
  c.bank.product_code = static_cast<std::uint16_t>(
      crc32(reinterpret_cast<const std::uint8_t*>(profile.name.data()), profile.name.size()));
  return c;
}

std::vector<UnitSetup> unit_setups(const Scenario& s, const ProductProfile& p,
                                   double start_ambient_C, Random rng) {
  const int packs = s.bank.packs;
  if (packs > p.parallel_max) {
    throw ScenarioError(s.source + ": bank.packs: " + std::to_string(packs) +
                        " packs, but the profile " + p.name + " allows " +
                        std::to_string(p.parallel_max) + " in one bank");
  }
  const bool dip = bank_config(s, p).bank.addressing == Addressing::Dip;
  if (dip && packs > kDipAddresses) {
    throw ScenarioError(s.source + ": bank.packs: " + std::to_string(packs) +
                        " packs on DIP addresses, but a DIP switch gives 15: use addressing = "
                        "\"auto\" (the Link IN/OUT chain)");
  }
  std::vector<UnitSetup> out;
  for (std::size_t i = 0; i < static_cast<std::size_t>(packs); ++i) {
    UnitSetup u = drawn(s, p, i, rng);
    u.start_C = s.pack.temperature_C.value_or(start_ambient_C);
    u.dip = dip && packs > 1 ? static_cast<std::uint8_t>(i + 1) : 0;
    if (const BankPackSetup* o = override_for(s, i)) {
      if (o->initial_soc) u.cells.initial_soc = *o->initial_soc;
      if (o->soh_pct) u.cells.soh_pct = *o->soh_pct;
      if (o->capacity_Ah) u.capacity_Ah = *o->capacity_Ah;
      if (o->cable_mOhm) u.cable_ohm = *o->cable_mOhm / 1000.0;
      if (o->temperature_C) u.start_C = *o->temperature_C;
      if (o->address) u.dip = static_cast<std::uint8_t>(*o->address);
      if (o->joins_at_s) u.joins_at_s = *o->joins_at_s;
    }
    u.cells.capacity_Ah = u.capacity_Ah;
    out.push_back(u);
  }
  return out;
}

ParamSet checked_params(const Scenario& scenario, const ProductProfile& profile,
                        double capacity_Ah) {
  ParamSet params(profile.config.series_count);
  std::vector<ParamWrite> writes = profile.params;
  writes.push_back({ParamId::design_capacity_mAh, static_cast<std::int32_t>(capacity_Ah * 1000)});
  if (scenario.bank.daisy_chain) writes.push_back({ParamId::wiring, 1});
  writes.insert(writes.end(), scenario.params.begin(), scenario.params.end());
  const WriteResult r = params.write(writes.data(), writes.size());
  if (!r.ok()) {
    std::string where = scenario.source;
    for (std::size_t i = 0; i < scenario.params.size(); ++i) {
      if (i < scenario.param_where.size() && scenario.params[i].id == r.param) {
        where = scenario.param_where[i];
      }
    }
    std::string msg = where + ": params." + param_label(r.param) + ": " + param_error_name(r.error);
    if (r.conflict != ParamId::None) msg += " with " + param_label(r.conflict);
    throw ScenarioError(msg + " (profile " + profile.name + ")");
  }
  return params;
}

}  // namespace lfpbms::sim
