#include "storage/credential_storage.hpp"

#include "core/bytes.hpp"

namespace lfpbms {

bool CredentialStorage::load(protocol::Credentials& out) {
  std::uint8_t frame[AbRecord::frame_size(kPayload)];
  const LoadResult r = record_.load(
      frame, sizeof(frame), [](const std::uint8_t*, std::size_t n) { return n == kPayload; });
  if (r != LoadResult::Loaded) return false;
  const std::uint8_t* p = frame + AbRecord::kHeaderSize;
  out.salt = get_u32(p);
  out.hash = static_cast<std::uint64_t>(get_u32(p + 4)) | static_cast<std::uint64_t>(get_u32(p + 8))
                                                              << 32;
  return true;
}

bool CredentialStorage::save(const protocol::Credentials& in) {
  std::uint8_t frame[AbRecord::frame_size(kPayload)];
  std::uint8_t* p = frame + AbRecord::kHeaderSize;
  put_u32(p, in.salt);
  put_u32(p + 4, static_cast<std::uint32_t>(in.hash));
  put_u32(p + 8, static_cast<std::uint32_t>(in.hash >> 32));
  return record_.save(frame, kPayload);
}

}  // namespace lfpbms
