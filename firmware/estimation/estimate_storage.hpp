#pragma once
// What the estimator has learned, in non-volatile memory (ST-2): capacity, counters, the SOC and
// the sensor offset, so that a reset or a sleep loses none of it. Two slots written in turn,
// each with a sequence number and a CRC-32, like the parameters: power lost mid-write leaves the
// previous record.
#include <cstddef>
#include <cstdint>

#include "core/units.hpp"
#include "hal/nvm.hpp"

namespace lfpbms {

// What the pack has been through (SE-2): kept by PackEstimator, stored as they are.
struct UsageTotals {
  std::uint16_t cycle_count = 0;
  std::uint32_t cycle_progress_mAh = 0;  // discharged toward the next cycle
  std::uint32_t charged_mAh = 0;
  std::uint32_t discharged_mAh = 0;
  std::uint32_t charged_Wh = 0;
  std::uint32_t discharged_Wh = 0;
};

struct StoredEstimates {
  std::uint32_t design_capacity_mAh = 0;  // the rated capacity this was learned against
  std::uint32_t capacity_mAh = 0;         // learned, at 25 °C
  std::uint32_t capacity_sigma_mAh = 0;
  std::uint16_t capacity_segments = 0;
  UsageTotals usage;
  std::uint16_t soc_pptt = 0;
  std::uint16_t soc_sigma_pptt = 0;
  std::int32_t current_offset_uA = 0;
  std::uint32_t r0_25_uOhm = 0;
  std::int16_t cell_drift_pptt_day[kMaxCells] = {};  // self-discharge above the pack's
};

class EstimateStorage {
 public:
  static constexpr std::uint32_t kMagic = 0x45504C46u;  // "FLPE"
  static constexpr std::uint16_t kFormat = 1;
  static constexpr std::size_t kSlotSize = 128;

  EstimateStorage(hal::Nvm& nvm, std::size_t offset) : nvm_(nvm), offset_(offset) {}

  // False when nothing valid is stored (blank or corrupt): `out` is left alone.
  bool load(StoredEstimates& out);
  bool save(const StoredEstimates& e);
  std::size_t footprint() const { return 2 * kSlotSize; }

 private:
  bool read_slot(std::size_t slot, StoredEstimates& out, std::uint32_t& sequence);

  hal::Nvm& nvm_;
  std::size_t offset_;
  std::uint32_t sequence_ = 0;
  std::size_t active_slot_ = 1;
};

}  // namespace lfpbms
