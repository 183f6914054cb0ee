#pragma once
// The one evaluator of the protection table. Each tick it computes every row's quantity,
// debounces alarm, trip and release against the row's levels and delays, applies the release
// and latch rules, and reports which FETs must stay open and what changed.
#include <array>
#include <cstdint>

#include "core/debounce.hpp"
#include "events/event.hpp"
#include "measurement/measurements.hpp"
#include "protection/protection_row.hpp"

namespace lfpbms {

// Faults reported by the parallel layer (PR-21).
struct SystemFaults {
  bool id_timeout = false;
  bool address_conflict = false;
  bool dip_fault = false;
  bool cabinet_fault = false;
  bool master_lost = false;  // a slave: no poll from the master on the internal bus
};

struct ProtectionInputs {
  const Measurements* m = nullptr;
  std::int32_t soc_pptt = 0;
  bool charger_present = false;
  bool full_charge = false;    // the charge taper has ended (PR-19)
  bool short_circuit = false;  // the hardware comparator tripped since the last tick
  bool reverse_polarity = false;
  bool charge_fet_fault = false;  // charge current although the charge path is open
  bool discharge_fet_fault = false;
  bool precharge_failed = false;  // a pre-charge attempt timed out this tick
  std::uint32_t s_since_charge_end = 0xFFFFFFFFu;
  SystemFaults system;
};

struct Transition {
  ProtectionId id;
  EventKind kind;
};

struct ProtectionStatus {
  std::uint64_t alarm = 0;
  std::uint64_t protect = 0;
  std::uint64_t latched = 0;
  std::uint16_t alarm_flags = 0;    // AlarmFlag bits
  std::uint32_t protect_flags = 0;  // ProtectFlag bits
  bool block_charge = false;
  bool block_discharge = false;
  bool fault = false;  // a Fault-severity row is active: failure mode

  bool alarm_on(ProtectionId id) const { return (alarm & bit(id)) != 0; }
  bool protect_on(ProtectionId id) const { return (protect & bit(id)) != 0; }
  bool latched_on(ProtectionId id) const { return (latched & bit(id)) != 0; }
};

class ProtectionEngine {
 public:
  static constexpr std::size_t kMaxTransitions = 3 * kProtectionCount;

  explicit ProtectionEngine(const ParamSet& params) : params_(params) {}

  void evaluate(TimeMs now, const ProtectionInputs& in);
  // Manual intervention by host command: clears latched rows and those that release only by
  // hand or by a charger; their conditions are judged afresh from the next tick.
  void clear_latched();
  // Button reset: every row starts over, as after a power cycle; counters are kept elsewhere.
  void reset_all();
  // After sleep, pending delays start over rather than completing on stale time.
  void restart_timers();

  const ProtectionStatus& status() const { return status_; }
  TimeMs tripped_at(ProtectionId id) const { return rows_[slot(id)].tripped_at; }
  std::uint8_t lock_count(LockGroup group) const {
    return locks_[static_cast<std::size_t>(group)].count;
  }

  // What changed during the last call; the caller turns these into events.
  std::size_t transition_count() const { return transition_count_; }
  const Transition& transition(std::size_t i) const { return transitions_[i]; }
  void clear_transitions() { transition_count_ = 0; }

 private:
  struct RowState {
    bool alarm = false;
    bool protect = false;
    bool latched = false;
    TimeMs tripped_at = 0;
    Debounce alarm_set;
    Debounce alarm_clear;
    Debounce trip;
    Debounce release;
  };
  struct LockState {
    std::uint8_t count = 0;
    TimeMs last_trip = 0;
  };
  struct Sample {
    std::int32_t value;
    bool valid;
  };

  static constexpr std::size_t slot(ProtectionId id) { return static_cast<std::size_t>(id); }
  Sample quantity(Quantity q, const ProtectionInputs& in) const;
  void evaluate_row(const ProtectionRow& row, TimeMs now, const ProtectionInputs& in);
  void update_alarm(const ProtectionRow& row, RowState& st, TimeMs now, std::int32_t v);
  void update_trip(const ProtectionRow& row, RowState& st, TimeMs now, std::int32_t v);
  void update_release(const ProtectionRow& row, RowState& st, TimeMs now, std::int32_t v,
                      const ProtectionInputs& in);
  bool release_condition(const ProtectionRow& row, const RowState& st, TimeMs now, std::int32_t v,
                         const ProtectionInputs& in) const;
  bool count_towards_lock(const ProtectionRow& row, TimeMs now);
  void clear_row(ProtectionId id, EventKind kind);
  void refresh_status();
  void note(ProtectionId id, EventKind kind);

  const ParamSet& params_;
  std::array<RowState, kProtectionCount> rows_{};
  std::array<LockState, static_cast<std::size_t>(LockGroup::Count)> locks_{};
  ProtectionStatus status_{};
  std::array<Transition, kMaxTransitions> transitions_{};
  std::size_t transition_count_ = 0;
  bool changed_ = false;  // a row's flags changed during this evaluation
};

}  // namespace lfpbms
