#pragma once
// The administrator password's salted hash on flash (CO-2, HT-4): an A/B record of its own, so
// a changed password survives resets and power cuts like the parameters do.
#include "hal/nvm.hpp"
#include "protocol/admin_session.hpp"
#include "storage/ab_record.hpp"

namespace lfpbms {

class CredentialStorage final : public protocol::CredentialStore {
 public:
  static constexpr std::uint32_t kMagic = 0x43504C46u;  // "FLPC"
  static constexpr std::uint16_t kFormat = 1;

  CredentialStorage(hal::Nvm& nvm, std::size_t first_sector)
      : record_(nvm, first_sector, kMagic, kFormat) {}

  bool load(protocol::Credentials& out) override;
  bool save(const protocol::Credentials& in) override;

 private:
  static constexpr std::size_t kPayload = 12;  // salt u32, hash u64
  AbRecord record_;
};

}  // namespace lfpbms
