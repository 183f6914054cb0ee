#pragma once
// What a host link acts on: the BMS, its clock, its records and credentials, who it is, and -
// on a bank master - the other packs an "all packs" (INFO FF) request covers.
#include <cstdint>

#include "bms.hpp"
#include "hal/clock.hpp"
#include "hal/system_control.hpp"
#include "protocol/admin_session.hpp"
#include "protocol/bank_blocks.hpp"
#include "protocol/wire_model.hpp"

namespace lfpbms {
class EventLog;
}

namespace lfpbms::protocol {

inline constexpr std::uint8_t kAllPacks = 0xFF;

struct DeviceIdentity {
  const char* model = "LFPBMS";                // Pylontech 51 device name (10 bytes)
  const char* manufacturer = "lfpbms";         // Pylontech 51 (20 bytes)
  const char* version = "LFPBMS-HW1 FW0.7.0";  // PACE C1 (20 bytes)
  // PACE C2 (20 bytes each); bmspace keeps only 15 and 14 characters (docs/protocols.md).
  const char* bms_serial = "LFPB00000000001";
  const char* pack_serial = "LFPP0000000001";
  std::uint8_t software_major = 0;  // Pylontech 51 software version
  std::uint8_t software_minor = 7;
};

// The packs of a bank as the master knows them; index 0 is the master itself.
class PackBank {
 public:
  virtual std::uint8_t pack_count() const = 0;
  virtual std::uint8_t address(std::uint8_t index) const = 0;
  virtual bool analog(std::uint8_t index, AnalogBlock& out) const = 0;
  virtual bool alarms(std::uint8_t index, AlarmBlock& out) const = 0;
  // The system view (F9): false when this pack is no master.
  virtual bool system(SystemBlock& out) const = 0;

 protected:
  ~PackBank() = default;
};

// A pack on a Link IN/OUT chain before the master has given it its address.
inline constexpr std::uint8_t kUnaddressed = 0;

struct HostDevice {
  Bms& bms;
  hal::Clock& clock;
  DeviceIdentity identity{};
  EventLog* log = nullptr;                 // null: the board keeps no records
  CredentialStore* credentials = nullptr;  // null: the default password, not changeable
  const PackBank* bank = nullptr;          // null: this pack alone
  std::uint8_t address = 1;  // 1...15 (DIP), 1...32 (chain); kUnaddressed: silent on the link
  hal::SystemControl* system = nullptr;  // null: no restart by host command
};

}  // namespace lfpbms::protocol
