// The host link's overhead over the wire: 15 simulated packs served on a pseudo-terminal at
// 9600 baud (wire-time emulation on), read through the serial transport - 42 and 44 for the
// whole bank, once with one "all packs" (INFO FF) request each, once with one request per
// address. `elapsed_over_wire` is the time taken over the pure wire time of every character
// exchanged (chars x 10 / 9600); target <= 1.10. No inter-request gap: that is the client's
// choice (LinkTiming::gap_ms), not the link's cost.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "host/serve/pack_server.hpp"
#include "host/serve/simulated_packs.hpp"
#include "host/transport/transport.hpp"
#include "protocol/frame.hpp"
#include "sim/profile/product_profile.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

using namespace lfpbms;
using Clock = std::chrono::steady_clock;
constexpr unsigned kBaud = 9600;
constexpr std::uint8_t kPacks = 15;

// The bank as `lfpbms sim --serve pty:... --packs 15` runs it: stepped in real time, the
// server polled between steps, all in its own thread.
class Bank {
 public:
  Bank()
      : link_(std::filesystem::temp_directory_path() /
              ("lfpbms-bench-" + std::to_string(::getpid()))),
        scenario_(sim::default_scenario()),
        server_("pty:" + link_.string(), kBaud),
        packs_(scenario_, sim::load_profile(scenario_.profile), kPacks, server_.port()) {
    server_.add_receiver([this](const char* d, std::size_t n) { packs_.receive(d, n); });
    for (int i = 0; i < 20; ++i) packs_.step();
    thread_ = std::thread([this] { serve(); });
  }
  ~Bank() {
    stop_ = true;
    thread_.join();
  }
  std::string spec() const { return "pty:" + link_.string(); }

 private:
  void serve() {
    auto due = Clock::now();
    while (!stop_) {
      packs_.step();
      due += std::chrono::milliseconds(100);
      server_.run_until(due);
    }
  }

  std::filesystem::path link_;
  sim::Scenario scenario_;
  host::PackServer server_;
  host::SimulatedPacks packs_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

struct Tally {
  std::size_t chars = 0;
  std::size_t missing = 0;
  Clock::duration elapsed{};
};

std::string request(std::uint8_t adr, std::uint8_t cid2, std::uint8_t info) {
  char buffer[64];
  protocol::FrameWriter w(buffer, sizeof buffer);
  w.begin({protocol::kVer25, adr, protocol::kCid1Battery, cid2});
  w.u8(info);
  return std::string(buffer, w.finish());
}

void exchange(host::Transport& t, const std::string& frame, Tally& tally) {
  t.write(frame);
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  std::size_t got = 0;
  char buffer[512];
  for (char last = 0; last != '\r';) {
    const std::size_t n = t.read(buffer, sizeof buffer, deadline);
    if (n == 0) {
      ++tally.missing;
      break;
    }
    got += n;
    last = buffer[n - 1];
  }
  tally.chars += frame.size() + got;
}

void read_bank(host::Transport& t, bool all_packs, Tally& tally) {
  for (std::uint8_t cid2 : {std::uint8_t{0x42}, std::uint8_t{0x44}}) {
    if (all_packs) {
      exchange(t, request(1, cid2, protocol::kAllPacks), tally);
      continue;
    }
    for (std::uint8_t adr = 1; adr <= kPacks; ++adr) exchange(t, request(adr, cid2, adr), tally);
  }
}

void BM_ReadBank(benchmark::State& state) {
  static Bank bank;
  const auto port = host::open_transport(bank.spec(), kBaud);
  Tally tally;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    const auto start = Clock::now();
    read_bank(*port, state.range(0) == 1, tally);
    tally.elapsed += Clock::now() - start;
  }
  const double wire_s = static_cast<double>(tally.chars) * 10.0 / kBaud;
  const double elapsed_s = std::chrono::duration<double>(tally.elapsed).count();
  const double rounds = static_cast<double>(state.iterations());
  state.counters["wire_s"] = wire_s / rounds;
  state.counters["chars"] = static_cast<double>(tally.chars) / rounds;
  state.counters["elapsed_over_wire"] = elapsed_s / wire_s;
  state.counters["missing"] = static_cast<double>(tally.missing);
  state.SetLabel(state.range(0) == 1 ? "42+44, INFO FF" : "42+44, each address");
}
BENCHMARK(BM_ReadBank)->Arg(1)->Arg(0)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
