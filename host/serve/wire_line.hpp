#pragma once
// The timing of a half-duplex serial line (RS485, 8N1: 10 bits a character): a transfer starts
// when its bytes are there and the line is free, and ends its wire time later. The server
// delivers a request to the packs, and an answer to the client, when its transfer ends, so a
// client of a simulated bank sees what a real line at that baud rate gives.
#include <chrono>
#include <cstddef>

namespace lfpbms::host {

class WireLine {
 public:
  using Clock = std::chrono::steady_clock;

  explicit WireLine(unsigned baud) : baud_(baud) {}

  bool emulated() const { return baud_ != 0; }
  Clock::duration wire_time(std::size_t chars) const {
    if (baud_ == 0) return Clock::duration::zero();
    const auto ns = static_cast<long long>(chars) * 10 * 1'000'000'000LL / baud_;
    return std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(ns));
  }
  // When `chars` that were ready at `ready` have crossed the line; the line is busy until then.
  Clock::time_point transfer(Clock::time_point ready, std::size_t chars) {
    const Clock::time_point start = ready > free_at_ ? ready : free_at_;
    free_at_ = start + wire_time(chars);
    return free_at_;
  }

 private:
  unsigned baud_;
  Clock::time_point free_at_{};
};

}  // namespace lfpbms::host
