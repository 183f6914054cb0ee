#pragma once
// The Linux end of the host link: asks one pack (or the master for all) and turns the answers
// into the firmware's own wire blocks (firmware/protocol/wire_model.hpp), decoded with the same
// layouts the battery encodes with. One outstanding request; a timeout, a retry on no answer or
// a damaged answer, and a gap between requests that real packs need.
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "host/client/decode.hpp"
#include "host/client/errors.hpp"
#include "host/transport/transport.hpp"
#include "params/param_set.hpp"
#include "protocol/bank_blocks.hpp"
#include "protocol/frame.hpp"
#include "protocol/return_code.hpp"
#include "protocol/wire_model.hpp"

namespace lfpbms::host {

struct ParamEntry {
  ParamId id = ParamId::None;
  std::int32_t value = 0;
  std::int32_t min = 0;
  std::int32_t max = 0;
};

struct Counters {
  std::uint32_t cycles = 0;
  std::uint32_t charged_mAh = 0;
  std::uint32_t discharged_mAh = 0;
  std::uint32_t charged_Wh = 0;
  std::uint32_t discharged_Wh = 0;
  std::uint16_t soh_pptt = 0;
  std::uint32_t full_capacity_mAh = 0;
  std::uint16_t soc_pptt = 0;
  std::uint8_t weak_cell = 0;
};

class HostClient {
 public:
  explicit HostClient(Transport& transport, LinkTiming timing = {});

  // One request, one checked answer. Throws LinkError or ProtocolError.
  Answer request(std::uint8_t adr, std::uint8_t cid2, const std::vector<std::uint8_t>& info = {},
                 std::uint8_t ver = protocol::kVer25);
  // Like request(), but an answer with a bad RTN is returned, not thrown; false: no answer.
  bool try_request(std::uint8_t adr, std::uint8_t cid2, const std::vector<std::uint8_t>& info,
                   std::uint8_t ver, Answer& out);

  // Reads. `which` is a pack address, or protocol::kAllPacks for every pack of the bank
  // (asked of the master at `adr`).
  std::vector<PackAnalog> analog(std::uint8_t adr, std::uint8_t which);
  std::vector<PackAlarms> alarms(std::uint8_t adr, std::uint8_t which);
  std::string version(std::uint8_t adr);
  std::pair<std::string, std::string> serials(std::uint8_t adr);  // BMS, pack
  Counters counters(std::uint8_t adr);
  std::uint32_t clock(std::uint8_t adr);  // unix seconds (UTC)
  std::vector<ParamEntry> params(std::uint8_t adr);
  std::vector<protocol::RecordBlock> records(std::uint8_t adr, std::uint32_t from,
                                             std::uint32_t to);
  protocol::ChargeManagement charge_management(std::uint8_t adr);  // Pylontech 92
  // The bank master's own system view (lfpbms F9); false when the pack has none (a slave, or
  // another make that does not know the command).
  bool system_view(std::uint8_t adr, protocol::SystemBlock& out);

  // Writes (log in first, unless the pack has open_host_writes).
  void log_in(std::uint8_t adr, const std::string& password);
  void set_clock(std::uint8_t adr, std::uint32_t unix_s);
  void write_params(std::uint8_t adr, const std::vector<ParamWrite>& writes);
  void restore_defaults(std::uint8_t adr);
  void delete_records(std::uint8_t adr);
  void set_fet(std::uint8_t adr, bool charge, bool on);
  void set_switch(std::uint8_t adr, std::uint8_t command);  // 99: PaceProtocol's SwitchByte
  void sleep(std::uint8_t adr);
  void reboot(std::uint8_t adr);

 private:
  bool exchange(const std::string& frame, std::uint8_t ver, std::uint8_t adr, Answer& out);
  void wait_gap();

  Transport& transport_;
  LinkTiming timing_;
  std::chrono::steady_clock::time_point last_answer_{};
  std::vector<char> rx_;
};

}  // namespace lfpbms::host
