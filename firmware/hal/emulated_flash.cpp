#include "hal/emulated_flash.hpp"

#include <cstring>

#include "core/bytes.hpp"

namespace lfpbms::hal {

namespace {

bool word_erased(const std::uint8_t* p) {
  return p[0] == 0xFF && p[1] == 0xFF && p[2] == 0xFF && p[3] == 0xFF;
}

// Clears the lower half (rounded down) of the bits `target` clears: some, never all.
std::uint32_t half_programmed(std::uint32_t target) {
  std::uint32_t to_clear = ~target;
  std::uint32_t result = 0xFFFFFFFFu;
  unsigned count = 0;
  for (std::uint32_t bits = to_clear; bits != 0; bits &= bits - 1) ++count;
  for (unsigned done = 0; done < count / 2; ++done) {
    const std::uint32_t lowest = to_clear & (~to_clear + 1);
    result &= ~lowest;
    to_clear &= ~lowest;
  }
  return result;
}

}  // namespace

EmulatedFlash::EmulatedFlash(std::uint8_t* memory, std::size_t size, std::size_t sector_size,
                             std::uint32_t* erase_counts)
    : memory_(memory), size_(size), sector_size_(sector_size), erase_counts_(erase_counts) {
  const std::size_t sectors = sector_size == 0 ? 0 : size / sector_size;
  for (std::size_t i = 0; i < sectors; ++i) erase_counts_[i] = 0;
}

bool EmulatedFlash::read(std::size_t offset, std::uint8_t* data, std::size_t length) {
  if (!in_range(offset, length)) return false;
  if (length != 0) std::memcpy(data, memory_ + offset, length);
  return true;
}

EmulatedFlash::Step EmulatedFlash::step() {
  if (!powered_) return Step::Lost;
  if (cut_armed_) {
    if (steps_left_ == 0) {
      powered_ = false;
      cut_armed_ = false;
      return Step::Interrupted;
    }
    --steps_left_;
  }
  ++steps_;
  return Step::Done;
}

bool EmulatedFlash::erase_sector(std::size_t index) {
  if (index >= sector_count()) return false;
  const Step s = step();
  if (s == Step::Lost) return false;
  ++erase_counts_[index];
  std::uint8_t* sector = memory_ + index * sector_size_;
  if (s == Step::Interrupted) {
    for (std::size_t at = kWordSize; at < sector_size_; at += 2 * kWordSize) {
      std::memset(sector + at, 0xFF, kWordSize);
    }
    return false;
  }
  std::memset(sector, 0xFF, sector_size_);
  return true;
}

bool EmulatedFlash::program(std::size_t offset, const std::uint8_t* data, std::size_t length) {
  if (!powered_ || offset % kWordSize != 0 || length % kWordSize != 0 ||
      !in_range(offset, length)) {
    return false;
  }
  for (std::size_t at = 0; at < length; at += kWordSize) {
    if (!word_erased(memory_ + offset + at)) return false;
  }
  for (std::size_t at = 0; at < length; at += kWordSize) {
    const Step s = step();
    if (s == Step::Lost) return false;
    std::uint8_t* word = memory_ + offset + at;
    if (s == Step::Interrupted) {
      put_u32(word, half_programmed(get_u32(data + at)));
      return false;
    }
    std::memcpy(word, data + at, kWordSize);
  }
  return true;
}

std::uint32_t EmulatedFlash::erase_count(std::size_t sector) const {
  return sector < sector_count() ? erase_counts_[sector] : 0;
}

void EmulatedFlash::cut_power_after(std::uint64_t steps) {
  cut_armed_ = true;
  steps_left_ = steps;
}

void EmulatedFlash::restore_power() {
  cut_armed_ = false;
  powered_ = true;
}

}  // namespace lfpbms::hal
