#pragma once
// Several BMSs on fake boards, joined by an internal bus in memory and a Link IN/OUT chain, for
// the parallel layer's tests. The bus delivers each frame to every node (its sender hears the
// echo); frames sent while others are still undelivered from the same moment collide, as two
// packs answering one request at once do on RS485.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bms_rig.hpp"
#include "parallel/bank_node.hpp"

namespace lfpbms::testing {

class TestBus;

// One pack's connectors: its DIP switch, its place on the chain, its bus transmitter.
struct FakeBankPort final : hal::BankPort, hal::SerialPort {
  std::uint8_t address_switch() override { return dip; }
  bool link_in_connected() override { return upstream != nullptr; }
  bool link_in_token() override { return upstream != nullptr && upstream->token_out; }
  void set_link_out_token(bool on) override { token_out = on; }
  bool wake_line() override;
  void set_wake_line(bool on) override { wake_out = on; }
  hal::SerialPort& bus() override { return *this; }
  void send(const char* data, std::size_t length) override;

  TestBus* net = nullptr;
  std::size_t index = 0;
  std::uint8_t dip = 0;
  FakeBankPort* upstream = nullptr;
  bool token_out = false;
  bool wake_out = false;
  bool cut = false;  // its bus cable: neither heard nor hearing
};

struct BankPack {
  explicit BankPack(PackConfig c)
      : rig(c), device{rig.bms, rig.board, {}, nullptr, nullptr, nullptr, 1}, node(device, port) {}
  BmsRig rig;
  FakeBankPort port;
  protocol::HostDevice device;
  BankNode node;
};

class TestBus {
 public:
  struct Frame {
    std::size_t from;
    std::string chars;
  };

  void send(std::size_t from, const char* data, std::size_t length) {
    queue.push_back({from, std::string(data, length)});
    if (tap) tap(queue.back());
  }

  // Delivers what is queued, round by round: frames sent in one round go out together and
  // collide when there are several; what the deliveries cause is the next round.
  void pump(std::vector<std::unique_ptr<BankPack>>& packs, TimeMs now) {
    for (int round = 0; round < 1000 && !queue.empty(); ++round) {
      std::vector<Frame> now_sent;
      now_sent.swap(queue);
      const bool collision = live(packs, now_sent) > 1;
      for (const Frame& f : now_sent) deliver(packs, f, collision, now);
    }
  }

  std::vector<Frame> queue;
  std::function<void(const Frame&)> tap;  // sees every frame as it is sent
  std::vector<FakeBankPort*> ports;
  std::size_t frames = 0;
  std::size_t collisions = 0;

 private:
  static std::size_t live(std::vector<std::unique_ptr<BankPack>>& packs,
                          const std::vector<Frame>& sent) {
    std::size_t n = 0;
    for (const Frame& f : sent) n += packs[f.from]->port.cut ? 0 : 1;
    return n;
  }

  void deliver(std::vector<std::unique_ptr<BankPack>>& packs, const Frame& f, bool collision,
               TimeMs now) {
    ++frames;
    const bool from_cut = packs[f.from]->port.cut;
    std::string heard = f.chars;
    if (collision && !from_cut) {
      ++collisions;
      for (std::size_t i = 1; i + 1 < heard.size(); i += 3) heard[i] = '#';  // garbled
    }
    for (std::size_t i = 0; i < packs.size(); ++i) {
      const bool self = i == f.from;
      if (!self && (from_cut || packs[i]->port.cut)) continue;
      packs[i]->node.receive(heard.data(), heard.size(), now);
    }
  }
};

inline void FakeBankPort::send(const char* data, std::size_t length) {
  net->send(index, data, length);
}

struct BankRig {
  // `dips`: each pack's DIP switch (DIP addressing); with `chain`, the packs sit on one Link
  // IN/OUT chain in this order instead.
  explicit BankRig(const std::vector<std::uint8_t>& dips, bool chain = false,
                   PackConfig config = {}) {
    config.bank.addressing = chain ? Addressing::Chain : Addressing::Dip;
    config.bank.max_packs = chain ? 32 : 15;
    for (std::size_t i = 0; i < dips.size(); ++i) {
      packs.push_back(std::make_unique<BankPack>(config));
      FakeBankPort& port = packs.back()->port;
      port.net = &bus;
      bus.ports.push_back(&port);
      port.index = i;
      port.dip = dips[i];
      if (chain && i > 0) port.upstream = &packs[i - 1]->port;
    }
    for (auto& p : packs) p->node.start(p->rig.board.now_ms());
  }

  // Every pack ticks (BMS, then its node), then the bus delivers what they sent.
  void run_ms(TimeMs ms) {
    for (TimeMs t = 0; t < ms; t += kTickMs) {
      for (auto& p : packs) {
        p->rig.board.advance(kTickMs);
        p->rig.bms.tick(p->node.inputs());
        p->node.tick(p->rig.board.now_ms());
      }
      bus.pump(packs, packs.front()->rig.board.now_ms());
    }
  }

  BankNode& node(std::size_t i) { return packs[i]->node; }
  // Pack i's node starts again, as after a restart: what it held in RAM (its chain address) gone.
  void restart_node(std::size_t i) { packs[i]->node.start(packs[i]->rig.board.now_ms()); }
  const BmsStatus& status(std::size_t i) { return packs[i]->rig.bms.status(); }
  bool protect(std::size_t i, ProtectionId id) { return status(i).protection.protect_on(id); }

  TestBus bus;
  std::vector<std::unique_ptr<BankPack>> packs;
};

// An open-collector line: pulled when any other pack drives it.
inline bool FakeBankPort::wake_line() {
  for (const FakeBankPort* p : net->ports) {
    if (p != this && p->wake_out) return true;
  }
  return false;
}

}  // namespace lfpbms::testing
