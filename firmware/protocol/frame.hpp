#pragma once
// The host protocol's ASCII frame (PROTOCOLS.md §1): `~ VER ADR CID1 CID2 LENGTH INFO CHKSUM CR`,
// every field but SOI and EOI in hex. One codec for both ends: the firmware parses requests and
// writes answers with it, the Linux client writes requests and parses answers with the same code.
#include <cstddef>
#include <cstdint>

namespace lfpbms::protocol {

inline constexpr char kSoi = '~';
inline constexpr char kEoi = '\r';
inline constexpr std::size_t kHeaderChars = 12;     // VER ADR CID1 CID2 LENGTH
inline constexpr std::size_t kMaxInfoChars = 4095;  // LENID is 12 bits
inline constexpr std::size_t kFrameOverheadChars = 1 + kHeaderChars + 4 + 1;
inline constexpr std::size_t kMaxFrameChars = kFrameOverheadChars + kMaxInfoChars;
inline constexpr std::uint8_t kCid1Battery = 0x46;
inline constexpr std::uint8_t kVer25 = 0x25;  // PACE v2.5
inline constexpr std::uint8_t kVer20 = 0x20;  // Pylontech v2.0

struct FrameHeader {
  std::uint8_t ver = kVer25;
  std::uint8_t adr = 0;
  std::uint8_t cid1 = kCid1Battery;
  std::uint8_t cid2 = 0;  // the command in a request, the return code in an answer
};

int hex_digit(char c);  // 0...15, or -1 when `c` is not a hex digit (either case)
std::uint8_t length_checksum(std::uint16_t lenid);
// Over every character from VER through the last INFO character.
std::uint16_t frame_checksum(const char* chars, std::size_t count);

// Binary fields, big-endian, out of the hex text of an INFO field. Reading past the end gives
// zeros and clears ok(), so a decoder reads a whole layout and checks once.
class InfoReader {
 public:
  InfoReader(const char* hex, std::size_t chars) : hex_(hex), chars_(chars & ~std::size_t{1}) {}

  std::uint8_t u8();
  std::uint16_t u16();
  std::int16_t s16() { return static_cast<std::int16_t>(u16()); }
  std::uint32_t u24();
  std::uint32_t u32();
  std::int32_t s32() { return static_cast<std::int32_t>(u32()); }
  void bytes(char* out, std::size_t count);  // raw bytes, e.g. ASCII text (not terminated)

  std::size_t remaining() const { return (chars_ - pos_) / 2; }
  bool at_end() const { return pos_ >= chars_; }
  bool ok() const { return ok_; }

 private:
  const char* hex_;
  std::size_t chars_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

// Writes one frame into a caller's buffer: begin() the header, the INFO fields in order, then
// finish() fills in LENGTH and CHKSUM and ends it with CR. Overflow is remembered, not written.
class FrameWriter {
 public:
  FrameWriter(char* buffer, std::size_t capacity) : buf_(buffer), cap_(capacity) {}

  void begin(const FrameHeader& header);
  void u8(std::uint8_t v) { hex(v, 2); }
  void u16(std::uint16_t v) { hex(v, 4); }
  void s16(std::int16_t v) { hex(static_cast<std::uint16_t>(v), 4); }
  void u24(std::uint32_t v) { hex(v & 0xFFFFFFu, 6); }
  void u32(std::uint32_t v) { hex(v, 8); }
  void s32(std::int32_t v) { hex(static_cast<std::uint32_t>(v), 8); }
  // `text` padded with spaces (not NUL) or cut to `width` bytes.
  void ascii(const char* text, std::size_t width);
  void bytes(const char* data, std::size_t count);
  // The frame's length in characters, or 0 when it did not fit or INFO is too long.
  std::size_t finish();

  // The return code of an answer, after its INFO has been written.
  void set_cid2(std::uint8_t cid2) { put_hex_at(7, cid2, 2); }
  const char* data() const { return buf_; }
  // INFO bytes that still fit, in the buffer and in LENID.
  std::size_t room_bytes() const {
    const std::size_t in_buffer = cap_ > pos_ + 5 ? (cap_ - pos_ - 5) / 2 : 0;
    const std::size_t in_lenid = (kMaxInfoChars - (pos_ - kInfoStart)) / 2;
    return ok_ ? (in_buffer < in_lenid ? in_buffer : in_lenid) : 0;
  }
  bool ok() const { return ok_; }

 private:
  static constexpr std::size_t kInfoStart = 1 + kHeaderChars;
  void hex(std::uint32_t value, int digits);
  void put_hex_at(std::size_t at, std::uint32_t value, int digits);

  char* buf_;
  std::size_t cap_;
  std::size_t pos_ = 0;
  bool ok_ = false;
};

enum class FrameStatus : std::uint8_t {
  Ok,
  BadChecksum,        // CHKSUM wrong
  BadLengthChecksum,  // LCHKSUM wrong
  BadFormat,          // not hex, too short or too long, LENID not the INFO's length
};

struct ParsedFrame {
  FrameStatus status = FrameStatus::BadFormat;
  bool header_valid = false;  // VER...CID2 were hex: the sender and its address are known
  FrameHeader header;
  const char* info = nullptr;  // hex text, inside the parser's buffer
  std::size_t info_chars = 0;
  InfoReader reader() const { return {info, info_chars}; }
};

// Collects characters into frames, a few at a time as they arrive. Anything before `~` is
// skipped; `~` always starts over; a frame ends at CR. A frame longer than the buffer is still
// followed to its CR and reported as BadFormat.
class FrameParser {
 public:
  FrameParser(char* buffer, std::size_t capacity) : buf_(buffer), cap_(capacity) {}

  // True when `c` completed a frame; frame() then describes it until the next push().
  bool push(char c);
  const ParsedFrame& frame() const { return frame_; }
  void reset() { state_ = State::Idle; }
  // On a bus every node hears every frame: one whose ADR is neither `address` nor 00 is
  // skipped to its CR without being stored or checked. kAnyAddress (the default) keeps all.
  static constexpr std::uint16_t kAnyAddress = 0x100;
  void set_address_filter(std::uint16_t address) { filter_ = address; }
  // In a frame for someone else: the caller may jump to the next CR or `~` (see push()).
  bool skipping() const { return state_ == State::Skipping; }
  bool idle() const { return state_ == State::Idle; }

 private:
  enum class State : std::uint8_t { Idle, InFrame, Skipping };
  bool filtered_out() const;
  void complete();

  char* buf_;
  std::size_t cap_;
  std::size_t len_ = 0;
  bool overflow_ = false;
  State state_ = State::Idle;
  std::uint16_t filter_ = kAnyAddress;
  ParsedFrame frame_;
};

}  // namespace lfpbms::protocol
