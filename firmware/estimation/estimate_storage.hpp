#pragma once
// What the estimator has learned, in non-volatile memory (ST-2): capacity, counters, the SOC and
// the sensor offset, so that a reset or a sleep loses none of it. An A/B record like the
// parameters (storage/ab_record.hpp): power lost mid-write leaves the previous record.
#include <cstddef>
#include <cstdint>

#include "core/units.hpp"
#include "storage/ab_record.hpp"

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
  static constexpr std::uint16_t kFormat = 2;
  static constexpr std::size_t kPayloadSize = 48 + std::size_t{2} * kMaxCells;
  static constexpr std::size_t kFrameSize = AbRecord::frame_size(kPayloadSize);

  // The two copies sit in `first_sector` and the one after it.
  EstimateStorage(hal::Nvm& nvm, std::size_t first_sector)
      : record_(nvm, first_sector, kMagic, kFormat) {}

  // False when nothing valid is stored (blank or corrupt): `out` is left alone.
  bool load(StoredEstimates& out);
  bool save(const StoredEstimates& e);

 private:
  AbRecord record_;
};

}  // namespace lfpbms
