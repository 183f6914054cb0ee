#include "pack_tables.hpp"

#include <fmt/format.h>

#include <string>

#include "host/history/session_names.hpp"

namespace lfpbms::app {
namespace {

std::string volts(std::int64_t mV) {
  return fmt::format("{:.3f} V", static_cast<double>(mV) / 1000);
}
std::string amps(std::int64_t mA) {
  return fmt::format("{:.2f} A", static_cast<double>(mA) / 1000);
}
std::string percent(std::int64_t pptt) {
  return fmt::format("{:.1f} %", static_cast<double>(pptt) / 100);
}
std::string celsius(std::int64_t dC) {
  return fmt::format("{:.1f} °C", static_cast<double>(dC) / 10);
}
std::string amp_hours(std::int64_t mAh) {
  return fmt::format("{:.2f} Ah", static_cast<double>(mAh) / 1000);
}

void heading(std::FILE* out, const std::string& title) {
  fmt::print(out, "\n== {} ==\n", title);
}
void row(std::FILE* out, const char* label, const std::string& value) {
  fmt::print(out, "  {:<24}{}\n", label, value);
}

std::string joined(const std::vector<std::string>& items) {
  if (items.empty()) return "none";
  std::string s;
  for (const std::string& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}

}  // namespace

void print_home(std::FILE* out, const PackSnapshot& p) {
  const protocol::AnalogBlock& a = p.analog;
  const host::CellExtremes e = host::extremes(a);
  heading(out, fmt::format("pack {}: home", p.address));
  row(out, "SOC", percent(host::soc_pptt(a)));
  row(out, "SOH", percent(host::soh_pptt(a)));
  row(out, "pack voltage", volts(a.pack_voltage_mV));
  row(out, "current (+ charge)", amps(a.current_mA));
  row(out, "power", fmt::format("{:.1f} W", static_cast<double>(host::power_mW(a)) / 1000));
  row(out, "state", host::pack_state(a, p.alarms));
  row(out, "charge MOSFET", host::charge_fet_on(p.alarms) ? "on" : "off");
  row(out, "discharge MOSFET", host::discharge_fet_on(p.alarms) ? "on" : "off");
  row(out, "max cell", fmt::format("{} mV (cell {})", e.max_cell_mV, e.max_cell));
  row(out, "min cell", fmt::format("{} mV (cell {})", e.min_cell_mV, e.min_cell));
  row(out, "cell difference", fmt::format("{} mV", e.max_cell_mV - e.min_cell_mV));
  row(out, "max temperature", celsius(e.max_temperature_dC));
  row(out, "min temperature", celsius(e.min_temperature_dC));
}

void print_battery_info(std::FILE* out, const PackSnapshot& p) {
  const protocol::AnalogBlock& a = p.analog;
  heading(out, fmt::format("pack {}: battery info", p.address));
  // Four cells to a line, as the tools' grids show them.
  for (int i = 0; i < a.cell_count; ++i) {
    fmt::print(out, "{}V{:<3}{:>5} mV", i % 4 == 0 ? "  " : "    ", i + 1, a.cell_voltage_mV[i]);
    if (i % 4 == 3 || i + 1 == a.cell_count) fmt::print(out, "\n");
  }
  for (int i = 0; i < a.temperature_count; ++i) {
    fmt::print(out, "  T{} {:<12}{:>9}\n", i + 1, host::temperature_name(i, a.temperature_count),
               celsius(a.temperature_dC[i]));
  }
  row(out, "remaining capacity", amp_hours(a.remaining_mAh));
  row(out, "full capacity", amp_hours(a.full_capacity_mAh));
  row(out, "design capacity", amp_hours(a.design_capacity_mAh));
  row(out, "cycles", std::to_string(a.cycle_count));
}

void print_state_flags(std::FILE* out, const PackSnapshot& p) {
  const host::PackFlags f = host::pack_flags(p.analog, p.alarms);
  heading(out, fmt::format("pack {}: battery state", p.address));
  row(out, "protections", joined(f.protections));
  row(out, "alarms", joined(f.alarms));
  row(out, "faults", joined(f.faults));
  row(out, "status", joined(f.status));
  std::vector<std::string> cells;
  for (int c : f.balancing_cells) cells.push_back(std::to_string(c));
  row(out, "balancing cells", joined(cells));
}

void print_system_info(std::FILE* out, const SystemInfo& s) {
  heading(out, "system info");
  row(out, "version", s.version);
  row(out, "BMS serial", s.bms_serial);
  row(out, "pack serial", s.pack_serial);
  row(out, "clock (UTC)", s.clock_unix_s ? host::iso_utc(*s.clock_unix_s) : "not available");
  if (!s.counters) {
    row(out, "counters", "not available");
    return;
  }
  const host::Counters& c = *s.counters;
  row(out, "cycles", std::to_string(c.cycles));
  row(out, "charged", fmt::format("{} ({} Wh)", amp_hours(c.charged_mAh), c.charged_Wh));
  row(out, "discharged", fmt::format("{} ({} Wh)", amp_hours(c.discharged_mAh), c.discharged_Wh));
  row(out, "learned capacity", amp_hours(c.full_capacity_mAh));
  row(out, "weak cell", c.weak_cell == 0 ? "none" : std::to_string(c.weak_cell));
}

void print_pack_rows(std::FILE* out, const std::vector<PackSnapshot>& packs) {
  fmt::print(out, "{:>4} {:>7} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8}  {:<12} {}\n", "pack", "SOC",
             "voltage", "current", "max mV", "min mV", "max °C", "min °C", "state", "protections");
  for (const PackSnapshot& p : packs) {
    const host::CellExtremes e = host::extremes(p.analog);
    fmt::print(out, "{:>4} {:>7} {:>9} {:>9} {:>8} {:>8} {:>8.1f} {:>8.1f}  {:<12} {}\n", p.address,
               percent(host::soc_pptt(p.analog)), volts(p.analog.pack_voltage_mV),
               amps(p.analog.current_mA), e.max_cell_mV, e.min_cell_mV, e.max_temperature_dC / 10.0,
               e.min_temperature_dC / 10.0, host::pack_state(p.analog, p.alarms),
               joined(host::pack_flags(p.analog, p.alarms).protections));
  }
}

namespace {

std::string address_list(std::uint32_t mask) {
  const std::vector<int> addresses = addresses_in(mask);
  return addresses.empty() ? "-" : fmt::format("{}", fmt::join(addresses, ", "));
}

}  // namespace

void print_bank_view(std::FILE* out, const protocol::SystemBlock& s) {
  heading(out, fmt::format("the master's view: {} packs known, {} healthy", s.member_count,
                           s.healthy_count));
  row(out, "SOC (capacity-weighted)", percent(s.soc_pptt));
  row(out, "charge voltage limit", volts(s.charge_voltage_mV));
  row(out, "CCL / DCL",
      amps(s.charge_current_limit_mA) + " / " + amps(s.discharge_current_limit_mA));
  row(out, "charge / discharge",
      fmt::format("{} / {}{}",
                  (s.limit_flags & protocol::kSystemChargeEnable) != 0 ? "enabled" : "disabled",
                  (s.limit_flags & protocol::kSystemDischargeEnable) != 0 ? "enabled" : "disabled",
                  (s.limit_flags & protocol::kSystemForceCharge) != 0 ? ", force charge" : ""));
  row(out, "lost (ID_OVER)", address_list(s.lost_mask));
  row(out, "address conflicts", address_list(s.conflict_mask));
  row(out, "other model or size", address_list(s.mismatch_mask));
}

void print_warnings(std::FILE* out, const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) fmt::print(out, "warning: {}\n", w);
}

void print_system_view(std::FILE* out, const host::SystemView& s) {
  heading(out, fmt::format("system: {} packs", s.pack_count));
  row(out, "SOC (capacity-weighted)", percent(s.soc_pptt));
  row(out, "voltage", volts(s.pack_voltage_mV));
  row(out, "total current", amps(s.current_mA));
  row(out, "remaining / full", amp_hours(s.remaining_mAh) + " / " + amp_hours(s.full_capacity_mAh));
  row(out, "max / min cell", fmt::format("{} / {} mV", s.max_cell_mV, s.min_cell_mV));
  row(out, "max / min temperature",
      celsius(s.max_temperature_dC) + " / " + celsius(s.min_temperature_dC));
}

}  // namespace lfpbms::app
