#pragma once
// One look at one pack or a whole bank, as `read`, `watch` and `scan` need it, and its JSON
// form with units in the key names.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "host/client/host_client.hpp"
#include "host/view/pack_view.hpp"

namespace lfpbms::app {

struct PackSnapshot {
  std::uint8_t address = 0;
  protocol::AnalogBlock analog;
  protocol::AlarmBlock alarms;
};

// The system-info page: what only an address request answers.
struct SystemInfo {
  std::string version;
  std::string bms_serial;
  std::string pack_serial;
  std::optional<std::uint32_t> clock_unix_s;
  std::optional<host::Counters> counters;  // lfpbms packs only (F7)
};

// `which`: one address, or protocol::kAllPacks (asked of the master at address 1).
std::vector<PackSnapshot> read_packs(host::HostClient& client, std::uint8_t which);
SystemInfo read_system_info(host::HostClient& client, std::uint8_t adr);
host::SystemView system_view_of(const std::vector<PackSnapshot>& packs);

nlohmann::json pack_json(const PackSnapshot& p);
nlohmann::json system_info_json(const SystemInfo& s);
nlohmann::json system_view_json(const host::SystemView& s);
// The addresses whose bits are set in one of the system view's masks (bit 0: address 1).
std::vector<int> addresses_in(std::uint32_t mask);
// The bank master's own view (F9): what it tells the inverter, and which packs it counts.
nlohmann::json bank_view_json(const protocol::SystemBlock& s);
// PA-6 warnings for the packs of a bank (more than 1 V or 10 % SOC apart).
std::vector<std::string> parallel_warnings_of(const std::vector<PackSnapshot>& packs);

}  // namespace lfpbms::app
