#include "parallel/bank_addressing.hpp"

namespace lfpbms {

namespace {
constexpr std::uint8_t kDipMask = 0x0F;
constexpr std::uint8_t kMasterAddress = 1;
}  // namespace

void BankAddressing::start(TimeMs now, const BankConfig& config, hal::BankPort& port) {
  mode_ = config.addressing;
  max_packs_ = config.max_packs;
  started_ = now;
  dip_fault_ = false;
  pass_token_ = false;
  port.set_link_out_token(false);
  if (mode_ == Addressing::Chain) {
    role_ = BankRole::Unassigned;
    address_ = 0;
    return;
  }
  dip_ = static_cast<std::uint8_t>(port.address_switch() & kDipMask);
  address_ = dip_;
  role_ =
      dip_ == 0 ? BankRole::Alone : (dip_ == kMasterAddress ? BankRole::Master : BankRole::Slave);
}

void BankAddressing::update(TimeMs now, hal::BankPort& port) {
  if (mode_ == Addressing::Dip) {
    // The address in use is the one read at start-up; a moved switch is reported until then.
    if ((port.address_switch() & kDipMask) != dip_) dip_fault_ = true;
    return;
  }
  if (pass_token_) {
    port.set_link_out_token(true);
    pass_token_ = false;
  }
  if (role_ == BankRole::Unassigned && elapsed_ms(now, started_) >= kChainSettle_ms &&
      !port.link_in_connected()) {
    role_ = BankRole::Master;
    address_ = kMasterAddress;
  }
}

bool BankAddressing::offer(std::uint8_t address, hal::BankPort& port) {
  if (mode_ != Addressing::Chain || role_ != BankRole::Unassigned) return false;
  if (address <= kMasterAddress || address > max_packs_ || !port.link_in_token()) return false;
  role_ = BankRole::Slave;
  address_ = address;
  pass_token_ = true;  // on the next tick: the pack downstream must not take this offer too
  return true;
}

bool BankAddressing::move_to(std::uint8_t address) {
  if (mode_ != Addressing::Chain || role_ != BankRole::Slave) return false;
  if (address <= kMasterAddress || address > max_packs_) return false;
  address_ = address;
  return true;
}

}  // namespace lfpbms
