#pragma once
#include <cstddef>
#include <cstdint>

namespace lfpbms::hal {

// Byte-addressed non-volatile memory (EEPROM/FRAM, or flash behind a page driver).
// A write may be cut by power loss at any byte; callers keep their own copies and CRCs.
class Nvm {
 public:
  virtual std::size_t size() const = 0;
  virtual bool read(std::size_t offset, std::uint8_t* data, std::size_t length) = 0;
  virtual bool write(std::size_t offset, const std::uint8_t* data, std::size_t length) = 0;

 protected:
  ~Nvm() = default;
};

}  // namespace lfpbms::hal
