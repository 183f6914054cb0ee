#include "host/client/decode.hpp"

#include "host/client/errors.hpp"
#include "protocol/field_io.hpp"
#include "protocol/pylon_protocol.hpp"

namespace lfpbms::host {
namespace {

using protocol::Rtn;

// Reads `count` blocks that follow one another, each perhaps followed by a few bytes that vary
// between firmwares (none, one, ten...). A bank's packs have one cell count, so every block
// has the size of the first, and what is left over divides evenly between them.
template <class Block, class ReadBlock>
std::vector<Block> read_blocks(protocol::InfoReader& r, std::uint8_t count, bool all,
                               std::uint8_t first_address, ReadBlock read_block) {
  std::vector<Block> out(count);
  const std::size_t start = r.remaining();
  std::size_t trailer = 0;
  for (std::uint8_t i = 0; i < count; ++i) {
    out[i].address = all ? static_cast<std::uint8_t>(first_address + i) : first_address;
    read_block(out[i].block);
    if (i == 0 && count > 1) {
      const std::size_t block_bytes = start - r.remaining();
      const std::size_t spare = start - count * block_bytes;
      if (start < count * block_bytes || spare % count != 0) {
        throw ProtocolError(Rtn::FormatError, "multi-pack answer: blocks of different sizes");
      }
      trailer = spare / count;
    }
    for (std::size_t k = 0; k < trailer && !r.at_end(); ++k) r.u8();
  }
  return out;
}

void check(const protocol::FieldDecoder& dec, const char* what) {
  if (!dec.ok())
    throw ProtocolError(Rtn::FormatError, std::string("malformed ") + what + " answer");
}

}  // namespace

std::vector<PackAnalog> decode_analog(const Answer& a, bool all) {
  protocol::InfoReader r = a.reader();
  protocol::FieldDecoder dec(r);
  const bool v20 = a.header.ver == protocol::kVer20;
  r.u8();                         // data flag
  const std::uint8_t n = r.u8();  // pack count (all) or address
  auto block = [&](protocol::AnalogBlock& b) {
    protocol::analog_layout(dec, b, v20 ? protocol::kPylonUnits : protocol::kPaceUnits);
    if (v20) {
      protocol::pylon_capacity_layout(dec, b);
    } else {
      protocol::pace_capacity_layout(dec, b);
    }
  };
  auto packs = read_blocks<PackAnalog>(r, all ? n : 1, all, all ? 1 : n, block);
  check(dec, "analog");
  return packs;
}

std::vector<PackAlarms> decode_alarms(const Answer& a, bool all) {
  protocol::InfoReader r = a.reader();
  protocol::FieldDecoder dec(r);
  const bool v20 = a.header.ver == protocol::kVer20;
  r.u8();
  const std::uint8_t n = r.u8();
  auto block = [&](protocol::AlarmBlock& b) {
    protocol::alarm_layout(dec, b);
    if (!v20) {
      protocol::pace_status_layout(dec, b);
      return;
    }
    for (int k = 0; k < 5; ++k) r.u8();  // Pylontech status 1...5: not mapped back
  };
  auto packs = read_blocks<PackAlarms>(r, all ? n : 1, all, all ? 1 : n, block);
  check(dec, "alarm");
  return packs;
}

std::string decode_text(protocol::InfoReader& r, std::size_t bytes) {
  std::string s(bytes, ' ');
  r.bytes(s.data(), bytes);
  const auto end = s.find_last_not_of(std::string(" \0", 2));
  return end == std::string::npos ? std::string() : s.substr(0, end + 1);
}

}  // namespace lfpbms::host
