#pragma once
// What a product is built as: fixed by the hardware and the product profile, not settable
// from the host (the settings are in the parameter table).
#include <cstddef>
#include <cstdint>

#include "state/button_tracker.hpp"

namespace lfpbms {

// Whose RUN/ALM/SOC table the pack follows (IN-2).
enum class IndicationStyle : std::uint8_t {
  Standard,    // [001 §5.4] / [004 §7]
  Vtac000,     // [000 §5.3]: RUN steady, 6-LED fault codes, per-code buzzer
  Voltium003,  // [003 §3.3.3.4]
  Voltgo002,   // [002 §4.5]
};

enum class ContactMode : std::uint8_t {
  AlarmAndLowSoc,         // [001 §2.2][004 §4.3]: contact 1 alarm, contact 2 low SOC
  ChargeDischargeEnable,  // [003 §3.3.3.1]: output 1 charge enable, output 2 discharge enable
};

// How a pack learns its place in a parallel bank (PA-1): the 4-bit DIP switch (1...15, 0 =
// stand-alone), or automatic addressing along the Link IN / Link OUT chain (up to 32; the pack
// with nothing on Link IN is the master).
enum class Addressing : std::uint8_t { Dip, Chain };

struct BankConfig {
  Addressing addressing = Addressing::Dip;
  std::uint8_t max_packs = 15;      // 15 with DIP addresses, up to 32 on a chain
  std::uint32_t bus_baud = 115200;  // the internal pack-to-pack RS485 bus (CO-3)
  std::uint16_t product_code = 0;   // which product this pack is, for the PA-6 mismatch check
};

// Where the firmware keeps its data on the board's flash, in sectors of the part (hal::Nvm;
// docs/firmware.md, Storage). The defaults fit a 4 KiB-sector serial NOR flash of 64 KiB or
// more: 9 log sectors of 128 records keep at least 8 x 128 = 1024 after a wrap (ST-3).
struct FlashLayout {
  std::uint16_t params_sector = 0;     // copies A and B: this sector and the next
  std::uint16_t estimates_sector = 2;  // copies A and B
  std::uint16_t log_sector = 4;        // the event log's first sector
  std::uint16_t log_sectors = 9;
  std::uint16_t credentials_sector = 13;  // copies A and B: the administrator password's hash
};

struct PackConfig {
  std::uint8_t series_count = 16;
  std::uint8_t ntc_count = 4;
  std::uint8_t soc_led_count = 6;  // 4 or 6
  IndicationStyle indication = IndicationStyle::Standard;
  ContactMode contacts = ContactMode::AlarmAndLowSoc;
  bool has_heater = false;
  ButtonTimings button;
  FlashLayout flash;
  std::int32_t balance_bleed_mA = 80;  // BA-1: the bleed resistors' current
  BankConfig bank;
};

}  // namespace lfpbms
