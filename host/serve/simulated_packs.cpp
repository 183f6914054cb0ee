#include "host/serve/simulated_packs.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace lfpbms::host {

namespace {

std::string serial(const char* prefix, std::size_t number) {
  char text[32];
  std::snprintf(text, sizeof text, "%s%04zu", prefix, number);
  return text;
}

sim::Scenario with_packs(sim::Scenario s, std::size_t count) {
  if (count < 1 || count > kMaxServedPacks) {
    throw std::invalid_argument("--packs must be 1...32, not " + std::to_string(count));
  }
  s.bank.packs = static_cast<int>(count);
  return s;
}

}  // namespace

SimulatedPacks::SimulatedPacks(const sim::Scenario& scenario, const sim::ProductProfile& profile,
                               std::size_t count, hal::SerialPort& bus)
    : bus_(bus), sim_(std::make_unique<sim::Simulation>(with_packs(scenario, count), profile)) {
  for (std::size_t i = 0; i < count; ++i) {
    auto link = std::make_unique<Link>();
    link->bms_serial = serial("LFPBMS-SIM-", i + 1);
    link->pack_serial = serial("LFPP-SIM-", i + 1);  // bmspace keeps 15 and 14 characters
    links_.push_back(std::move(link));
    connect(i);
  }
}

SimulatedPacks::~SimulatedPacks() = default;

// A pack's host link on the served bus, made again whenever its firmware was (a restart, a
// pack that joins later); the device keeps its identity, credentials and restart hook.
void SimulatedPacks::connect(std::size_t index) {
  Link& l = *links_[index];
  sim::PackUnit& unit = sim_->bank().unit(index);
  if (!unit.device || unit.firmware_builds() == l.firmware) return;
  protocol::HostDevice& device = *unit.device;
  device.identity.bms_serial = l.bms_serial.c_str();
  device.identity.pack_serial = l.pack_serial.c_str();
  if (!l.credentials) {
    l.credentials = std::make_unique<CredentialStorage>(
        unit.board.nvm(), sim_->profile().config.flash.credentials_sector);
  }
  device.credentials = l.credentials.get();
  device.system = &l.restart;
  // Any pack may be the master: room for every pack's block in an "all packs" answer.
  l.tx.assign(protocol::kMaxFrameChars, '\0');
  l.link = std::make_unique<protocol::HostLink>(device, bus_, l.tx.data(), l.tx.size());
  l.firmware = unit.firmware_builds();
}

void SimulatedPacks::step() {
  sim_->step();
  for (std::size_t i = 0; i < links_.size(); ++i) connect(i);
}

bool SimulatedPacks::boot(double limit_s) {
  const double until_s = t_s() + limit_s;
  auto addressed = [this] {
    for (std::size_t i = 0; i < links_.size(); ++i) {
      const sim::PackUnit& u = sim_->bank().unit(i);
      if (u.node && u.node->role() == BankRole::Unassigned) return false;
    }
    return true;
  };
  while (!addressed()) {
    if (t_s() >= until_s) return false;
    step();
  }
  return true;
}

void SimulatedPacks::receive(const char* data, std::size_t length) {
  for (std::size_t i = 0; i < links_.size(); ++i) {
    if (links_[i]->link) {
      links_[i]->link->receive(data, length, sim_->bank().unit(i).board.now_ms());
    }
  }
  for (std::size_t i = 0; i < links_.size(); ++i) {
    if (!links_[i]->restart.pending) continue;
    links_[i]->restart.pending = false;
    power_cycle(i);
  }
}

void SimulatedPacks::write_truth(const std::string& path) const {
  auto packs = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < links_.size(); ++i) {
    const sim::PackUnit& unit = sim_->bank().unit(i);
    const sim::TrueReadings t = unit.board.true_readings();
    auto milli = [](double x) { return std::lround(x * 1000.0); };
    nlohmann::ordered_json cells = nlohmann::json::array();
    for (double v : t.cell_V) cells.push_back(milli(v));
    nlohmann::ordered_json temps = nlohmann::json::array();
    for (double c : t.temperature_C) temps.push_back(std::lround(c * 10.0));
    packs.push_back({{"address", unit.node ? unit.node->address() : 0},
                     {"cell_voltage_mV", cells},
                     {"pack_voltage_mV", milli(t.pack_V)},
                     {"current_mA", milli(t.current_A)},
                     {"temperature_dC", temps},
                     {"soc_pct", unit.usable_soc() * 100.0}});
  }
  const nlohmann::ordered_json doc = {{"t_s", t_s()}, {"packs", packs}};
  const std::string tmp = path + ".tmp";
  std::ofstream(tmp) << doc.dump() << '\n';
  std::filesystem::rename(tmp, path);
}

void SimulatedPacks::power_cycle(std::size_t index) {
  sim_->power_cycle(index);
  connect(index);
}

}  // namespace lfpbms::host
