#include "estimation/estimate_storage.hpp"

#include "core/bytes.hpp"
#include "core/crc32.hpp"

namespace lfpbms {

namespace {

constexpr std::size_t kHeaderSize = 12;  // magic, format, padding, sequence
constexpr std::size_t kBodySize = kHeaderSize + 48 + std::size_t{2} * kMaxCells;
static_assert(kBodySize + 4 <= EstimateStorage::kSlotSize, "estimate slot too small");
using Slot = std::uint8_t[EstimateStorage::kSlotSize];

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
  std::size_t at = kHeaderSize;
  fields(
      e, [&](const std::uint32_t& v) { put_u32(p + at, v), at += 4; },
      [&](const std::uint16_t& v) { put_u16(p + at, v), at += 2; });
  return at;
}

std::size_t read_fields(StoredEstimates& e, const std::uint8_t* p) {
  std::size_t at = kHeaderSize;
  fields(
      e, [&](std::uint32_t& v) { v = get_u32(p + at), at += 4; },
      [&](std::uint16_t& v) { v = get_u16(p + at), at += 2; });
  return at;
}

}  // namespace

bool EstimateStorage::read_slot(std::size_t slot, StoredEstimates& out, std::uint32_t& sequence) {
  Slot buf{};
  if (!nvm_.read(offset_ + slot * kSlotSize, buf, kSlotSize)) return false;
  if (get_u32(buf) != kMagic || get_u16(buf + 4) != kFormat) return false;
  StoredEstimates e;
  const std::size_t body = read_fields(e, buf);
  if (crc32(buf, body) != get_u32(buf + body)) return false;
  sequence = get_u32(buf + 8);
  out = e;
  return true;
}

bool EstimateStorage::load(StoredEstimates& out) {
  StoredEstimates a;
  StoredEstimates b;
  std::uint32_t seq_a = 0;
  std::uint32_t seq_b = 0;
  const bool have_a = read_slot(0, a, seq_a);
  const bool have_b = read_slot(1, b, seq_b);
  if (!have_a && !have_b) return false;
  const bool use_b = have_b && (!have_a || seq_b > seq_a);
  out = use_b ? b : a;
  active_slot_ = use_b ? 1 : 0;
  sequence_ = use_b ? seq_b : seq_a;
  return true;
}

bool EstimateStorage::save(const StoredEstimates& e) {
  Slot buf{};
  for (auto& byte : buf) byte = 0xFF;
  put_u32(buf, kMagic);
  put_u16(buf + 4, kFormat);
  put_u16(buf + 6, 0);
  put_u32(buf + 8, sequence_ + 1);
  const std::size_t body = write_fields(e, buf);
  put_u32(buf + body, crc32(buf, body));
  const std::size_t target = 1 - active_slot_;
  if (!nvm_.write(offset_ + target * kSlotSize, buf, kSlotSize)) return false;
  active_slot_ = target;
  ++sequence_;
  return true;
}

}  // namespace lfpbms
