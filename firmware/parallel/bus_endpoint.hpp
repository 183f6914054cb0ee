#pragma once
// One pack's end of the internal bus (CO-3): RS485, half duplex, every node hears every frame.
// Frames go out whole, and the transceiver hears its own frame come back: an echo that differs
// means another node talked at the same time (a collision, the sign of a shared address).
// Frames come in through one parser that skips frames meant for other addresses unread.
#include <cstddef>
#include <cstdint>

#include "hal/serial_port.hpp"
#include "protocol/frame.hpp"

namespace lfpbms {

class BusEndpoint final : public hal::SerialPort {
 public:
  static constexpr std::size_t kRxChars = 600;  // the longest frame on the bus: a 42 answer

  enum class Echo : std::uint8_t { None, Clean, Collided };

  explicit BusEndpoint(hal::SerialPort& port) : port_(port), parser_(rx_, sizeof rx_) {}

  // Sends one whole frame; `data` must stay put until its echo is back (the next frame sent
  // by this node comes later: the bus is half duplex).
  void send(const char* data, std::size_t length) override;

  // Bytes off the bus: the echo of our own frame is checked and dropped; every other complete
  // frame that passes the address filter goes to `on_frame(const ParsedFrame&)`.
  template <class OnFrame>
  void receive(const char* data, std::size_t length, OnFrame&& on_frame) {
    for (std::size_t i = 0; i < length; ++i) {
      if (echo_left_ > 0) {
        check_echo(data[i]);
        continue;
      }
      // Most frames on a bus are for others: run over them to where the parser cares again.
      if (parser_.skipping()) i = skip(data, i, length);
      if (i >= length) break;
      if (parser_.idle() && data[i] != protocol::kSoi) noise_ = true;
      if (parser_.push(data[i])) on_frame(parser_.frame());
    }
  }

  void set_address_filter(std::uint16_t address) { parser_.set_address_filter(address); }
  // What the echo of the last frame sent showed, once; None while it is not back yet.
  Echo take_echo();
  // An echo still missing a tick later never comes whole: count it as collided.
  void abandon_echo();
  // Whether characters that were no frame (what two talkers at once leave) arrived since the
  // last call.
  bool take_noise() {
    const bool n = noise_;
    noise_ = false;
    return n;
  }

 private:
  void check_echo(char c);
  // The index of the next CR or `~` from `i` on (or `length`).
  static std::size_t skip(const char* data, std::size_t i, std::size_t length);

  hal::SerialPort& port_;
  const char* sent_ = nullptr;
  std::size_t sent_length_ = 0;
  std::size_t echo_left_ = 0;
  bool collided_ = false;
  bool noise_ = false;
  Echo echo_ = Echo::None;
  char rx_[kRxChars] = {};
  protocol::FrameParser parser_;
};

}  // namespace lfpbms
