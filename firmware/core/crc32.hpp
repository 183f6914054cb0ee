#pragma once
#include <cstddef>
#include <cstdint>

namespace lfpbms {

// CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320), as zlib computes it. Pass the previous
// result as `crc` to continue over several buffers.
std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0);

}  // namespace lfpbms
