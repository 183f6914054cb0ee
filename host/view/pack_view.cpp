#include "host/view/pack_view.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace lfpbms::host {
namespace {

struct BitName {
  std::uint8_t bit;
  const char* name;
};

// PROTOCOLS.md §1.1, bit maps of 44; names as in the manuals' status list [002 §6.5].
constexpr BitName kProtect1[] = {{0, "CELL OVP"},     {1, "CELL UVP"}, {2, "PACK OVP"},
                                 {3, "PACK UVP"},     {4, "CHG OCP"},  {5, "DSG OCP"},
                                 {6, "SHORT CIRCUIT"}};
constexpr BitName kProtect2[] = {{0, "CHG OTP"}, {1, "DSG OTP"},    {2, "CHG UTP"},
                                 {3, "DSG UTP"}, {4, "MOSFET OTP"}, {5, "ENV OTP"},
                                 {6, "ENV UTP"}, {7, "FULL CHARGE"}};
constexpr BitName kWarn1[] = {{0, "CELL OV ALARM"}, {1, "CELL UV ALARM"}, {2, "PACK OV ALARM"},
                              {3, "PACK UV ALARM"}, {4, "CHG OC ALARM"},  {5, "DSG OC ALARM"}};
constexpr BitName kWarn2[] = {{0, "CHG OT ALARM"},    {1, "DSG OT ALARM"}, {2, "CHG UT ALARM"},
                              {3, "DSG UT ALARM"},    {4, "ENV OT ALARM"}, {5, "ENV UT ALARM"},
                              {6, "MOSFET OT ALARM"}, {7, "LOW SOC"}};
constexpr BitName kFault[] = {{0, "CHG MOSFET FAULT"},
                              {1, "DSG MOSFET FAULT"},
                              {2, "NTC FAULT"},
                              {4, "CELL FAULT"},
                              {5, "SAMPLING FAULT"}};
constexpr BitName kSystem[] = {{0, "CURRENT LIMITER ACTIVE"}, {4, "REVERSE POLARITY"}};
constexpr BitName kConfig[] = {
    {0, "BUZZER ON"}, {3, "LIMITER LOW GEAR"}, {4, "LIMITER OFF"}, {5, "LED WARNING OFF"}};

template <std::size_t N>
void add_set(std::vector<std::string>& out, std::uint8_t byte, const BitName (&names)[N]) {
  for (const BitName& b : names) {
    if (byte >> b.bit & 1u) out.emplace_back(b.name);
  }
}

const char* alarm_word(std::uint8_t code) {
  switch (code) {
    case protocol::kAlarmLow:
      return "low";
    case protocol::kAlarmHigh:
      return "high";
    default:
      return "fault";
  }
}

void add_alarm_bytes(std::vector<std::string>& out, const protocol::AlarmBlock& f) {
  for (int i = 0; i < f.cell_count; ++i) {
    if (f.cell_alarm[i] != protocol::kAlarmNormal) {
      out.push_back(fmt::format("cell {} voltage {}", i + 1, alarm_word(f.cell_alarm[i])));
    }
  }
  for (int i = 0; i < f.temperature_count; ++i) {
    if (f.temperature_alarm[i] != protocol::kAlarmNormal) {
      out.push_back(fmt::format("{} temperature {}", temperature_name(i, f.temperature_count),
                                alarm_word(f.temperature_alarm[i])));
    }
  }
  const std::pair<std::uint8_t, const char*> pack_alarms[] = {
      {f.charge_current_alarm, "charge current"},
      {f.pack_voltage_alarm, "pack voltage"},
      {f.discharge_current_alarm, "discharge current"}};
  for (const auto& [code, what] : pack_alarms) {
    if (code != protocol::kAlarmNormal) out.push_back(fmt::format("{} {}", what, alarm_word(code)));
  }
}

}  // namespace

std::uint16_t soc_pptt(const protocol::AnalogBlock& a) {
  if (a.full_capacity_mAh <= 0) return 0;
  const std::int64_t r = std::clamp<std::int64_t>(a.remaining_mAh, 0, a.full_capacity_mAh);
  return static_cast<std::uint16_t>(r * 10000 / a.full_capacity_mAh);
}

std::uint16_t soh_pptt(const protocol::AnalogBlock& a) {
  if (a.design_capacity_mAh <= 0) return 0;
  const std::int64_t f = std::clamp<std::int64_t>(a.full_capacity_mAh, 0, a.design_capacity_mAh);
  return static_cast<std::uint16_t>(f * 10000 / a.design_capacity_mAh);
}

std::int64_t power_mW(const protocol::AnalogBlock& a) {
  return static_cast<std::int64_t>(a.current_mA) * a.pack_voltage_mV / 1000;
}

CellExtremes extremes(const protocol::AnalogBlock& a) {
  CellExtremes e;
  for (int i = 0; i < a.cell_count; ++i) {
    const std::uint16_t v = a.cell_voltage_mV[i];
    if (e.max_cell == 0 || v > e.max_cell_mV) {
      e.max_cell_mV = v;
      e.max_cell = i + 1;
    }
    if (e.min_cell == 0 || v < e.min_cell_mV) {
      e.min_cell_mV = v;
      e.min_cell = i + 1;
    }
  }
  for (int i = 0; i < a.temperature_count; ++i) {
    const std::int16_t t = a.temperature_dC[i];
    e.max_temperature_dC = i == 0 ? t : std::max(e.max_temperature_dC, t);
    e.min_temperature_dC = i == 0 ? t : std::min(e.min_temperature_dC, t);
  }
  return e;
}

