#pragma once
// One class per protocol version behind this interface (PACE v2.5, Pylontech v2.0). The link
// checks the frame and the address; the protocol answers one command.
#include <cstdint>

#include "core/units.hpp"
#include "protocol/frame.hpp"
#include "protocol/return_code.hpp"

namespace lfpbms::protocol {

struct Request {
  FrameHeader header;
  InfoReader info;
  TimeMs now = 0;
};

class WireProtocol {
 public:
  virtual std::uint8_t version() const = 0;
  // Writes the answer's INFO fields into `out` (already begun) and returns the return code.
  // On any code but Ok and InvalidData, the link sends the code with an empty INFO.
  virtual Rtn answer(Request& request, FrameWriter& out) = 0;

 protected:
  ~WireProtocol() = default;
};

}  // namespace lfpbms::protocol
