// The bank's extensions to PACE v2.5 (docs/protocols.md): the master's system view (F9) for a
// host, and one pack's summary (FB) for the master's polls on the internal bus.
#include "protocol/pace_protocol.hpp"
#include "protocol/pack_blocks.hpp"

namespace lfpbms::protocol {

Rtn PaceProtocol::system_view(Request& r, FrameWriter& out) {
  if (!r.info.at_end()) return Rtn::FormatError;
  SystemBlock s;
  if (d_.bank == nullptr || !d_.bank->system(s)) return Rtn::InvalidCommand;
  FieldEncoder enc(out);
  system_layout(enc, static_cast<const SystemBlock&>(s));
  return Rtn::Ok;
}

Rtn PaceProtocol::member_status(Request& r, FrameWriter& out) {
  if (!r.info.at_end()) return Rtn::FormatError;
  const MemberBlock m = member_block(d_.bms.status(), d_.bms.params(), d_.bms.config());
  FieldEncoder enc(out);
  member_layout(enc, m);
  return Rtn::Ok;
}

}  // namespace lfpbms::protocol
