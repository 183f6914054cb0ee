#pragma once
// The battery's end of the host link (CO-2): bytes in, whole answers out. Parses incrementally
// (a frame may arrive in pieces, with garbage between frames), answers only frames addressed to
// this pack (or to 00, the pack at the other end of an RS232 cable), answers a frame it cannot
// read with the protocol's return code, and sends each answer, CR included, in one write.
#include <cstddef>
#include <cstdint>

#include "hal/serial_port.hpp"
#include "protocol/admin_session.hpp"
#include "protocol/host_device.hpp"
#include "protocol/pace_protocol.hpp"
#include "protocol/pylon_protocol.hpp"

namespace lfpbms::protocol {

class HostLink {
 public:
  static constexpr std::size_t kRxChars = 600;  // the longest request: a full F3 write

  // `tx` holds one answer: 512 characters cover every single-pack answer; a bank master needs
  // room for every pack's block (kMaxFrameChars).
  HostLink(HostDevice& device, hal::SerialPort& port, char* tx, std::size_t tx_capacity);

  void receive(const char* data, std::size_t length, TimeMs now);
  // One frame another parser has already read (a bank's internal bus reads its own).
  void handle(const ParsedFrame& f, TimeMs now);

 private:
  void reply(const FrameHeader& request, Rtn rtn);
  WireProtocol* protocol_for(std::uint8_t ver);

  HostDevice& device_;
  hal::SerialPort& port_;
  AdminSession session_;
  PaceProtocol pace_;
  PylonProtocol pylon_;
  char rx_[kRxChars] = {};
  FrameParser parser_;
  FrameWriter writer_;
};

}  // namespace lfpbms::protocol