std::string temperature_name(int index, int temperature_count) {
  const int cell_ntcs = std::max(0, temperature_count - 2);
  if (index < cell_ntcs) return fmt::format("cell NTC {}", index + 1);
  return index == cell_ntcs ? "MOSFET" : "ambient";
}

bool charge_fet_on(const protocol::AlarmBlock& f) {
  return f.system >> 1 & 1u;
}
bool discharge_fet_on(const protocol::AlarmBlock& f) {
  return f.system >> 2 & 1u;
}

const char* pack_state(const protocol::AnalogBlock& a, const protocol::AlarmBlock& f) {
  // Below 0.1 A a pack is resting: the current sensor's offset is not a charge.
  constexpr std::int32_t kRestingBand_mA = 100;
  if (f.fault != 0) return "fault";
  if (f.protect1 != 0 || (f.protect2 & 0x7Fu) != 0) return "protection";
  if (a.current_mA > kRestingBand_mA) return "charging";
  if (a.current_mA < -kRestingBand_mA || (f.system >> 3 & 1u)) return "discharging";
  return "standby";
}

PackFlags pack_flags(const protocol::AnalogBlock& a, const protocol::AlarmBlock& f) {
  PackFlags p;
  add_set(p.protections, f.protect1, kProtect1);
  add_set(p.protections, f.protect2, kProtect2);
  // The 44 answer has no "fully discharged" bit: an empty pack is the manuals' FULL DISCHARGE.
  if (a.full_capacity_mAh > 0 && a.remaining_mAh <= 0) p.protections.emplace_back("FULL DISCHARGE");
  add_set(p.alarms, f.warn1, kWarn1);
  add_set(p.alarms, f.warn2, kWarn2);
  add_alarm_bytes(p.alarms, f);
  add_set(p.faults, f.fault, kFault);
  p.status.emplace_back(charge_fet_on(f) ? "CHG MOSFET ON" : "CHG MOSFET OFF");
  p.status.emplace_back(discharge_fet_on(f) ? "DSG MOSFET ON" : "DSG MOSFET OFF");
  add_set(p.status, f.system, kSystem);
  add_set(p.status, f.config, kConfig);
  for (int i = 0; i < 16; ++i) {
    if (f.balancing >> i & 1u) p.balancing_cells.push_back(i + 1);
  }
  return p;
}

std::vector<std::string> parallel_warnings(const std::vector<protocol::AnalogBlock>& packs,
                                           const std::vector<std::uint8_t>& addresses) {
  std::vector<std::string> out;
  if (packs.size() < 2) return out;
  auto by_voltage = [](const protocol::AnalogBlock& a, const protocol::AnalogBlock& b) {
    return a.pack_voltage_mV < b.pack_voltage_mV;
  };
  auto by_soc = [](const protocol::AnalogBlock& a, const protocol::AnalogBlock& b) {
    return soc_pptt(a) < soc_pptt(b);
  };
  const auto [vlo, vhi] = std::minmax_element(packs.begin(), packs.end(), by_voltage);
  const auto [slo, shi] = std::minmax_element(packs.begin(), packs.end(), by_soc);
  auto adr = [&](auto it) { return addresses.at(static_cast<std::size_t>(it - packs.begin())); };
  if (vhi->pack_voltage_mV - vlo->pack_voltage_mV > kParallelGap_mV) {
    out.push_back(
        fmt::format("packs {} and {} differ by {:.2f} V: charge them to the same level "
                    "before they share a bus",
                    adr(vhi), adr(vlo), (vhi->pack_voltage_mV - vlo->pack_voltage_mV) / 1000.0));
  }
  if (soc_pptt(*shi) - soc_pptt(*slo) > kParallelGap_pptt) {
    out.push_back(fmt::format("packs {} and {} differ by {:.1f} % SOC", adr(shi), adr(slo),
                              (soc_pptt(*shi) - soc_pptt(*slo)) / 100.0));
  }
  return out;
}

SystemView system_view(const std::vector<protocol::AnalogBlock>& packs) {
  SystemView s;
  s.pack_count = static_cast<int>(packs.size());
  std::int64_t voltage_sum_mV = 0;
  for (std::size_t i = 0; i < packs.size(); ++i) {
    const protocol::AnalogBlock& a = packs[i];
    const CellExtremes e = extremes(a);
    s.current_mA += a.current_mA;
    voltage_sum_mV += a.pack_voltage_mV;
    s.remaining_mAh += std::max<std::int32_t>(0, a.remaining_mAh);
    s.full_capacity_mAh += std::max<std::int32_t>(0, a.full_capacity_mAh);
    s.max_cell_mV = i == 0 ? e.max_cell_mV : std::max(s.max_cell_mV, e.max_cell_mV);
    s.min_cell_mV = i == 0 ? e.min_cell_mV : std::min(s.min_cell_mV, e.min_cell_mV);
    s.max_temperature_dC =
        i == 0 ? e.max_temperature_dC : std::max(s.max_temperature_dC, e.max_temperature_dC);
    s.min_temperature_dC =
        i == 0 ? e.min_temperature_dC : std::min(s.min_temperature_dC, e.min_temperature_dC);
  }
  if (!packs.empty()) s.pack_voltage_mV = static_cast<std::uint16_t>(voltage_sum_mV / s.pack_count);
  // Weighting by capacity: the bank's SOC is its stored charge over what it can hold.
  if (s.full_capacity_mAh > 0) {
    s.soc_pptt = static_cast<std::uint16_t>(
        std::min<std::int64_t>(s.remaining_mAh, s.full_capacity_mAh) * 10000 / s.full_capacity_mAh);
  }
  return s;
}

}  // namespace lfpbms::host
