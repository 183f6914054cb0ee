#pragma once
// One record kept as two copies, A and B, each in a sector of its own (ST-1, ST-2): a save
// erases the sector of the older copy and programs the new one there with the next sequence
// number and a CRC-32; a load takes the newest copy that is whole. Power lost at any step of a
// save leaves the other copy, which is the last complete one.
//
// A copy (little-endian, programmed in this order, so the CRC is the last word written):
//   0 magic u32 | 4 format u16 | 6 payload length u16 | 8 sequence u32 | 12 payload |
//   0xFF up to a whole word | CRC-32 of everything before it
#include <cstddef>
#include <cstdint>

#include "hal/nvm.hpp"

namespace lfpbms {

enum class LoadResult : std::uint8_t {
  Loaded,   // a valid copy was found
  Blank,    // nothing stored yet: both sectors erased
  Corrupt,  // something stored, nothing valid
};

class AbRecord {
 public:
  static constexpr std::size_t kHeaderSize = 12;

  // The size of a copy carrying `payload` bytes: what the caller's buffer must hold.
  static constexpr std::size_t frame_size(std::size_t payload) {
    return (kHeaderSize + payload + 3) / 4 * 4 + 4;
  }

  // Copy A in `first_sector`, copy B in the next one.
  AbRecord(hal::Nvm& nvm, std::size_t first_sector, std::uint32_t magic, std::uint16_t format)
      : nvm_(nvm), first_sector_(first_sector), magic_(magic), format_(format) {}

  // Reads both copies into `frame` (`capacity` bytes) in turn; a copy counts when its frame is
  // whole and `accept(payload, length)` agrees. On Loaded, `frame` holds the newest one and
  // its payload is at frame + kHeaderSize, payload_length(frame) bytes long.
  template <typename Accept>
  LoadResult load(std::uint8_t* frame, std::size_t capacity, Accept&& accept) {
    Copy copies[2];
    for (std::size_t i = 0; i < 2; ++i) {
      copies[i] = read_copy(i, frame, capacity);
      if (copies[i].state == State::Valid &&
          !accept(static_cast<const std::uint8_t*>(frame + kHeaderSize), payload_length(frame))) {
        copies[i].state = State::Invalid;
      }
    }
    return choose(copies, frame, capacity);
  }

  // `frame` holds the payload at frame + kHeaderSize and room for frame_size(payload_length)
  // bytes; the header, padding and CRC are filled in here. False when the copy could not be
  // written (too large for a sector, the part failed): the last saved copy is still there.
  bool save(std::uint8_t* frame, std::size_t payload_length);

  static std::size_t payload_length(const std::uint8_t* frame);
  std::uint32_t sequence() const { return sequence_; }

 private:
  enum class State : std::uint8_t { Blank, Invalid, Valid };
  struct Copy {
    State state = State::Invalid;
    std::uint32_t sequence = 0;
  };
  Copy read_copy(std::size_t copy, std::uint8_t* frame, std::size_t capacity);
  bool sector_blank(std::size_t copy);
  LoadResult choose(const Copy (&copies)[2], std::uint8_t* frame, std::size_t capacity);

  hal::Nvm& nvm_;
  std::size_t first_sector_;
  std::uint32_t magic_;
  std::uint16_t format_;
  std::uint32_t sequence_ = 0;
  std::size_t newest_ = 1;  // the copy the next save must not touch
};

}  // namespace lfpbms
