#include "params/param_storage.hpp"

#include <array>

#include "core/bytes.hpp"
#include "core/crc32.hpp"

namespace lfpbms {

namespace {

constexpr std::size_t kHeaderSize = 16;  // magic, format, count, sequence, series, padding
constexpr std::size_t kPairSize = 5;     // id u8 + value i32
constexpr std::size_t kMaxPairs = (ParamStorage::kSlotSize - kHeaderSize - 4) / kPairSize;
static_assert(kParamCount <= kMaxPairs, "parameter slot too small");

using Slot = std::array<std::uint8_t, ParamStorage::kSlotSize>;

bool all_erased(const Slot& slot) {
  for (const auto b : slot) {
    if (b != 0xFF && b != 0x00) return false;
  }
  return true;
}

}  // namespace

ParamStorage::SlotInfo ParamStorage::read_slot(std::size_t slot, std::uint8_t series_count,
                                               ParamValues& values) {
  SlotInfo info;
  Slot buf{};
  if (!nvm_.read(offset_ + slot * kSlotSize, buf.data(), buf.size())) {
    info.blank = false;  // unreadable is not "nothing stored": report it as corrupt
    return info;
  }
  info.blank = all_erased(buf);
  if (info.blank) return info;
  const std::uint16_t count = get_u16(&buf[6]);
  if (get_u32(&buf[0]) != kMagic || get_u16(&buf[4]) != kFormat || count > kMaxPairs) return info;
  const std::size_t body = kHeaderSize + count * kPairSize;
  if (crc32(buf.data(), body) != get_u32(&buf[body])) return info;
  if (buf[12] != series_count) return info;  // a set made for another pack is not ours

  info.sequence = get_u32(&buf[8]);
  values = ParamSet::defaults(series_count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint8_t* pair = &buf[kHeaderSize + i * kPairSize];
    if (pair[0] < kParamCount) values[pair[0]] = static_cast<std::int32_t>(get_u32(pair + 1));
  }
  info.valid = ParamSet::check(values, series_count).ok();
  return info;
}

LoadResult ParamStorage::load(ParamSet& params) {
  ParamValues a_values{};
  ParamValues b_values{};
  const SlotInfo a = read_slot(0, params.series_count(), a_values);
  const SlotInfo b = read_slot(1, params.series_count(), b_values);
  if (!a.valid && !b.valid) {
    params.restore_defaults();
    sequence_ = 0;
    active_slot_ = 1;
    return (a.blank && b.blank) ? LoadResult::Blank : LoadResult::Corrupt;
  }
  const bool use_b = b.valid && (!a.valid || b.sequence > a.sequence);
  active_slot_ = use_b ? 1 : 0;
  sequence_ = use_b ? b.sequence : a.sequence;
  params.replace(use_b ? b_values : a_values);
  return LoadResult::Loaded;
}

bool ParamStorage::save(const ParamSet& params) {
  Slot buf{};
  buf.fill(0xFF);
  const std::uint32_t sequence = sequence_ + 1;
  put_u32(&buf[0], kMagic);
  put_u16(&buf[4], kFormat);
  put_u16(&buf[6], static_cast<std::uint16_t>(kParamCount));
  put_u32(&buf[8], sequence);
  buf[12] = params.series_count();
  buf[13] = buf[14] = buf[15] = 0;
  for (std::size_t i = 0; i < kParamCount; ++i) {
    std::uint8_t* pair = &buf[kHeaderSize + i * kPairSize];
    pair[0] = static_cast<std::uint8_t>(i);
    put_u32(pair + 1, static_cast<std::uint32_t>(params.values()[i]));
  }
  const std::size_t body = kHeaderSize + kParamCount * kPairSize;
  put_u32(&buf[body], crc32(buf.data(), body));

  const std::size_t target = 1 - active_slot_;
  if (!nvm_.write(offset_ + target * kSlotSize, buf.data(), buf.size())) return false;
  active_slot_ = target;
  sequence_ = sequence;
  return true;
}

}  // namespace lfpbms
