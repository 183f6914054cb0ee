#pragma once
// PA-1: where a pack sits in its bank. DIP: the 4-bit switch read at start-up is the address
// (0 alone, 1 master, 2...15 slaves); a switch moved while running is the "ADS dialer" fault
// until the next start. Chain: the pack with nothing on Link IN is the master (address 1); the
// others wait for the token from upstream and take the address the master offers with it
// (FC broadcasts), then hand the token on at their next tick, so addresses follow the chain up
// to 32, one offer per pack.
#include <cstdint>

#include "core/units.hpp"
#include "hal/bank_port.hpp"
#include "pack_config.hpp"
#include "parallel/bank_role.hpp"

namespace lfpbms {

inline constexpr TimeMs kChainSettle_ms = 500;  // (own) every pack of a chain powered

class BankAddressing {
 public:
  void start(TimeMs now, const BankConfig& config, hal::BankPort& port);
  void update(TimeMs now, hal::BankPort& port);
  // Chain: the master offers `address` with the token. True when this pack takes it: it holds
  // the token from upstream and has no address yet; it then hands the token on.
  bool offer(std::uint8_t address, hal::BankPort& port);
  // Chain: the master sends this slave to `address` (the one it held before it restarted).
  bool move_to(std::uint8_t address);

  Addressing mode() const { return mode_; }
  BankRole role() const { return role_; }
  std::uint8_t address() const { return address_; }
  bool dip_fault() const { return dip_fault_; }

 private:
  Addressing mode_ = Addressing::Dip;
  BankRole role_ = BankRole::Alone;
  std::uint8_t address_ = 0;
  std::uint8_t max_packs_ = 15;
  std::uint8_t dip_ = 0;
  bool dip_fault_ = false;
  bool pass_token_ = false;
  TimeMs started_ = 0;
};

}  // namespace lfpbms
