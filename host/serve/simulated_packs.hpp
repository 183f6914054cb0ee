#pragma once
// A bank of simulated packs behind one bus: N twins of one scenario (seed + i), each with its
// firmware's host link at address i + 1. Pack 1 is the bank master: it answers "all packs"
// (INFO FF) requests with every pack's block, read through a PackBank from the other twins -
// a stand-in for the internal bus between packs, which a later issue builds.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "hal/serial_port.hpp"
#include "hal/system_control.hpp"
#include "protocol/host_device.hpp"
#include "protocol/host_link.hpp"
#include "sim/runner/simulation.hpp"
#include "storage/credential_storage.hpp"

namespace lfpbms::host {

inline constexpr std::size_t kMaxServedPacks = 15;  // DIP addresses 1...15

class SimulatedPacks {
 public:
  // Throws std::invalid_argument for a count outside 1...15, and what Simulation throws.
  SimulatedPacks(const sim::Scenario& scenario, const sim::ProductProfile& profile,
                 std::size_t count, hal::SerialPort& bus);
  ~SimulatedPacks();
  SimulatedPacks(const SimulatedPacks&) = delete;
  SimulatedPacks& operator=(const SimulatedPacks&) = delete;

  void step();  // every pack by one 100 ms step
  // Bytes from the bus, to every pack's link, at that pack's firmware time.
  void receive(const char* data, std::size_t length);
  // Restarts pack `index`'s firmware from its flash and its link from nothing, as after a
  // power cut (the protocol's reboot command, later).
  void power_cycle(std::size_t index);

  // Every pack's true readings (cells, current, temperatures) as JSON, replaced atomically, so
  // a test can hold what the host link reports against the truth.
  void write_truth(const std::string& path) const;

  std::size_t size() const { return packs_.size(); }
  sim::Simulation& simulation(std::size_t index) { return *packs_.at(index)->twin; }
  double t_s() const { return packs_.front()->twin->t_s(); }
  bool finished() const { return t_s() >= packs_.front()->twin->total_s(); }

 private:
  // A restart asked for over the host link: done after the answer, between two steps.
  struct Restart final : hal::SystemControl {
    void request_restart() override { pending = true; }
    bool pending = false;
  };
  struct Pack {
    std::unique_ptr<sim::Simulation> twin;
    Restart restart;
    std::string bms_serial;
    std::string pack_serial;
    std::unique_ptr<CredentialStorage> credentials;
    std::unique_ptr<protocol::HostDevice> device;
    std::vector<char> tx;
    std::unique_ptr<protocol::HostLink> link;
  };
  class Bank;

  void connect(Pack& pack, std::uint8_t address);

  hal::SerialPort& bus_;
  std::vector<std::unique_ptr<Pack>> packs_;
  std::unique_ptr<Bank> bank_;
};

}  // namespace lfpbms::host
