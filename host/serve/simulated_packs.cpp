#include "host/serve/simulated_packs.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "protocol/pack_blocks.hpp"

namespace lfpbms::host {

namespace {

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
  bool system(protocol::SystemBlock& /*out*/) const override { return false; }

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
    pack->pack_serial = serial("LFPP-SIM-", i + 1);  // bmspace keeps 15 and 14 characters
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
  pack.credentials = std::make_unique<CredentialStorage>(
      board.nvm(), pack.twin->profile().config.flash.credentials_sector);
  pack.device = std::make_unique<protocol::HostDevice>(protocol::HostDevice{
      pack.twin->bms(), board, identity, &pack.twin->event_log(), pack.credentials.get(),
      master ? bank_.get() : nullptr, address, &pack.restart});
  // The master's "all packs" answer holds every pack's block; one pack's fits in 512.
  pack.tx.assign(master ? protocol::kMaxFrameChars : 512, '\0');
  pack.link =
      std::make_unique<protocol::HostLink>(*pack.device, bus_, pack.tx.data(), pack.tx.size());
}

void SimulatedPacks::step() {
  for (const auto& pack : packs_) pack->twin->step();
}

void SimulatedPacks::receive(const char* data, std::size_t length) {
  for (const auto& pack : packs_) pack->link->receive(data, length, pack->twin->board().now_ms());
  for (std::size_t i = 0; i < packs_.size(); ++i) {
    if (!packs_[i]->restart.pending) continue;
    packs_[i]->restart.pending = false;
    power_cycle(i);
  }
}

void SimulatedPacks::write_truth(const std::string& path) const {
  auto packs = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < packs_.size(); ++i) {
    const sim::TrueReadings t = packs_[i]->twin->board().true_readings();
    auto milli = [](double x) { return std::lround(x * 1000.0); };
    nlohmann::ordered_json cells = nlohmann::json::array();
    for (double v : t.cell_V) cells.push_back(milli(v));
    nlohmann::ordered_json temps = nlohmann::json::array();
    for (double c : t.temperature_C) temps.push_back(std::lround(c * 10.0));
    packs.push_back({{"address", i + 1},
                     {"cell_voltage_mV", cells},
                     {"pack_voltage_mV", milli(t.pack_V)},
                     {"current_mA", milli(t.current_A)},
                     {"temperature_dC", temps},
                     {"soc_pct", packs_[i]->twin->pack().usable_soc() * 100.0}});
  }
  const nlohmann::ordered_json doc = {{"t_s", t_s()}, {"packs", packs}};
  const std::string tmp = path + ".tmp";
  std::ofstream(tmp) << doc.dump() << '\n';
  std::filesystem::rename(tmp, path);
}

void SimulatedPacks::power_cycle(std::size_t index) {
  Pack& pack = *packs_.at(index);
  pack.twin->power_cycle();
  connect(pack, pack.device->address);
}

}  // namespace lfpbms::host
