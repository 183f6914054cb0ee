#pragma once
// The NVM of a board that keeps it in RAM (the fake board, the plant demo, the twin, the
// replay): copies in and out of a byte array, refused when any part would fall outside it
// (checked without an addition that could wrap).
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace lfpbms::hal {

inline bool ram_nvm_read(const std::uint8_t* memory, std::size_t size, std::size_t offset,
                         std::uint8_t* data, std::size_t length) {
  if (offset > size || length > size - offset) return false;
  std::memcpy(data, memory + offset, length);
  return true;
}

inline bool ram_nvm_write(std::uint8_t* memory, std::size_t size, std::size_t offset,
                          const std::uint8_t* data, std::size_t length) {
  if (offset > size || length > size - offset) return false;
  std::memcpy(memory + offset, data, length);
  return true;
}

}  // namespace lfpbms::hal
