#pragma once
// NOR flash emulated in a byte array the board owns (a static array on the MCU demo, a vector
// in the twin and the tests): what a real part refuses, it refuses; what it wears, it counts;
// and power can be cut after any number of steps (one step = one word programmed or one sector
// erased) to prove that storage survives it. The step in progress when power goes is left
// half done, as on a real part: an interrupted erase leaves every other word erased and the
// rest as it was (neither old nor blank); an interrupted word keeps half of the bits it was to
// clear (never all of them). Every later step is lost.
#include <cstddef>
#include <cstdint>

#include "hal/nvm.hpp"

namespace lfpbms::hal {

class EmulatedFlash final : public Nvm {
 public:
  // `memory`: `size` bytes, a whole number of sectors, in whatever state the board gives it
  // (0xFF for a new part); `erase_counts`: one counter per sector, zeroed here.
  EmulatedFlash(std::uint8_t* memory, std::size_t size, std::size_t sector_size,
                std::uint32_t* erase_counts);

  std::size_t size() const override { return size_; }
  std::size_t sector_size() const override { return sector_size_; }
  bool read(std::size_t offset, std::uint8_t* data, std::size_t length) override;
  bool erase_sector(std::size_t index) override;
  bool program(std::size_t offset, const std::uint8_t* data, std::size_t length) override;

  // Wear: erases of one sector, interrupted ones included.
  std::uint32_t erase_count(std::size_t sector) const;
  // Steps completed since construction (words programmed + sectors erased).
  std::uint64_t steps() const { return steps_; }

  // Power goes after `steps` more completed steps; the one after is interrupted.
  void cut_power_after(std::uint64_t steps);
  void restore_power();
  bool powered() const { return powered_; }

 private:
  enum class Step : std::uint8_t { Done, Interrupted, Lost };
  Step step();
  bool in_range(std::size_t offset, std::size_t length) const {
    return offset <= size_ && length <= size_ - offset;  // no addition that could wrap
  }

  std::uint8_t* memory_;
  std::size_t size_;
  std::size_t sector_size_;
  std::uint32_t* erase_counts_;
  std::uint64_t steps_ = 0;
  std::uint64_t steps_left_ = 0;
  bool cut_armed_ = false;
  bool powered_ = true;
};

}  // namespace lfpbms::hal
