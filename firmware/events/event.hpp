#pragma once
// Events (ST-3): every alarm, protection, release and fault, and the system's own milestones,
// with a time stamp and the measurements at that moment. Storage is behind EventSink.
#include <cstdint>

#include "core/units.hpp"

namespace lfpbms {

enum class EventKind : std::uint8_t {
  AlarmSet = 1,
  AlarmClear,
  Protect,
  Release,
  Lock,         // a protection became latched: manual intervention needed
  ManualClear,  // a latched or manual-release protection cleared by button or host
  System,       // source is a SystemEvent
};

// X(name, text). Append only: the position is the stored code.
#define LFPBMS_SYSTEM_EVENTS(X)                                        \
  X(PowerOn, "power on")                                               \
  X(ParamsCorrupt, "stored parameters corrupt, defaults used")         \
  X(ParamsRestored, "parameters restored to defaults")                 \
  X(ParamsWritten, "parameters written")                               \
  X(EnterStandby, "standby")                                           \
  X(EnterCharge, "charging")                                           \
  X(EnterDischarge, "discharging")                                     \
  X(EnterFault, "failure mode")                                        \
  X(EnterSleep, "sleep")                                               \
  X(Wake, "wake")                                                      \
  X(SleepRefused, "sleep refused: external voltage present")           \
  X(ButtonReset, "button reset")                                       \
  X(HostClear, "latched protections cleared by host")                  \
  X(AutoWakeTry, "automatic wake: trying the FETs")                    \
  X(AutoWakeFailed, "automatic wake failed: no charge current")        \
  X(AutoWakeStopped, "automatic wake stopped after too many failures") \
  X(HeaterOn, "heater on")                                             \
  X(HeaterOff, "heater off")                                           \
  X(HeaterTimeout, "heater stopped: time limit")                       \
  X(LimiterOn, "charge current limiter on")                            \
  X(LimiterOff, "charge current limiter off")                          \
  X(ForceChargeOn, "force charge requested")                           \
  X(ForceChargeOff, "force charge ended")                              \
  X(RapidShutdown, "rapid shutdown input asserted")                    \
  X(FullyCharged, "full charge detected")                              \
  X(EmptyCalibrated, "discharge knee reached: SOC set to 0 %")         \
  X(CapacityLearned, "full-charge capacity learned")                   \
  X(WeakCell, "weak cell: self-discharge or capacity stands out")

enum class SystemEvent : std::uint8_t {
#define LFPBMS_SYSTEM_EVENT_ENUM(name, text) name,
  LFPBMS_SYSTEM_EVENTS(LFPBMS_SYSTEM_EVENT_ENUM)
#undef LFPBMS_SYSTEM_EVENT_ENUM
      Count
};

struct EventSnapshot {
  std::uint16_t max_cell_mV = 0;
  std::uint16_t min_cell_mV = 0;
  std::uint32_t pack_voltage_mV = 0;
  std::int32_t current_mA = 0;
  std::int16_t max_temperature_dC = 0;
  std::int16_t min_temperature_dC = 0;
  std::int16_t mosfet_temperature_dC = 0;
  std::int16_t ambient_temperature_dC = 0;
  std::int32_t soc_pptt = 0;
};

struct Event {
  EventKind kind = EventKind::System;
  std::uint8_t source = 0;  // ProtectionId, or SystemEvent when kind is System
  TimeMs time_ms = 0;
  std::uint32_t unix_time_s = 0;
  EventSnapshot snapshot;

  // A stable 16-bit code: kind in the high byte, source in the low byte.
  std::uint16_t code() const {
    return static_cast<std::uint16_t>(static_cast<unsigned>(kind) << 8 | source);
  }
};

class EventSink {
 public:
  virtual void record(const Event& event) = 0;

 protected:
  ~EventSink() = default;
};

const char* event_kind_name(EventKind kind);
const char* system_event_text(SystemEvent event);

}  // namespace lfpbms
