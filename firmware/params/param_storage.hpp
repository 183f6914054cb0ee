#pragma once
// Parameters in non-volatile memory (ST-1): an A/B record (storage/ab_record.hpp), so that
// power lost in the middle of a save leaves the previous set intact. Values are stored as
// (id, value) pairs, so a firmware that adds parameters still reads an older set: the new ones
// get their defaults.
#include <cstddef>
#include <cstdint>

#include "params/param_set.hpp"
#include "storage/ab_record.hpp"

namespace lfpbms {

class ParamStorage {
 public:
  static constexpr std::uint32_t kMagic = 0x5050464Cu;  // "LFPP"
  static constexpr std::uint16_t kFormat = 2;
  // Payload: series count u8, 3 bytes 0, then every value as i32 in id order.
  static constexpr std::size_t kPayloadHeader = 4;
  static constexpr std::size_t kFrameSize = AbRecord::frame_size(kPayloadHeader + kParamCount * 4);

  // The two copies sit in `first_sector` and the one after it.
  ParamStorage(hal::Nvm& nvm, std::size_t first_sector)
      : record_(nvm, first_sector, kMagic, kFormat) {}

  LoadResult load(ParamSet& params);
  bool save(const ParamSet& params);

 private:
  AbRecord record_;
};

}  // namespace lfpbms
