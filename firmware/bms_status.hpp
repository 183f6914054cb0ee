#pragma once
// The one data model every protocol, the screen and the host read: the state of the pack
// after the last tick, units in the names.
#include <cstdint>

#include "control/limits.hpp"
#include "hal/digital_io.hpp"
#include "hal/indicators.hpp"
#include "hal/power_switches.hpp"
#include "measurement/measurements.hpp"
#include "protection/protection_engine.hpp"
#include "state/state_machine.hpp"

namespace lfpbms {

struct BmsStatus {
  TimeMs time_ms = 0;
  ReportedState state = ReportedState::Standby;
  State phase = State::Startup;  // the state machine's own state
  SleepReason sleep_reason = SleepReason::None;
  Measurements measurements;
  ProtectionStatus protection;
  InverterLimits limits;
  hal::SwitchCommand switches;
  hal::IndicatorFrame indicators;
  hal::ContactCommand contacts;
  std::int32_t soc_pptt = 0;
  std::int32_t remaining_mAh = 0;
  std::int32_t full_capacity_mAh = 0;  // learned, at 25 °C (Tot Cap)
  std::int32_t soh_pptt = 10000;       // learned / rated capacity, 0.01 %
  std::uint16_t cycle_count = 0;
  std::uint32_t charged_mAh_total = 0;  // cumulative, measured at the shunt
  std::uint32_t discharged_mAh_total = 0;
  std::uint32_t charged_Wh_total = 0;
  std::uint32_t discharged_Wh_total = 0;
  std::uint8_t weak_cell = 0;   // 1-based cell whose self-discharge or capacity stands out, 0 none
  std::uint8_t fault_code = 0;  // [000 §5.3], 0 = none
  bool failure = false;         // failure mode: a fault row or invalid measurements
  bool charger_present = false;
  bool limiter_active = false;
  bool heater_on = false;
  bool force_charge = false;
  bool rapid_shutdown = false;
  bool passive_input = false;
  std::uint16_t balancing_mask = 0;
};

}  // namespace lfpbms
