#pragma once
// A pack's part in a parallel bank (SPEC §6): its address (PA-1), its end of the internal bus
// (CO-3), and - on the master - the polling of the slaves and the system values (PA-2, PA-3).
// Each tick it runs after Bms::tick and hands the BMS what the bank knows for the next one:
// ID time-out, address conflict, DIP fault, master lost, bus activity, the wake line. It is
// also the PackBank behind the host link's "all packs" (INFO FF) and system view (F9) answers.
#include <cstddef>
#include <cstdint>

#include "bms.hpp"
#include "hal/bank_port.hpp"
#include "parallel/bank_addressing.hpp"
#include "parallel/bank_master.hpp"
#include "parallel/bus_endpoint.hpp"
#include "protocol/host_device.hpp"
#include "protocol/host_link.hpp"

namespace lfpbms {

inline constexpr TimeMs kMasterTimeout_ms = 10000;  // (own) a slave not polled for this long
inline constexpr TimeMs kWakePulse_ms = 1000;       // (own) SM-4: a waking pack wakes the bank
inline constexpr std::uint8_t kConflictAfterCollisions = 3;

class BankNode final : public protocol::PackBank {
 public:
  // `device` is the pack's host device: its address follows the bank address.
  BankNode(protocol::HostDevice& device, hal::BankPort& port);

  void start(TimeMs now);
  void tick(TimeMs now);
  // Bytes from the internal bus, at the time they arrived.
  void receive(const char* data, std::size_t length, TimeMs now);
  // What the bank tells the BMS's next tick.
  BmsInputs inputs();

  BankRole role() const { return addressing_.role(); }
  std::uint8_t address() const { return addressing_.address(); }
  bool address_conflict() const { return conflict_; }
  bool master_lost() const { return master_lost_; }
  // The system view: the master's over the bank; this pack alone otherwise.
  const protocol::SystemBlock& system_view() const { return system_; }
  const BankMaster& master() const { return master_; }

  // protocol::PackBank: index 0 is this pack, then every slave the master hears.
  std::uint8_t pack_count() const override { return count_; }
  std::uint8_t address(std::uint8_t index) const override;
  bool analog(std::uint8_t index, protocol::AnalogBlock& out) const override;
  bool alarms(std::uint8_t index, protocol::AlarmBlock& out) const override;
  bool system(protocol::SystemBlock& out) const override;

 private:
  void on_frame(const protocol::ParsedFrame& f, TimeMs now);
  void take_address(const protocol::ParsedFrame& f);
  void move(const protocol::ParsedFrame& f);
  static std::uint8_t offered_address(const protocol::ParsedFrame& f);
  void acknowledge(std::uint8_t taken);
  void check_echo();
  void follow_role(TimeMs now);
  void update_view();

  protocol::HostDevice& device_;
  hal::BankPort& port_;
  BankAddressing addressing_;
  BusEndpoint endpoint_;
  BankMaster master_;
  char tx_[512] = {};
  protocol::HostLink link_;
  char ack_[32] = {};
  protocol::SystemBlock system_;
  std::uint8_t count_ = 1;
  std::uint8_t addresses_[protocol::kMaxBankPacks] = {};
  bool master_started_ = false;
  bool awake_ = true;
  bool conflict_ = false;
  std::uint8_t collisions_ = 0;
  bool master_lost_ = false;
  TimeMs polled_at_ = 0;
  bool polled_ = false;
  TimeMs wake_until_ = 0;
};

}  // namespace lfpbms
