#include "storage/event_log.hpp"

#include "core/bytes.hpp"
#include "core/crc32.hpp"

namespace lfpbms {

namespace {

constexpr std::size_t kCrcAt = EventLog::kRecordSize - 4;

std::int32_t clamp(std::int32_t v, std::int32_t lo, std::int32_t hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

void put_u24(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 3; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint32_t get_u24(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16;
}
std::int32_t sign_extend(std::uint32_t v, unsigned bits) {
  const std::uint32_t sign = 1u << (bits - 1);
  return static_cast<std::int32_t>(v ^ sign) - static_cast<std::int32_t>(sign);
}

// Two temperatures in 12 bits each (-204.8...204.7 °C in dC), three bytes.
void put_i12_pair(std::uint8_t* p, std::int16_t a, std::int16_t b) {
  const auto ua = static_cast<std::uint32_t>(clamp(a, -2048, 2047)) & 0xFFFu;
  const auto ub = static_cast<std::uint32_t>(clamp(b, -2048, 2047)) & 0xFFFu;
  put_u24(p, ua | ub << 12);
}
void get_i12_pair(const std::uint8_t* p, std::int16_t& a, std::int16_t& b) {
  const std::uint32_t v = get_u24(p);
  a = static_cast<std::int16_t>(sign_extend(v & 0xFFFu, 12));
  b = static_cast<std::int16_t>(sign_extend(v >> 12, 12));
}

void encode(const LogRecord& r, std::uint8_t* p) {
  const EventSnapshot& s = r.snapshot;
  put_u32(p, r.sequence);
  put_u32(p + 4, r.unix_time_s);
  put_u16(p + 8, r.code);
  put_u16(p + 10, s.max_cell_mV);
  put_u16(p + 12, s.min_cell_mV);
  put_u16(p + 14, static_cast<std::uint16_t>(clamp(s.soc_pptt, 0, 0xFFFF)));
  put_u24(p + 16, s.pack_voltage_mV > 0xFFFFFFu ? 0xFFFFFFu : s.pack_voltage_mV);
  put_u24(p + 19, static_cast<std::uint32_t>(clamp(s.current_mA, -0x800000, 0x7FFFFF)));
  put_i12_pair(p + 22, s.max_temperature_dC, s.min_temperature_dC);
  put_i12_pair(p + 25, s.mosfet_temperature_dC, s.ambient_temperature_dC);
  put_u32(p + kCrcAt, crc32(p, kCrcAt));
}

void decode(const std::uint8_t* p, LogRecord& r) {
  EventSnapshot& s = r.snapshot;
  r.sequence = get_u32(p);
  r.unix_time_s = get_u32(p + 4);
  r.code = get_u16(p + 8);
  s.max_cell_mV = get_u16(p + 10);
  s.min_cell_mV = get_u16(p + 12);
  s.soc_pptt = get_u16(p + 14);
  s.pack_voltage_mV = get_u24(p + 16);
  s.current_mA = sign_extend(get_u24(p + 19), 24);
  get_i12_pair(p + 22, s.max_temperature_dC, s.min_temperature_dC);
  get_i12_pair(p + 25, s.mosfet_temperature_dC, s.ambient_temperature_dC);
}

}  // namespace

EventLog::Slot EventLog::read_slot(std::size_t sector, std::size_t slot, LogRecord& out) {
  std::uint8_t p[kRecordSize];
  const std::size_t offset = (first_sector_ + sector) * nvm_.sector_size() + slot * kRecordSize;
  if (!nvm_.read(offset, p, sizeof(p))) return Slot::Garbage;
  bool blank = true;
  for (const std::uint8_t b : p) blank = blank && b == 0xFF;
  if (blank) return Slot::Blank;
  if (crc32(p, kCrcAt) != get_u32(p + kCrcAt)) return Slot::Garbage;
  decode(p, out);
  return Slot::Valid;
}

bool EventLog::mount() {
  mounted_ = true;
  const std::size_t per = records_per_sector();
  if (per == 0 || sector_count_ < 2) return false;  // no ring to keep: every write fails
  bool any = false;
  bool have_event = false;
  bool cleared = false;
  std::uint32_t newest = 0;
  std::uint32_t oldest_event = 0;
  std::uint32_t clear_mark = 0;
  std::size_t newest_sector = 0;
  std::size_t newest_slot = 0;
  LogRecord r;
  for (std::size_t s = 0; s < sector_count_; ++s) {
    for (std::size_t i = 0; i < per; ++i) {
      if (read_slot(s, i, r) != Slot::Valid) continue;
      if (!any || r.sequence > newest) {
        newest = r.sequence;
        newest_sector = s;
        newest_slot = i;
      }
      any = true;
      if (r.code == kClearMark) {
        clear_mark = cleared && clear_mark > r.sequence ? clear_mark : r.sequence;
        cleared = true;
      } else if (!have_event || r.sequence < oldest_event) {
        oldest_event = r.sequence;
        have_event = true;
      }
    }
  }
  if (!any) {  // blank, or nothing whole: start at the first sector, erased first
    head_ = sector_count_ - 1;
    slot_ = per;
    first_ = next_ = 0;
  } else {
    next_ = newest + 1;
    first_ = have_event ? oldest_event : next_;
    if (cleared && clear_mark + 1 > first_) first_ = clear_mark + 1;
    head_ = newest_sector;
    slot_ = newest_slot + 1;  // after the newest and anything half written after it
    for (std::size_t i = slot_; i < per; ++i) {
      if (read_slot(head_, i, r) != Slot::Blank) slot_ = i + 1;
    }
  }
  if (slot_ >= per) finish_interrupted_erase();
  return true;
}

// The head sector is full, so the last erase (if any) was of the one after it. If that holds
// no whole record and is not blank, the erase was cut: do it again now.
void EventLog::finish_interrupted_erase() {
  const std::size_t next = ring_next(head_);
  bool blank = true;
  LogRecord r;
  for (std::size_t i = 0; i < records_per_sector(); ++i) {
    const Slot s = read_slot(next, i, r);
    if (s == Slot::Valid) return;  // the oldest records: erased when the ring moves on
    blank = blank && s == Slot::Blank;
  }
  if (blank || !nvm_.erase_sector(first_sector_ + next)) return;
  head_ = next;
  slot_ = 0;
}

// The oldest record kept: the first whole one, in ring order from the oldest sector, that
// was not cleared.
void EventLog::find_first() {
  LogRecord r;
  std::size_t s = head_;
  for (std::size_t n = 0; n < sector_count_; ++n) {
    s = ring_next(s);
    for (std::size_t i = 0; i < records_per_sector(); ++i) {
      if (read_slot(s, i, r) == Slot::Valid && r.sequence >= first_ && r.code != kClearMark) {
        first_ = r.sequence;
        return;
      }
    }
  }
  first_ = next_;
}

// Into the next sector: erased first, which drops its records, the oldest.
bool EventLog::advance() {
  const std::size_t next = ring_next(head_);
  if (!nvm_.erase_sector(first_sector_ + next)) return false;
  head_ = next;
  slot_ = 0;
  find_first();
  return true;
}

bool EventLog::write(std::uint32_t unix_time_s, std::uint16_t code, const EventSnapshot& snapshot) {
  if (!mounted_) mount();
  const std::size_t per = records_per_sector();
  if (per == 0 || sector_count_ < 2 || (slot_ >= per && !advance())) {
    ++dropped_;
    return false;
  }
  std::uint8_t p[kRecordSize];
  encode({next_, unix_time_s, code, snapshot}, p);
  const std::size_t offset = (first_sector_ + head_) * nvm_.sector_size() + slot_ * kRecordSize;
  ++slot_;  // a cut write leaves part of a record: the slot is used either way
  if (!nvm_.program(offset, p, sizeof(p))) {
    ++dropped_;
    return false;
  }
  ++next_;
  return true;
}

bool EventLog::append(std::uint32_t unix_time_s, std::uint16_t code,
                      const EventSnapshot& snapshot) {
  if (code == kClearMark) return false;  // not an event
  return write(unix_time_s, code, snapshot);
}

bool EventLog::clear() {
  if (!write(0, kClearMark, {})) return false;
  first_ = next_;
  return true;
}

bool EventLog::read(std::uint32_t sequence, LogRecord& out) {
  if (!mounted_) mount();
  if (sequence < first_ || sequence >= next_) return false;
  const std::size_t per = records_per_sector();
  LogRecord r;
  std::size_t s = head_;
  for (std::size_t n = 0; n < sector_count_; ++n, s = (s + sector_count_ - 1) % sector_count_) {
    std::size_t i = 0;
    while (i < per && read_slot(s, i, r) != Slot::Valid) ++i;
    if (i == per || r.sequence > sequence) continue;  // nothing here, or only newer ones
    // Sequence numbers run on slot by slot, except after a half-written slot: try the slot
    // they point at first, then look through the sector.
    const std::uint32_t ahead = sequence - r.sequence;
    const std::size_t guess = ahead < per - i ? i + ahead : i;
    for (std::size_t j = guess, tries = 0; tries < per - i; ++tries, j = j + 1 < per ? j + 1 : i) {
      if (read_slot(s, j, r) == Slot::Valid && r.sequence == sequence) {
        if (r.code == kClearMark) return false;
        out = r;
        return true;
      }
    }
    return false;
  }
  return false;
}

}  // namespace lfpbms
