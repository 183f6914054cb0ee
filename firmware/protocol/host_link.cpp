#include "protocol/host_link.hpp"

namespace lfpbms::protocol {

HostLink::HostLink(HostDevice& device, hal::SerialPort& port, char* tx, std::size_t tx_capacity)
    : device_(device),
      port_(port),
      session_(device.credentials),
      pace_(device, session_),
      pylon_(device),
      parser_(rx_, sizeof(rx_)),
      writer_(tx, tx_capacity) {}

void HostLink::receive(const char* data, std::size_t length, TimeMs now) {
  for (std::size_t i = 0; i < length; ++i) {
    if (parser_.push(data[i])) handle(parser_.frame(), now);
  }
}

WireProtocol* HostLink::protocol_for(std::uint8_t ver) {
  if (ver == pace_.version()) return &pace_;
  if (ver == pylon_.version()) return &pylon_;
  return nullptr;
}

// The answer carries the request's ADR: monitors drop an answer from any other address.
void HostLink::reply(const FrameHeader& request, Rtn rtn) {
  writer_.begin({request.ver, request.adr, kCid1Battery, static_cast<std::uint8_t>(rtn)});
}

void HostLink::handle(const ParsedFrame& f, TimeMs now) {
  // Another pack's frame, or noise: the RS485 bus has other talkers, stay silent. So does a pack
  // that has no address yet: any answer would collide with the one that has it.
  if (device_.address == kUnaddressed) return;
  if (!f.header_valid || (f.header.adr != device_.address && f.header.adr != 0)) return;
  Rtn rtn = Rtn::Ok;
  WireProtocol* protocol = protocol_for(f.header.ver);
  if (f.status == FrameStatus::BadChecksum) {
    rtn = Rtn::ChecksumError;
  } else if (f.status == FrameStatus::BadLengthChecksum) {
    rtn = Rtn::LengthChecksumError;
  } else if (f.status == FrameStatus::BadFormat) {
    rtn = Rtn::FormatError;
  } else if (protocol == nullptr) {
    rtn = Rtn::VersionError;
  } else if (f.header.cid1 != kCid1Battery) {
    rtn = Rtn::Cid1Error;
  }
  reply(f.header, rtn);
  if (rtn == Rtn::Ok) {
    Request request{f.header, f.reader(), now};
    rtn = protocol->answer(request, writer_);
    // A refusal keeps its INFO (which parameter and why, or the status after it); any other
    // error goes out with none.
    const bool keeps_info = rtn == Rtn::InvalidData || rtn == Rtn::OperationFailed;
    if (rtn != Rtn::Ok && keeps_info && writer_.ok()) {
      writer_.set_cid2(static_cast<std::uint8_t>(rtn));
    } else if (rtn != Rtn::Ok) {
      reply(f.header, rtn);
    }
  }
  const std::size_t n = writer_.finish();
  if (n == 0) {  // the answer did not fit: say so rather than send half of it
    reply(f.header, Rtn::OperationFailed);
    port_.send(writer_.data(), writer_.finish());
  } else {
    port_.send(writer_.data(), n);
  }
}

}  // namespace lfpbms::protocol
