#include "storage/ab_record.hpp"

#include "core/bytes.hpp"
#include "core/crc32.hpp"

namespace lfpbms {

std::size_t AbRecord::payload_length(const std::uint8_t* frame) {
  return get_u16(frame + 6);
}

bool AbRecord::sector_blank(std::size_t copy) {
  const std::size_t sector_size = nvm_.sector_size();
  const std::size_t base = (first_sector_ + copy) * sector_size;
  std::uint8_t chunk[64];
  for (std::size_t at = 0; at < sector_size; at += sizeof(chunk)) {
    const std::size_t n = sector_size - at < sizeof(chunk) ? sector_size - at : sizeof(chunk);
    if (!nvm_.read(base + at, chunk, n)) return false;
    for (std::size_t i = 0; i < n; ++i) {
      if (chunk[i] != 0xFF) return false;
    }
  }
  return true;
}

AbRecord::Copy AbRecord::read_copy(std::size_t copy, std::uint8_t* frame, std::size_t capacity) {
  Copy c;
  const std::size_t sector_size = nvm_.sector_size();
  const std::size_t base = (first_sector_ + copy) * sector_size;
  if (capacity < kHeaderSize || !nvm_.read(base, frame, kHeaderSize)) return c;
  const std::size_t size = frame_size(payload_length(frame));
  const bool framed = get_u32(frame) == magic_ && get_u16(frame + 4) == format_ &&
                      size <= capacity && size <= sector_size;
  if (!framed) {
    if (sector_blank(copy)) c.state = State::Blank;
    return c;
  }
  if (!nvm_.read(base + kHeaderSize, frame + kHeaderSize, size - kHeaderSize)) return c;
  if (crc32(frame, size - 4) != get_u32(frame + size - 4)) return c;
  c.state = State::Valid;
  c.sequence = get_u32(frame + 8);
  return c;
}

LoadResult AbRecord::choose(const Copy (&copies)[2], std::uint8_t* frame, std::size_t capacity) {
  const bool a = copies[0].state == State::Valid;
  const bool b = copies[1].state == State::Valid;
  if (!a && !b) {
    sequence_ = 0;
    newest_ = 1;  // the first save goes to A
    const bool blank = copies[0].state == State::Blank && copies[1].state == State::Blank;
    return blank ? LoadResult::Blank : LoadResult::Corrupt;
  }
  newest_ = b && (!a || copies[1].sequence > copies[0].sequence) ? 1 : 0;
  sequence_ = copies[newest_].sequence;
  // B was read last: A's frame must be read again.
  if (newest_ == 0 && read_copy(0, frame, capacity).state != State::Valid)
    return LoadResult::Corrupt;
  return LoadResult::Loaded;
}

bool AbRecord::save(std::uint8_t* frame, std::size_t payload_length) {
  const std::size_t sector_size = nvm_.sector_size();
  const std::size_t size = frame_size(payload_length);
  if (size > sector_size || payload_length > 0xFFFF) return false;
  const std::uint32_t next = sequence_ + 1;
  put_u32(frame, magic_);
  put_u16(frame + 4, format_);
  put_u16(frame + 6, static_cast<std::uint16_t>(payload_length));
  put_u32(frame + 8, next);
  for (std::size_t at = kHeaderSize + payload_length; at < size - 4; ++at) frame[at] = 0xFF;
  put_u32(frame + size - 4, crc32(frame, size - 4));

  const std::size_t target = 1 - newest_;
  const std::size_t sector = first_sector_ + target;
  if (!nvm_.erase_sector(sector) || !nvm_.program(sector * sector_size, frame, size)) return false;
  newest_ = target;
  sequence_ = next;
  return true;
}

}  // namespace lfpbms
