#pragma once
// A simulated bank behind one bus: the twin of `count` packs of one scenario in parallel (the
// scenario's [bank] with that many packs), each pack's firmware with its host link on the
// served bus at its bank address. The master (address 1) answers "all packs" (INFO FF) and the
// system view (F9) from what it polled of the slaves over the bank's internal bus.
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

inline constexpr std::size_t kMaxServedPacks = 32;  // PA-1: a Link IN/OUT chain

class SimulatedPacks {
 public:
  // Throws std::invalid_argument for a count outside 1...32, and what Simulation throws (more
  // packs than the profile's bank allows among it).
  SimulatedPacks(const sim::Scenario& scenario, const sim::ProductProfile& profile,
                 std::size_t count, hal::SerialPort& bus);
  ~SimulatedPacks();
  SimulatedPacks(const SimulatedPacks&) = delete;
  SimulatedPacks& operator=(const SimulatedPacks&) = delete;

  void step();  // the bank by one 100 ms step
  // Steps until every pack switched on has its bank address (a chain's packs are silent until
  // then), at most `limit_s` simulated seconds; false when some still have none.
  bool boot(double limit_s = 30);
  // Bytes from the bus, to every pack's link, at that pack's firmware time.
  void receive(const char* data, std::size_t length);
  // Restarts pack `index`'s firmware from its flash and its link from nothing, as after a
  // power cut (the protocol's reboot command).
  void power_cycle(std::size_t index);

  // Every pack's true readings (cells, current, temperatures) as JSON, replaced atomically, so
  // a test can hold what the host link reports against the truth.
  void write_truth(const std::string& path) const;

  std::size_t size() const { return links_.size(); }
  sim::Simulation& simulation() { return *sim_; }
  double t_s() const { return sim_->t_s(); }
  bool finished() const { return t_s() >= sim_->total_s(); }

 private:
  // A restart asked for over the host link: done after the answer, between two steps.
  struct Restart final : hal::SystemControl {
    void request_restart() override { pending = true; }
    bool pending = false;
  };
  struct Link {
    Restart restart;
    std::string bms_serial;
    std::string pack_serial;
    std::unique_ptr<CredentialStorage> credentials;
    std::vector<char> tx;
    std::uint32_t firmware = 0;  // the pack's firmware build the link was made for (0: none)
    std::unique_ptr<protocol::HostLink> link;
  };

  void connect(std::size_t index);

  hal::SerialPort& bus_;
  std::unique_ptr<sim::Simulation> sim_;
  std::vector<std::unique_ptr<Link>> links_;
};

}  // namespace lfpbms::host
