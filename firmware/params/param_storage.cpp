#include "params/param_storage.hpp"

#include "core/bytes.hpp"

namespace lfpbms {

namespace {

constexpr std::size_t kHeader = ParamStorage::kPayloadHeader;

// The stored set over the defaults; false when it is not a valid set for this pack.
bool decode(const std::uint8_t* payload, std::size_t length, std::uint8_t series_count,
            ParamValues& values) {
  if (length < kHeader || (length - kHeader) % 4 != 0) return false;
  if (payload[0] != series_count) return false;  // a set made for another pack is not ours
  values = ParamSet::defaults(series_count);
  const std::size_t count = (length - kHeader) / 4;  // a newer firmware's extra ones: ignored
  for (std::size_t id = 0; id < count && id < kParamCount; ++id) {
    values[id] = static_cast<std::int32_t>(get_u32(payload + kHeader + 4 * id));
  }
  return ParamSet::check(values, series_count).ok();
}

}  // namespace

LoadResult ParamStorage::load(ParamSet& params) {
  const std::uint8_t series = params.series_count();
  std::uint8_t frame[kFrameSize];
  ParamValues values{};
  const LoadResult result =
      record_.load(frame, sizeof(frame), [&](const std::uint8_t* payload, std::size_t length) {
        return decode(payload, length, series, values);
      });
  if (result != LoadResult::Loaded) {
    params.restore_defaults();
    return result;
  }
  decode(frame + AbRecord::kHeaderSize, AbRecord::payload_length(frame), series, values);
  params.replace(values);
  return LoadResult::Loaded;
}

bool ParamStorage::save(const ParamSet& params) {
  std::uint8_t frame[kFrameSize];
  std::uint8_t* payload = frame + AbRecord::kHeaderSize;
  payload[0] = params.series_count();
  payload[1] = payload[2] = payload[3] = 0;
  for (std::size_t id = 0; id < kParamCount; ++id) {
    put_u32(payload + kHeader + 4 * id, static_cast<std::uint32_t>(params.values()[id]));
  }
  return record_.save(frame, kHeader + kParamCount * 4);
}

}  // namespace lfpbms
