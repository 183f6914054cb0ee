#pragma once
// Parameters in non-volatile memory (ST-1): two slots written alternately, each with a version,
// a sequence number and a CRC-32, so that power lost in the middle of a write leaves the
// previous set intact. Values are stored as (id, value) pairs, so a firmware that adds
// parameters still reads an older set: the new ones get their defaults.
#include <cstddef>
#include <cstdint>

#include "hal/nvm.hpp"
#include "params/param_set.hpp"

namespace lfpbms {

enum class LoadResult : std::uint8_t {
  Loaded,    // a valid set was found and applied
  Blank,     // nothing stored yet: defaults kept
  Corrupt,   // something stored, nothing valid: defaults kept (raise an event)
};

class ParamStorage {
 public:
  static constexpr std::uint32_t kMagic = 0x5050464Cu;  // "LFPP"
  static constexpr std::uint16_t kFormat = 1;
  static constexpr std::size_t kSlotSize = 1024;

  ParamStorage(hal::Nvm& nvm, std::size_t offset) : nvm_(nvm), offset_(offset) {}

  LoadResult load(ParamSet& params);
  bool save(const ParamSet& params);
  std::size_t footprint() const { return 2 * kSlotSize; }

 private:
  struct SlotInfo {
    bool valid = false;
    bool blank = true;
    std::uint32_t sequence = 0;
  };
  SlotInfo read_slot(std::size_t slot, std::uint8_t series_count, ParamValues& values);

  hal::Nvm& nvm_;
  std::size_t offset_;
  std::uint32_t sequence_ = 0;
  std::size_t active_slot_ = 1;  // the next save goes to the other one
};

}  // namespace lfpbms
