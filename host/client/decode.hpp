#pragma once
// Answers to the firmware's wire blocks, with the layouts the battery encodes with
// (firmware/protocol/wire_model.hpp). Separate from the link so that captured frames from real
// packs decode through exactly this code in the conformance tests.
#include <cstdint>
#include <string>
#include <vector>

#include "protocol/frame.hpp"
#include "protocol/wire_model.hpp"

namespace lfpbms::host {

struct Answer {
  protocol::FrameHeader header;
  std::string info;  // hex text
  protocol::InfoReader reader() const { return {info.data(), info.size()}; }
};

struct PackAnalog {
  std::uint8_t address = 0;
  protocol::AnalogBlock block;
};

struct PackAlarms {
  std::uint8_t address = 0;
  protocol::AlarmBlock block;
};

// 42 and 44 (VER 25 or 20). `all`: the answer to INFO FF, one block per pack. Throws
// ProtocolError on a malformed answer.
std::vector<PackAnalog> decode_analog(const Answer& a, bool all);
std::vector<PackAlarms> decode_alarms(const Answer& a, bool all);

// Space- (or NUL-) padded ASCII fields.
std::string decode_text(protocol::InfoReader& r, std::size_t bytes);

}  // namespace lfpbms::host
