#pragma once
// The event and data log (ST-3): a ring of fixed-size records over a run of flash sectors.
// Each record is programmed once into erased words, in order, its CRC last; a sector is erased
// only when the ring moves into it, so a record costs 8 word writes and every 128th one an
// erase too (4 KiB sectors), and the ring wears its sectors evenly. Sequence numbers count up
// across resets and clears and are never given to two records; at least capacity() minus one
// sector's worth of the newest records are always kept.
//
// Power may go at any step: mount() finds the newest record, never takes a half-written one
// for a record, writes after anything half written, and redoes an interrupted erase. A
// record whose write was cut was never committed; its sequence number goes to the next one.
//
// A record (32 bytes, little-endian):
//   0 sequence u32 | 4 unix time u32 | 8 code u16 (Event::code(); 0 = the clear mark) |
//   10 max cell mV u16 | 12 min cell mV u16 | 14 SOC pptt u16 | 16 pack mV u24 |
//   19 current mA i24 | 22 max, min, MOSFET, ambient temperature dC, i12 each |
//   28 CRC-32 of bytes 0...27
#include <cstddef>
#include <cstdint>

#include "events/event.hpp"
#include "hal/nvm.hpp"

namespace lfpbms {

struct LogRecord {
  std::uint32_t sequence = 0;
  std::uint32_t unix_time_s = 0;
  std::uint16_t code = 0;
  EventSnapshot snapshot;
};

class EventLog final : public EventSink {
 public:
  static constexpr std::size_t kRecordSize = 32;
  static constexpr std::uint16_t kClearMark = 0;  // no event has kind 0

  // The ring takes `sector_count` (at least 2) sectors from `first_sector` on.
  EventLog(hal::Nvm& nvm, std::size_t first_sector, std::size_t sector_count)
      : nvm_(nvm), first_sector_(first_sector), sector_count_(sector_count) {}

  // After power-up, before anything else (the other calls mount on first use).
  bool mount();

  void record(const Event& event) override {
    append(event.unix_time_s, event.code(), event.snapshot);
  }
  bool append(std::uint32_t unix_time_s, std::uint16_t code, const EventSnapshot& snapshot);

  std::uint32_t first_sequence() const { return first_; }  // the oldest kept
  std::uint32_t next_sequence() const { return next_; }    // one past the newest
  // False when there is no such record: cleared, overwritten, or never written.
  bool read(std::uint32_t sequence, LogRecord& out);
  // Forgets every record; the sequence numbers go on counting up.
  bool clear();

  std::size_t capacity() const { return sector_count_ * records_per_sector(); }
  std::size_t records_per_sector() const { return nvm_.sector_size() / kRecordSize; }
  std::uint32_t dropped() const { return dropped_; }  // records the flash refused

 private:
  enum class Slot : std::uint8_t { Blank, Garbage, Valid };
  Slot read_slot(std::size_t sector, std::size_t slot, LogRecord& out);
  bool write(std::uint32_t unix_time_s, std::uint16_t code, const EventSnapshot& snapshot);
  bool advance();
  void finish_interrupted_erase();
  void find_first();
  std::size_t ring_next(std::size_t sector) const { return (sector + 1) % sector_count_; }

  hal::Nvm& nvm_;
  std::size_t first_sector_;
  std::size_t sector_count_;
  std::size_t head_ = 0;  // the sector (0...sector_count-1) being written
  std::size_t slot_ = 0;  // its next free slot; records_per_sector() when full
  std::uint32_t first_ = 0;
  std::uint32_t next_ = 0;
  std::uint32_t dropped_ = 0;
  bool mounted_ = false;
};

}  // namespace lfpbms
