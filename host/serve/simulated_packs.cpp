#include "host/serve/simulated_packs.hpp"

#include <cstdio>
#include <stdexcept>

#include "protocol/pack_blocks.hpp"

namespace lfpbms::host {

namespace {

// A host link writes settings and switches: it needs the firmware itself, not a view of it.
// Simulation::bms() is const for the recorder's sake; the Bms it returns is not a const object.
Bms& firmware_of(sim::Simulation& twin) {
  return const_cast<Bms&>(twin.bms());
}

// Simulation::power_cycle() is on its way; until it is there only the link restarts.
template <typename Twin>
void restart_firmware(Twin& twin) {
  if constexpr (requires { twin.power_cycle(); }) twin.power_cycle();
}

std::string serial(const char* prefix, std::size_t number) {
  char text[32];
  std::snprintf(text, sizeof text, "%s%04zu", prefix, number);
  return text;
}

}  // namespace

// The master's view of the bank: index 0 is the master itself, i is address i + 1.
class SimulatedPacks::Bank final : public protocol::PackBank {
 public:
  explicit Bank(const std::vector<std::unique_ptr<Pack>>& packs) : packs_(packs) {}

  std::uint8_t pack_count() const override { return static_cast<std::uint8_t>(packs_.size()); }
  std::uint8_t address(std::uint8_t index) const override {
    return index < packs_.size() ? packs_[index]->device->address : 0;
  }
  bool analog(std::uint8_t index, protocol::AnalogBlock& out) const override {
    if (index >= packs_.size()) return false;
    const Bms& bms = packs_[index]->twin->bms();
    out = protocol::analog_block(bms.status(), bms.params());
    return true;
  }
  bool alarms(std::uint8_t index, protocol::AlarmBlock& out) const override {
    if (index >= packs_.size()) return false;
    const Bms& bms = packs_[index]->twin->bms();
    out = protocol::alarm_block(bms.status(), bms.params());
    return true;
  }

 private:
  const std::vector<std::unique_ptr<Pack>>& packs_;
};

SimulatedPacks::SimulatedPacks(const sim::Scenario& scenario, const sim::ProductProfile& profile,
                               std::size_t count, hal::SerialPort& bus)
    : bus_(bus), bank_(std::make_unique<Bank>(packs_)) {
  if (count < 1 || count > kMaxServedPacks) {
    throw std::invalid_argument("--packs must be 1...15, not " + std::to_string(count));
  }
  for (std::size_t i = 0; i < count; ++i) {
    sim::Scenario own = scenario;
    own.seed = scenario.seed + i;  // independent packs, each its own cells and sensors
    auto pack = std::make_unique<Pack>();
    pack->twin = std::make_unique<sim::Simulation>(own, profile);
    pack->bms_serial = serial("LFPBMS-SIM-", i + 1);
    pack->pack_serial = serial("LFPPACK-SIM-", i + 1);
    packs_.push_back(std::move(pack));
  }
  for (std::size_t i = 0; i < count; ++i) connect(*packs_[i], static_cast<std::uint8_t>(i + 1));
}

SimulatedPacks::~SimulatedPacks() = default;

void SimulatedPacks::connect(Pack& pack, std::uint8_t address) {
  sim::TwinBoard& board = pack.twin->board();
  protocol::DeviceIdentity identity;
  identity.bms_serial = pack.bms_serial.c_str();
  identity.pack_serial = pack.pack_serial.c_str();
  const bool master = address == 1;
  pack.device = std::make_unique<protocol::HostDevice>(
      protocol::HostDevice{firmware_of(*pack.twin), board, identity, &pack.twin->event_log(),
                           nullptr, master ? bank_.get() : nullptr, address});
  // The master's "all packs" answer holds every pack's block; one pack's fits in 512.
  pack.tx.assign(master ? protocol::kMaxFrameChars : 512, '\0');
  pack.link =
      std::make_unique<protocol::HostLink>(*pack.device, bus_, pack.tx.data(), pack.tx.size());
}

void SimulatedPacks::step() {
  for (auto& pack : packs_) pack->twin->step();
}

void SimulatedPacks::receive(const char* data, std::size_t length) {
  for (auto& pack : packs_) pack->link->receive(data, length, pack->twin->board().now_ms());
}

void SimulatedPacks::power_cycle(std::size_t index) {
  Pack& pack = *packs_.at(index);
  restart_firmware(*pack.twin);
  connect(pack, pack.device->address);
}

}  // namespace lfpbms::host
