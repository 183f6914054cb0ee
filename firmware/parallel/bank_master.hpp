#pragma once
// PA-2, PA-3: the master's side of the internal bus. Once a second it polls every slave's
// summary (FB), refreshes a couple of slaves' full analog and alarm blocks (42, 44) for the
// host's "all packs" answers, and looks for packs that were not there before: the next free
// DIP address, or - on a chain - offers the next address with the token (or the address of a
// slave that fell silent, which a restarted slave takes back). A slave that stops
// answering is lost after three polls (ID_OVER); answers that keep arriving damaged mean two
// packs share the address. One request at a time, each answered or timed out before the next.
#include <cstdint>

#include "core/units.hpp"
#include "hal/bank_port.hpp"
#include "pack_config.hpp"
#include "parallel/bus_endpoint.hpp"
#include "protocol/bank_blocks.hpp"
#include "protocol/wire_model.hpp"

namespace lfpbms {

// What the master knows of the pack at one address.
struct MemberSlot {
  bool known = false;     // answered at least once
  bool lost = false;      // known, silent for kLostAfterMisses polls
  bool conflict = false;  // its answers keep arriving damaged
  bool has_blocks = false;
  std::uint8_t misses = 0;
  std::uint8_t garbled = 0;
  TimeMs answered_at = 0;
  protocol::MemberBlock member;
  protocol::AnalogBlock analog;
  protocol::AlarmBlock alarms;

  bool talking() const { return known && !lost && !conflict; }
};

class BankMaster {
 public:
  static constexpr TimeMs kCycle_ms = 1000;            // (own) each slave polled once a second
  static constexpr TimeMs kAnswerTimeout_ms = 50;      // (own) slaves answer within a few ms
  static constexpr std::uint8_t kLostAfterMisses = 3;  // (own) PA-3
  static constexpr std::uint8_t kConflictAfterGarbled = 3;
  static constexpr std::uint8_t kBlocksPerCycle = 2;  // slaves whose 42 and 44 are refreshed
  static constexpr std::uint8_t kAssignTries = 3;
  static constexpr std::uint32_t kChainDiscoveryCycles = 10;  // a pack appended to the chain
  static constexpr std::uint32_t kMoveWindowCycles = 3;       // a newcomer may be a restarted slave

  void start(TimeMs now, const BankConfig& config, hal::BankPort& port);
  void tick(TimeMs now, BusEndpoint& bus);
  // A frame for the address being asked (the bus filter lets no other through).
  void on_frame(const protocol::ParsedFrame& f, TimeMs now, BusEndpoint& bus);

  const MemberSlot& slot(std::uint8_t address) const { return slots_[address - 1]; }
  const MemberSlot* slots() const { return slots_; }  // index: address - 1
  std::uint8_t last_address() const;                  // the highest address a slave may have
  bool any_lost() const;
  bool any_conflict() const;
  bool assigning() const { return assigning_; }
  std::uint8_t chain_count() const { return chain_count_; }

 private:
  // Move: the pack at move_from_ is told to take the job's address (a directed FC).
  enum class Ask : std::uint8_t { Member, Analog, Alarms, Assign, Move };
  struct Job {
    std::uint8_t address;
    Ask ask;
  };
  static constexpr std::size_t kMaxJobs = protocol::kMaxBankPacks + 2 * kBlocksPerCycle + 1;

  void plan_cycle();
  void plan_chain_offer();
  std::uint8_t first_silent() const;
  void add(std::uint8_t address, Ask ask);
  void send_next(TimeMs now, BusEndpoint& bus);
  void send(const Job& job, TimeMs now, BusEndpoint& bus);
  void timed_out();
  static void damaged(MemberSlot& s);
  void answered(const protocol::ParsedFrame& f, TimeMs now);
  bool expected(std::uint8_t address) const;  // a pack should be there

  MemberSlot slots_[protocol::kMaxBankPacks];  // index: address - 1 (0 is the master itself)
  Addressing mode_ = Addressing::Dip;
  std::uint8_t max_packs_ = 15;
  Job jobs_[kMaxJobs] = {};
  std::uint8_t job_count_ = 0;
  std::uint8_t next_job_ = 0;
  bool waiting_ = false;
  Job pending_{};
  TimeMs sent_at_ = 0;
  TimeMs cycle_at_ = 0;
  bool cycled_ = false;
  std::uint32_t cycles_ = 0;
  std::uint8_t discover_next_ = 2;
  std::uint8_t blocks_next_ = 2;
  bool assigning_ = false;
  std::uint8_t assign_tries_ = 0;
  std::uint8_t chain_count_ = 1;    // packs on the chain, the master included
  std::uint8_t newest_ = 0;         // the address last given to a pack appended (0: none lately)
  std::uint32_t newest_cycle_ = 0;  // the cycle it was given in
  std::uint8_t move_from_ = 0;
  char request_[48] = {};
};

}  // namespace lfpbms
