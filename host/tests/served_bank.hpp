#pragma once
// Test support: a simulated bank served in its own thread (the server's io_context and the
// packs' links live there alone), and a client's side of one exchange.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "host/serve/pack_server.hpp"
#include "host/serve/simulated_packs.hpp"
#include "host/transport/transport.hpp"
#include "protocol/frame.hpp"
#include "sim/profile/product_profile.hpp"
#include "sim/scenario/scenario.hpp"

namespace lfpbms::host::test {

class ServedBank {
 public:
  ServedBank(const std::string& spec, unsigned baud, std::size_t pack_count = 1)
      : scenario_(sim::default_scenario()),
        server_(spec, baud),
        packs_(scenario_, sim::load_profile(scenario_.profile), pack_count, server_.port()) {
    server_.add_receiver([this](const char* data, std::size_t n) { packs_.receive(data, n); });
    for (int i = 0; i < 20; ++i) packs_.step();  // two seconds: the firmware has measured
    // A bank: until the master has polled every slave's blocks (at most a simulated minute).
    const BankNode& master = *packs_.simulation().bank().unit(0).node;
    for (int i = 0; i < 600 && master.pack_count() < pack_count; ++i) packs_.step();
    spec_ = server_.describe();
    thread_ = std::thread([this] {
      while (!stop_)
        server_.run_until(std::chrono::steady_clock::now() + std::chrono::milliseconds(20));
    });
  }
  ~ServedBank() {
    stop_ = true;
    thread_.join();
  }
  ServedBank(const ServedBank&) = delete;
  ServedBank& operator=(const ServedBank&) = delete;

  const std::string& spec() const { return spec_; }

 private:
  sim::Scenario scenario_;
  PackServer server_;
  SimulatedPacks packs_;
  std::string spec_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A PACE v2.5 request with a one-byte INFO (the address most reads carry).
inline std::string request(std::uint8_t adr, std::uint8_t cid2, std::uint8_t info) {
  char buffer[64];
  protocol::FrameWriter w(buffer, sizeof buffer);
  w.begin({protocol::kVer25, adr, protocol::kCid1Battery, cid2});
  w.u8(info);
  return std::string(buffer, w.finish());
}

// Reads until a CR or the deadline: the answer's text ("" when none came).
inline std::string read_frame(Transport& t, std::chrono::milliseconds timeout) {
  const Deadline deadline = SteadyClock::now() + timeout;
  std::string text;
  char buffer[256];
  while (text.empty() || text.back() != protocol::kEoi) {
    const std::size_t n = t.read(buffer, sizeof buffer, deadline);
    if (n == 0) break;
    text.append(buffer, n);
  }
  return text;
}

inline std::string ask(Transport& t, const std::string& frame,
                       std::chrono::milliseconds timeout = std::chrono::milliseconds(2000)) {
  t.write(frame);
  return read_frame(t, timeout);
}

// The answer parsed by the protocol's own codec.
struct Parsed {
  bool complete = false;
  protocol::ParsedFrame frame;
  std::string info;
};

inline Parsed parse(const std::string& text) {
  static char buffer[protocol::kMaxFrameChars];
  protocol::FrameParser parser(buffer, sizeof buffer);
  Parsed p;
  for (char c : text) {
    if (parser.push(c)) {
      p.complete = true;
      p.frame = parser.frame();
      p.info.assign(p.frame.info, p.frame.info_chars);
    }
  }
  return p;
}

}  // namespace lfpbms::host::test
