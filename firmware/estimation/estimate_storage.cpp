#include "estimation/estimate_storage.hpp"

#include "core/bytes.hpp"

namespace lfpbms {

namespace {

// One field list for both directions, so that the layout cannot differ between them.
template <typename Field32, typename Field16>
void fields(StoredEstimates& e, Field32 f32, Field16 f16) {
  f32(e.design_capacity_mAh);
  f32(e.capacity_mAh);
  f32(e.capacity_sigma_mAh);
  f16(e.capacity_segments);
  f16(e.usage.cycle_count);
  f32(e.usage.cycle_progress_mAh);
  f32(e.usage.charged_mAh);
  f32(e.usage.discharged_mAh);
  f32(e.usage.charged_Wh);
  f32(e.usage.discharged_Wh);
  f16(e.soc_pptt);
  f16(e.soc_sigma_pptt);
  std::uint32_t offset = static_cast<std::uint32_t>(e.current_offset_uA);
  f32(offset);
  e.current_offset_uA = static_cast<std::int32_t>(offset);
  f32(e.r0_25_uOhm);
  for (auto& d : e.cell_drift_pptt_day) {
    std::uint16_t u = static_cast<std::uint16_t>(d);
    f16(u);
    d = static_cast<std::int16_t>(u);
  }
}

std::size_t write_fields(StoredEstimates e, std::uint8_t* p) {
  std::size_t at = 0;
  fields(
      e, [&](const std::uint32_t& v) { put_u32(p + at, v), at += 4; },
      [&](const std::uint16_t& v) { put_u16(p + at, v), at += 2; });
  return at;
}

std::size_t read_fields(StoredEstimates& e, const std::uint8_t* p) {
  std::size_t at = 0;
  fields(
      e, [&](std::uint32_t& v) { v = get_u32(p + at), at += 4; },
      [&](std::uint16_t& v) { v = get_u16(p + at), at += 2; });
  return at;
}

}  // namespace

bool EstimateStorage::load(StoredEstimates& out) {
  std::uint8_t frame[kFrameSize];
  const LoadResult result =
      record_.load(frame, sizeof(frame),
                   [](const std::uint8_t*, std::size_t length) { return length == kPayloadSize; });
  if (result != LoadResult::Loaded) return false;
  StoredEstimates e;
  read_fields(e, frame + AbRecord::kHeaderSize);
  out = e;
  return true;
}

bool EstimateStorage::save(const StoredEstimates& e) {
  std::uint8_t frame[kFrameSize];
  const std::size_t length = write_fields(e, frame + AbRecord::kHeaderSize);
  return record_.save(frame, length);
}

}  // namespace lfpbms
