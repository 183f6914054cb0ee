#include "host/client/host_client.hpp"

#include <fmt/core.h>

#include <thread>

#include "core/civil_time.hpp"
#include "protocol/clock_fields.hpp"
#include "protocol/field_io.hpp"
#include "protocol/pace_protocol.hpp"
#include "protocol/pylon_protocol.hpp"

namespace lfpbms::host {
namespace {

using protocol::Rtn;
using Clock = std::chrono::steady_clock;

std::string frame_text(std::uint8_t ver, std::uint8_t adr, std::uint8_t cid2,
                       const std::vector<std::uint8_t>& info) {
  std::string buf(protocol::kFrameOverheadChars + 2 * info.size(), '\0');
  protocol::FrameWriter w(buf.data(), buf.size());
  w.begin({ver, adr, protocol::kCid1Battery, cid2});
  for (std::uint8_t b : info) w.u8(b);
  const std::size_t n = w.finish();
  if (n == 0) throw std::invalid_argument("request too long for one frame");
  buf.resize(n);
  return buf;
}

void put16(std::vector<std::uint8_t>& v, std::uint16_t x) {
  v.push_back(static_cast<std::uint8_t>(x >> 8));
  v.push_back(static_cast<std::uint8_t>(x));
}

void put32(std::vector<std::uint8_t>& v, std::uint32_t x) {
  put16(v, static_cast<std::uint16_t>(x >> 16));
  put16(v, static_cast<std::uint16_t>(x));
}

// Items per F2 / F5 request: at 9600 baud an answer must arrive well within the default 2 s
// timeout (32 parameters = 707 characters, 16 records = 915, about 0.7 s and 1 s).
constexpr std::size_t kParamsPerRead = 32;
constexpr std::uint32_t kRecordsPerRead = 16;

void expect_ok(const protocol::FieldDecoder& dec, const char* what) {
  if (!dec.ok()) throw ProtocolError(Rtn::FormatError, fmt::format("malformed {} answer", what));
}

}  // namespace

ProtocolError::ProtocolError(Rtn r, const std::string& what) : std::runtime_error(what), rtn(r) {}

RefusedWrite::RefusedWrite(ParamId p, std::uint8_t r)
    : ProtocolError(Rtn::InvalidData,
                    fmt::format("write refused: {} {}",
                                p == ParamId::None || static_cast<std::size_t>(p) >= kParamCount
                                    ? "unknown parameter"
                                    : param_def(p).name,
                                refusal_text(r))),
      param(p),
      reason(r) {}

const char* refusal_text(std::uint8_t reason) {
  switch (reason) {
    case protocol::kBelowMin:
      return "is below its minimum";
    case protocol::kAboveMax:
      return "is above its maximum";
    case protocol::kBreaksOrdering:
      return "breaks the order of the levels";
    case protocol::kReadOnly:
      return "cannot be written";
    default:
      return "(unknown reason)";
  }
}

HostClient::HostClient(Transport& transport, LinkTiming timing)
    : transport_(transport), timing_(timing), rx_(protocol::kMaxFrameChars) {}

void HostClient::wait_gap() {
  const auto ready = last_answer_ + std::chrono::milliseconds(timing_.gap_ms);
  if (Clock::now() < ready) std::this_thread::sleep_until(ready);
}

// Sends one frame and waits for the matching answer; false on timeout or damage.
bool HostClient::exchange(const std::string& frame, std::uint8_t ver, std::uint8_t adr,
                          Answer& out) {
  wait_gap();
  transport_.discard_input();
  transport_.write(frame);
  protocol::FrameParser parser(rx_.data(), rx_.size());
  const auto deadline = Clock::now() + std::chrono::milliseconds(timing_.timeout_ms);
  char chunk[512];
  while (Clock::now() < deadline) {
    const std::size_t n = transport_.read(chunk, sizeof(chunk), deadline);
    for (std::size_t i = 0; i < n; ++i) {
      if (!parser.push(chunk[i])) continue;
      const protocol::ParsedFrame& f = parser.frame();
      // Our own request echoed back (RS485 adapters with echo) or another pack's answer.
      if (f.status != protocol::FrameStatus::Ok || f.header.ver != ver) continue;
      if (f.header.adr != adr) continue;
      out.header = f.header;
      out.info.assign(f.info, f.info_chars);
      last_answer_ = Clock::now();
      return true;
    }
  }
  last_answer_ = Clock::now();
  return false;
}

bool HostClient::try_request(std::uint8_t adr, std::uint8_t cid2,
                             const std::vector<std::uint8_t>& info, std::uint8_t ver, Answer& out) {
  const std::string frame = frame_text(ver, adr, cid2, info);
  for (int attempt = 0; attempt <= timing_.retries; ++attempt) {
    if (exchange(frame, ver, adr, out)) return true;
  }
  return false;
}

Answer HostClient::request(std::uint8_t adr, std::uint8_t cid2,
                           const std::vector<std::uint8_t>& info, std::uint8_t ver) {
  Answer a;
  if (!try_request(adr, cid2, info, ver, a)) {
    throw LinkError(fmt::format("no answer from pack {} on {} (command {:02X}, {} tries)", adr,
                                transport_.describe(), cid2, timing_.retries + 1));
  }
  const auto rtn = static_cast<Rtn>(a.header.cid2);
  if (rtn == Rtn::InvalidData && a.info.size() >= 6) {
    protocol::InfoReader r = a.reader();
    const std::uint16_t id = r.u16();
    const std::uint8_t reason = r.u8();
    throw RefusedWrite(id < kParamCount ? static_cast<ParamId>(id) : ParamId::None, reason);
  }
  if (rtn != Rtn::Ok) {
    throw ProtocolError(rtn, fmt::format("pack {} refused command {:02X}: {} (RTN {:02X})", adr,
                                         cid2, protocol::rtn_text(rtn), a.header.cid2));
  }
  return a;
}

std::vector<PackAnalog> HostClient::analog(std::uint8_t adr, std::uint8_t which) {
  return decode_analog(request(adr, protocol::kAnalog, {which}), which == protocol::kAllPacks);
}

std::vector<PackAlarms> HostClient::alarms(std::uint8_t adr, std::uint8_t which) {
  return decode_alarms(request(adr, protocol::kAlarms, {which}), which == protocol::kAllPacks);
}

std::string HostClient::version(std::uint8_t adr) {
  const Answer a = request(adr, protocol::kVersion);  // the reader points into it
  protocol::InfoReader r = a.reader();
  return decode_text(r, r.remaining());
}

std::pair<std::string, std::string> HostClient::serials(std::uint8_t adr) {
  const Answer a = request(adr, protocol::kSerialNumber);  // the reader points into it
  protocol::InfoReader r = a.reader();
  const std::size_t half = r.remaining() / 2;
  std::string bms = decode_text(r, half);
  return {bms, decode_text(r, r.remaining())};
}

Counters HostClient::counters(std::uint8_t adr) {
  const Answer a = request(adr, protocol::kCounters);
  protocol::InfoReader r = a.reader();
  Counters c;
  c.cycles = r.u32();
  c.charged_mAh = r.u32();
  c.discharged_mAh = r.u32();
  c.charged_Wh = r.u32();
  c.discharged_Wh = r.u32();
  c.soh_pptt = r.u16();
  c.full_capacity_mAh = r.u32();
  c.soc_pptt = r.u16();
  c.weak_cell = r.u8();
  if (!r.ok()) throw ProtocolError(Rtn::FormatError, "malformed counters answer");
  return c;
}

bool HostClient::system_view(std::uint8_t adr, protocol::SystemBlock& out) {
  Answer a;
  if (!try_request(adr, protocol::kSystemView, {}, protocol::kVer25, a)) return false;
  if (a.header.cid2 != static_cast<std::uint8_t>(Rtn::Ok)) return false;
  protocol::InfoReader r = a.reader();
  protocol::FieldDecoder dec(r);
  protocol::system_layout(dec, out);
  if (!dec.ok()) throw ProtocolError(Rtn::FormatError, "malformed system view answer");
  return true;
}

std::uint32_t HostClient::clock(std::uint8_t adr) {
  const Answer a = request(adr, protocol::kReadClock);
  protocol::InfoReader r = a.reader();
  std::uint32_t t = 0;
  if (protocol::decode_clock(r, false, t) != Rtn::Ok) {
    throw ProtocolError(Rtn::FormatError, "malformed clock answer");
  }
  return t;
}

void HostClient::set_clock(std::uint8_t adr, std::uint32_t unix_s) {
  const CivilTime c = civil_from_unix(unix_s);
  request(adr, protocol::kWriteClock,
          {static_cast<std::uint8_t>(c.year - 2000), c.month, c.day, c.hour, c.minute, c.second});
}

std::vector<ParamEntry> HostClient::params(std::uint8_t adr) {
  std::vector<ParamEntry> out;
  while (out.size() < kParamCount) {
    std::vector<std::uint8_t> info;
    put16(info, static_cast<std::uint16_t>(out.size()));
    info.push_back(
        static_cast<std::uint8_t>(std::min<std::size_t>(kParamsPerRead, kParamCount - out.size())));
    Answer a;
    if (!try_request(adr, protocol::kReadParams, info, protocol::kVer25, a)) {
      throw LinkError(fmt::format("no answer from pack {} reading parameters", adr));
    }
    if (static_cast<Rtn>(a.header.cid2) == Rtn::NoData) break;  // an older firmware has fewer
    if (static_cast<Rtn>(a.header.cid2) != Rtn::Ok) {
      throw ProtocolError(static_cast<Rtn>(a.header.cid2), "parameter read refused");
    }
    protocol::InfoReader r = a.reader();
    const std::uint16_t first = r.u16();
    const std::uint8_t count = r.u8();
    if (first != out.size() || count == 0)
      throw ProtocolError(Rtn::FormatError, "malformed parameter answer");
    for (std::uint8_t i = 0; i < count; ++i) {
      ParamEntry e;
      e.id = static_cast<ParamId>(first + i);
      e.value = r.s32();
      e.min = r.s32();
      e.max = r.s32();
      r.u8();
      r.u8();
      out.push_back(e);
    }
    if (!r.ok()) throw ProtocolError(Rtn::FormatError, "malformed parameter answer");
  }
  return out;
}

void HostClient::write_params(std::uint8_t adr, const std::vector<ParamWrite>& writes) {
  if (writes.empty() || writes.size() > 64)
    throw std::invalid_argument("1...64 parameters per write");
  std::vector<std::uint8_t> info{static_cast<std::uint8_t>(writes.size())};
  for (const ParamWrite& w : writes) {
    put16(info, static_cast<std::uint16_t>(w.id));
    put32(info, static_cast<std::uint32_t>(w.value));
  }
  request(adr, protocol::kWriteParams, info);
}

void HostClient::log_in(std::uint8_t adr, const std::string& password) {
  try {
    request(adr, protocol::kLogIn, {password.begin(), password.end()});
  } catch (const ProtocolError& e) {
    if (e.rtn != Rtn::PermissionDenied) throw;
    throw ProtocolError(e.rtn, fmt::format("pack {}: wrong administrator password (or too many "
                                           "tries: wait 60 s)",
                                           adr));
  }
}

void HostClient::restore_defaults(std::uint8_t adr) {
  request(adr, protocol::kRestoreDefaults);
}

std::vector<protocol::RecordBlock> HostClient::records(std::uint8_t adr, std::uint32_t from,
                                                       std::uint32_t to) {
  std::vector<protocol::RecordBlock> out;
  std::uint32_t next = from;
  while (next <= to) {
    std::vector<std::uint8_t> info;
    put32(info, next);
    info.push_back(static_cast<std::uint8_t>(
        std::min<std::uint64_t>(kRecordsPerRead, std::uint64_t{to} - next + 1)));
    Answer a;
    if (!try_request(adr, protocol::kReadRecords, info, protocol::kVer25, a)) {
      throw LinkError(fmt::format("no answer from pack {} reading records", adr));
    }
    const auto rtn = static_cast<Rtn>(a.header.cid2);
    if (rtn == Rtn::NoData) break;  // "no more data"
    if (rtn != Rtn::Ok)
      throw ProtocolError(rtn, fmt::format("record read refused: {}", protocol::rtn_text(rtn)));
    protocol::InfoReader r = a.reader();
    protocol::FieldDecoder dec(r);
    const std::uint8_t count = r.u8();
    if (count == 0) break;
    for (std::uint8_t i = 0; i < count; ++i) {
      protocol::RecordBlock b;
      protocol::record_layout(dec, b);
      if (b.sequence > to) break;
      out.push_back(b);
      next = b.sequence + 1;
    }
    expect_ok(dec, "record");
  }
  return out;
}

void HostClient::delete_records(std::uint8_t adr) {
  request(adr, protocol::kDeleteRecords);
}

void HostClient::set_fet(std::uint8_t adr, bool charge, bool on) {
  request(adr, charge ? protocol::kChargeFet : protocol::kDischargeFet,
          {static_cast<std::uint8_t>(on ? 0x00 : 0x01)});
}

void HostClient::set_switch(std::uint8_t adr, std::uint8_t command) {
  request(adr, protocol::kSwitch, {command});
}

void HostClient::sleep(std::uint8_t adr) {
  request(adr, protocol::kShutdown, {0x01});
}

void HostClient::reboot(std::uint8_t adr) {
  request(adr, protocol::kReboot);
}

protocol::ChargeManagement HostClient::charge_management(std::uint8_t adr) {
  const Answer a = request(adr, protocol::kPylonChargeManagement, {adr}, protocol::kVer20);
  protocol::InfoReader r = a.reader();
  protocol::FieldDecoder dec(r);
  protocol::ChargeManagement c;
  r.u8();
  protocol::charge_management_layout(dec, c);
  expect_ok(dec, "charge management");
  return c;
}

}  // namespace lfpbms::host
