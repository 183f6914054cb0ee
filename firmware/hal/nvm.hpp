#pragma once
#include <cstddef>
#include <cstdint>

namespace lfpbms::hal {

// Non-volatile memory shaped like NOR flash: reads anywhere; writes only by erasing a whole
// sector (every byte 0xFF) and then programming 4-byte words that are still erased. A word
// is never programmed twice between erases, so callers lay out their data to be appended,
// and keep two copies or a CRC per record: power may go in the middle of any erase or word.
class Nvm {
 public:
  static constexpr std::size_t kWordSize = 4;

  virtual std::size_t size() const = 0;
  virtual std::size_t sector_size() const = 0;
  virtual bool read(std::size_t offset, std::uint8_t* data, std::size_t length) = 0;
  // False when the index is beyond the end or the erase failed.
  virtual bool erase_sector(std::size_t index) = 0;
  // `offset` and `length` in whole words, every word in the range erased; otherwise refused
  // (false, nothing changed). False also when the part failed or lost power midway.
  virtual bool program(std::size_t offset, const std::uint8_t* data, std::size_t length) = 0;

  std::size_t sector_count() const { return sector_size() == 0 ? 0 : size() / sector_size(); }

 protected:
  ~Nvm() = default;
};

}  // namespace lfpbms::hal
