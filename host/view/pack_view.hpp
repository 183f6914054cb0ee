#pragma once
// What the phone app and the vendors' tools show about a pack (HT-6), computed from the two
// answers every PACE pack gives (42 analog, 44 alarms): SOC and SOH as clients compute them,
// the state, the status-flag list, and the system view over several packs.
#include <cstdint>
#include <string>
#include <vector>

#include "protocol/wire_model.hpp"

namespace lfpbms::host {

// Remaining / full and full / design capacity, in 0.01 % (0 when the divisor is 0).
std::uint16_t soc_pptt(const protocol::AnalogBlock& a);
std::uint16_t soh_pptt(const protocol::AnalogBlock& a);
std::int64_t power_mW(const protocol::AnalogBlock& a);

struct CellExtremes {
  std::uint16_t max_cell_mV = 0;
  std::uint16_t min_cell_mV = 0;
  int max_cell = 0;  // 1-based
  int min_cell = 0;
  std::int16_t max_temperature_dC = 0;
  std::int16_t min_temperature_dC = 0;
};
CellExtremes extremes(const protocol::AnalogBlock& a);

// "cell NTC 1"..."cell NTC 4", "MOSFET", "ambient" (the 42 answer's order).
std::string temperature_name(int index, int temperature_count);

// "charging", "discharging", "standby", "protection", "fault".
const char* pack_state(const protocol::AnalogBlock& a, const protocol::AlarmBlock& f);
bool charge_fet_on(const protocol::AlarmBlock& f);
bool discharge_fet_on(const protocol::AlarmBlock& f);

// The status lists of the manuals' "battery state" page, set flags only.
struct PackFlags {
  std::vector<std::string>
      protections;                   // CELL OVP, ..., SHORT CIRCUIT, FULL CHARGE, FULL DISCHARGE
  std::vector<std::string> alarms;   // warn1/warn2 and per-cell / per-sensor alarm bytes
  std::vector<std::string> faults;   // fault status
  std::vector<std::string> status;   // system and configuration bits
  std::vector<int> balancing_cells;  // 1-based
};
PackFlags pack_flags(const protocol::AnalogBlock& a, const protocol::AlarmBlock& f);

// A bank as one battery: summed current, capacity-weighted SOC, extremes over all packs.
struct SystemView {
  int pack_count = 0;
  std::int64_t current_mA = 0;
  std::uint16_t pack_voltage_mV = 0;  // the mean (the packs are in parallel)
  std::uint16_t soc_pptt = 0;
  std::int64_t remaining_mAh = 0;
  std::int64_t full_capacity_mAh = 0;
  std::uint16_t max_cell_mV = 0;
  std::uint16_t min_cell_mV = 0;
  std::int16_t max_temperature_dC = 0;
  std::int16_t min_temperature_dC = 0;
};
SystemView system_view(const std::vector<protocol::AnalogBlock>& packs);

// PA-6: packs about to share a bus should agree; one line per pair of extremes that do not
// (own defaults: more than 1 V or 10 % SOC apart).
inline constexpr std::int32_t kParallelGap_mV = 1000;
inline constexpr std::int32_t kParallelGap_pptt = 1000;
std::vector<std::string> parallel_warnings(const std::vector<protocol::AnalogBlock>& packs,
                                           const std::vector<std::uint8_t>& addresses);

}  // namespace lfpbms::host
