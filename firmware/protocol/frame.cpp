#include "protocol/frame.hpp"

namespace lfpbms::protocol {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

bool parse_hex(const char* p, int digits, std::uint32_t& out) {
  out = 0;
  for (int i = 0; i < digits; ++i) {
    const int d = hex_digit(p[i]);
    if (d < 0) return false;
    out = out << 4 | static_cast<std::uint32_t>(d);
  }
  return true;
}

}  // namespace

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::uint8_t length_checksum(std::uint16_t lenid) {
  if (lenid == 0) return 0;
  const unsigned sum = (lenid & 0xFu) + (lenid >> 4 & 0xFu) + (lenid >> 8 & 0xFu);
  return static_cast<std::uint8_t>((16u - sum % 16u) % 16u);
}

std::uint16_t frame_checksum(const char* chars, std::size_t count) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < count; ++i) sum += static_cast<unsigned char>(chars[i]);
  return static_cast<std::uint16_t>(0x10000u - (sum & 0xFFFFu));
}

// ---- InfoReader ----

std::uint8_t InfoReader::u8() {
  std::uint32_t v = 0;
  if (pos_ + 2 > chars_ || !parse_hex(hex_ + pos_, 2, v)) {
    ok_ = false;
    pos_ = chars_;
    return 0;
  }
  pos_ += 2;
  return static_cast<std::uint8_t>(v);
}

std::uint16_t InfoReader::u16() {
  const std::uint8_t hi = u8();
  return static_cast<std::uint16_t>(hi << 8 | u8());
}

std::uint32_t InfoReader::u24() {
  const std::uint32_t hi = u8();
  return hi << 16 | u16();
}

std::uint32_t InfoReader::u32() {
  const std::uint32_t hi = u16();
  return hi << 16 | u16();
}

void InfoReader::bytes(char* out, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<char>(u8());
}

// ---- FrameWriter ----

void FrameWriter::begin(const FrameHeader& header) {
  pos_ = 0;
  ok_ = cap_ >= kFrameOverheadChars;
  if (!ok_) return;
  buf_[0] = kSoi;
  put_hex_at(1, header.ver, 2);
  put_hex_at(3, header.adr, 2);
  put_hex_at(5, header.cid1, 2);
  put_hex_at(7, header.cid2, 2);
  pos_ = kInfoStart;  // LENGTH is filled in by finish()
}

void FrameWriter::put_hex_at(std::size_t at, std::uint32_t value, int digits) {
  for (int i = digits - 1; i >= 0; --i) {
    buf_[at++] = kHexDigits[(value >> (4 * i)) & 0xFu];
  }
}

void FrameWriter::hex(std::uint32_t value, int digits) {
  const auto n = static_cast<std::size_t>(digits);
  // Room is kept for CHKSUM and CR after INFO.
  if (!ok_ || pos_ + n + 5 > cap_ || pos_ + n - kInfoStart > kMaxInfoChars) {
    ok_ = false;
    return;
  }
  put_hex_at(pos_, value, digits);
  pos_ += n;
}

void FrameWriter::ascii(const char* text, std::size_t width) {
  std::size_t i = 0;
  for (; i < width && text != nullptr && text[i] != '\0'; ++i)
    u8(static_cast<std::uint8_t>(text[i]));
  for (; i < width; ++i) u8(' ');
}

void FrameWriter::bytes(const char* data, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) u8(static_cast<std::uint8_t>(data[i]));
}

std::size_t FrameWriter::finish() {
  if (!ok_) return 0;
  const auto lenid = static_cast<std::uint16_t>(pos_ - kInfoStart);
  put_hex_at(9, static_cast<std::uint32_t>(length_checksum(lenid)) << 12 | lenid, 4);
  put_hex_at(pos_, frame_checksum(buf_ + 1, pos_ - 1), 4);
  pos_ += 4;
  buf_[pos_++] = kEoi;
  return pos_;
}

// ---- FrameParser ----

bool FrameParser::push(char c) {
  if (c == kSoi) {
    state_ = State::InFrame;
    len_ = 0;
    overflow_ = false;
    return false;
  }
  if (state_ != State::InFrame) {
    if (c == kEoi) state_ = State::Idle;
    return false;
  }
  if (c == kEoi) {
    state_ = State::Idle;
    complete();
    return true;
  }
  if (len_ < cap_) {
    buf_[len_] = c;
  } else {
    overflow_ = true;
  }
  ++len_;
  if (len_ == 4 && filtered_out()) state_ = State::Skipping;
  return false;
}

// VER and ADR are in: is this frame for someone else?
bool FrameParser::filtered_out() const {
  std::uint32_t adr = 0;
  if (filter_ == kAnyAddress || cap_ < 4 || !parse_hex(buf_ + 2, 2, adr)) return false;
  return adr != filter_ && adr != 0;
}

void FrameParser::complete() {
  frame_ = ParsedFrame{};
  std::uint32_t ver = 0, adr = 0, cid1 = 0, cid2 = 0, length = 0;
  frame_.header_valid = len_ >= 8 && !overflow_ && parse_hex(buf_, 2, ver) &&
                        parse_hex(buf_ + 2, 2, adr) && parse_hex(buf_ + 4, 2, cid1) &&
                        parse_hex(buf_ + 6, 2, cid2);
  if (frame_.header_valid) {
    frame_.header = {static_cast<std::uint8_t>(ver), static_cast<std::uint8_t>(adr),
                     static_cast<std::uint8_t>(cid1), static_cast<std::uint8_t>(cid2)};
  }
  if (!frame_.header_valid || len_ < kHeaderChars + 4 || !parse_hex(buf_ + 8, 4, length)) return;
  const std::size_t info_chars = len_ - kHeaderChars - 4;
  std::uint32_t checksum = 0;
  if (!parse_hex(buf_ + len_ - 4, 4, checksum)) return;
  if (checksum != frame_checksum(buf_, len_ - 4)) {
    frame_.status = FrameStatus::BadChecksum;
    return;
  }
  const auto lenid = static_cast<std::uint16_t>(length & 0xFFFu);
  if (length >> 12 != length_checksum(lenid)) {
    frame_.status = FrameStatus::BadLengthChecksum;
    return;
  }
  if (lenid != info_chars || info_chars % 2 != 0) return;
  for (std::size_t i = 0; i < info_chars; ++i) {
    if (hex_digit(buf_[kHeaderChars + i]) < 0) return;
  }
  frame_.info = buf_ + kHeaderChars;
  frame_.info_chars = info_chars;
  frame_.status = FrameStatus::Ok;
}

}  // namespace lfpbms::protocol
