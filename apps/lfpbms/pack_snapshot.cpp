#include "pack_snapshot.hpp"

#include "host/history/session_names.hpp"
#include "protocol/host_device.hpp"

namespace lfpbms::app {

using nlohmann::json;

std::vector<PackSnapshot> read_packs(host::HostClient& client, std::uint8_t which) {
  const bool all = which == protocol::kAllPacks;
  const std::uint8_t adr = all ? 1 : which;
  const auto analog = client.analog(adr, which);
  const auto alarms = client.alarms(adr, which);
  if (analog.size() != alarms.size()) {
    throw host::ProtocolError(protocol::Rtn::FormatError,
                              "the master's analog and alarm answers list different packs");
  }
  std::vector<PackSnapshot> out;
  for (std::size_t i = 0; i < analog.size(); ++i) {
    out.push_back({all ? analog[i].address : which, analog[i].block, alarms[i].block});
  }
  return out;
}

SystemInfo read_system_info(host::HostClient& client, std::uint8_t adr) {
  SystemInfo s;
  s.version = client.version(adr);
  std::tie(s.bms_serial, s.pack_serial) = client.serials(adr);
  // Not every PACE firmware has a clock or the lfpbms counters: show what there is.
  try {
    s.clock_unix_s = client.clock(adr);
  } catch (const host::ProtocolError&) {
  }
  try {
    s.counters = client.counters(adr);
  } catch (const host::ProtocolError&) {
  }
  return s;
}

host::SystemView system_view_of(const std::vector<PackSnapshot>& packs) {
  std::vector<protocol::AnalogBlock> blocks;
  blocks.reserve(packs.size());
  for (const PackSnapshot& p : packs) blocks.push_back(p.analog);
  return host::system_view(blocks);
}

json pack_json(const PackSnapshot& p) {
  const protocol::AnalogBlock& a = p.analog;
  const protocol::AlarmBlock& f = p.alarms;
  const host::CellExtremes e = host::extremes(a);
  const host::PackFlags flags = host::pack_flags(a, f);
  json cells = json::array();
  for (int i = 0; i < a.cell_count; ++i) cells.push_back(a.cell_voltage_mV[i]);
  json temps = json::array();
  json names = json::array();
  for (int i = 0; i < a.temperature_count; ++i) {
    temps.push_back(a.temperature_dC[i]);
    names.push_back(host::temperature_name(i, a.temperature_count));
  }
  return {{"address", p.address},
          {"soc_pptt", host::soc_pptt(a)},
          {"soh_pptt", host::soh_pptt(a)},
          {"pack_voltage_mV", a.pack_voltage_mV},
          {"current_mA", a.current_mA},
          {"power_mW", host::power_mW(a)},
          {"state", host::pack_state(a, f)},
          {"charge_fet_on", host::charge_fet_on(f)},
          {"discharge_fet_on", host::discharge_fet_on(f)},
          {"cell_voltage_mV", cells},
          {"max_cell_mV", e.max_cell_mV},
          {"max_cell", e.max_cell},
          {"min_cell_mV", e.min_cell_mV},
          {"min_cell", e.min_cell},
          {"temperature_dC", temps},
          {"temperature_names", names},
          {"max_temperature_dC", e.max_temperature_dC},
          {"min_temperature_dC", e.min_temperature_dC},
          {"remaining_mAh", a.remaining_mAh},
          {"full_capacity_mAh", a.full_capacity_mAh},
          {"design_capacity_mAh", a.design_capacity_mAh},
          {"cycle_count", a.cycle_count},
          {"protections", flags.protections},
          {"alarms", flags.alarms},
          {"faults", flags.faults},
          {"status", flags.status},
          {"balancing_cells", flags.balancing_cells},
          {"status_bytes",
           {{"protect1", f.protect1},
            {"protect2", f.protect2},
            {"warn1", f.warn1},
            {"warn2", f.warn2},
            {"system", f.system},
            {"config", f.config},
            {"fault", f.fault},
            {"balancing", f.balancing}}}};
}

json system_info_json(const SystemInfo& s) {
  json j = {{"version", s.version}, {"bms_serial", s.bms_serial}, {"pack_serial", s.pack_serial}};
  if (s.clock_unix_s) {
    j["clock_unix_s"] = *s.clock_unix_s;
    j["clock_utc"] = host::iso_utc(*s.clock_unix_s);
  }
  if (s.counters) {
    const host::Counters& c = *s.counters;
    j["counters"] = {{"cycles", c.cycles},
                     {"charged_mAh", c.charged_mAh},
                     {"discharged_mAh", c.discharged_mAh},
                     {"charged_Wh", c.charged_Wh},
                     {"discharged_Wh", c.discharged_Wh},
                     {"soh_pptt", c.soh_pptt},
                     {"learned_capacity_mAh", c.full_capacity_mAh},
                     {"soc_pptt", c.soc_pptt},
                     {"weak_cell", c.weak_cell}};
  }
  return j;
}

std::vector<std::string> parallel_warnings_of(const std::vector<PackSnapshot>& packs) {
  std::vector<protocol::AnalogBlock> blocks;
  std::vector<std::uint8_t> addresses;
  for (const PackSnapshot& p : packs) {
    blocks.push_back(p.analog);
    addresses.push_back(p.address);
  }
  return host::parallel_warnings(blocks, addresses);
}

std::vector<int> addresses_in(std::uint32_t mask) {
  std::vector<int> out;
  for (int i = 0; i < 32; ++i) {
    if ((mask >> i & 1u) != 0) out.push_back(i + 1);
  }
  return out;
}

json bank_view_json(const protocol::SystemBlock& s) {
  json members = json::array();
  for (std::uint8_t i = 0; i < s.member_count; ++i) {
    const protocol::BankMemberEntry& m = s.members[i];
    members.push_back({{"address", m.address},
                       {"healthy", (m.flags & protocol::kBankHealthy) != 0},
                       {"soc_pptt", m.soc_pptt},
                       {"current_mA", m.current_mA},
                       {"charge_current_limit_mA", m.charge_current_limit_mA},
                       {"discharge_current_limit_mA", m.discharge_current_limit_mA}});
  }
  return {{"packs_known", s.member_count},
          {"packs_healthy", s.healthy_count},
          {"lost", addresses_in(s.lost_mask)},
          {"address_conflicts", addresses_in(s.conflict_mask)},
          {"mismatched", addresses_in(s.mismatch_mask)},
          {"soc_pptt", s.soc_pptt},
          {"remaining_mAh", s.remaining_mAh},
          {"full_capacity_mAh", s.full_capacity_mAh},
          {"voltage_mV", s.voltage_mV},
          {"current_mA", s.current_mA},
          {"charge_voltage_mV", s.charge_voltage_mV},
          {"discharge_voltage_mV", s.discharge_voltage_mV},
          {"charge_current_limit_mA", s.charge_current_limit_mA},
          {"discharge_current_limit_mA", s.discharge_current_limit_mA},
          {"charge_enable", (s.limit_flags & protocol::kSystemChargeEnable) != 0},
          {"discharge_enable", (s.limit_flags & protocol::kSystemDischargeEnable) != 0},
          {"force_charge", (s.limit_flags & protocol::kSystemForceCharge) != 0},
          {"members", members}};
}

json system_view_json(const host::SystemView& s) {
  return {{"pack_count", s.pack_count},
          {"current_mA", s.current_mA},
          {"pack_voltage_mV", s.pack_voltage_mV},
          {"soc_pptt", s.soc_pptt},
          {"remaining_mAh", s.remaining_mAh},
          {"full_capacity_mAh", s.full_capacity_mAh},
          {"max_cell_mV", s.max_cell_mV},
          {"min_cell_mV", s.min_cell_mV},
          {"max_temperature_dC", s.max_temperature_dC},
          {"min_temperature_dC", s.min_temperature_dC}};
}

}  // namespace lfpbms::app
