#pragma once
// A BMS on a fake board behind a host link: send a request, get the parsed answer.
#include <string>
#include <vector>

#include "bms_rig.hpp"
#include "protocol/host_link.hpp"

namespace lfpbms::testing {

struct CaptureSerial final : hal::SerialPort {
  void send(const char* data, std::size_t length) override {
    sends.emplace_back(data, length);
  }
  std::vector<std::string> sends;
};

struct Answer {
  bool present = false;
  protocol::FrameHeader header;
  std::string info;  // hex text
  protocol::Rtn rtn() const { return static_cast<protocol::Rtn>(header.cid2); }
  protocol::InfoReader reader() const { return {info.data(), info.size()}; }
};

struct ProtocolRig : BmsRig {
  explicit ProtocolRig(std::uint8_t address = 1, std::size_t tx = 512)
      : tx_buffer(tx),
        device{bms, board, {}, nullptr, nullptr, nullptr, address},
        link(device, serial, tx_buffer.data(), tx_buffer.size()) {
    run_until_running();
  }

  static std::string frame(std::uint8_t ver, std::uint8_t adr, std::uint8_t cid2,
                           const std::vector<std::uint8_t>& info) {
    char buf[protocol::kMaxFrameChars];
    protocol::FrameWriter w(buf, sizeof(buf));
    w.begin({ver, adr, protocol::kCid1Battery, cid2});
    for (std::uint8_t b : info) w.u8(b);
    return std::string(buf, w.finish());
  }

  Answer send_raw(const std::string& text) {
    serial.sends.clear();
    link.receive(text.data(), text.size(), board.now_ms());
    Answer a;
    if (serial.sends.empty()) return a;
    char buf[protocol::kMaxFrameChars];
    protocol::FrameParser p(buf, sizeof(buf));
    for (char c : serial.sends.back()) {
      if (p.push(c) && p.frame().status == protocol::FrameStatus::Ok) {
        a.present = true;
        a.header = p.frame().header;
        a.info.assign(p.frame().info, p.frame().info_chars);
      }
    }
    return a;
  }

  Answer ask(std::uint8_t cid2, const std::vector<std::uint8_t>& info = {},
             std::uint8_t ver = protocol::kVer25, std::uint8_t adr = 1) {
    return send_raw(frame(ver, adr, cid2, info));
  }

  std::vector<char> tx_buffer;
  CaptureSerial serial;
  protocol::HostDevice device;
  protocol::HostLink link;
};

inline std::vector<std::uint8_t> ascii_bytes(const std::string& s) {
  return {s.begin(), s.end()};
}

}  // namespace lfpbms::testing
