#pragma once
// Indication (IN-1...IN-4): from the state, the protections and the SOC to what the RUN, ALM
// and SOC LEDs and the buzzer show. Each product style is a table of rules in priority order;
// the first rule whose condition holds decides RUN, ALM and how the SOC LEDs show.
#include <cstdint>

#include "hal/indicators.hpp"
#include "pack_config.hpp"
#include "params/param_set.hpp"
#include "protection/protection_engine.hpp"
#include "state/state_machine.hpp"

namespace lfpbms {

struct IndicationInputs {
  TimeMs now = 0;
  State state = State::Standby;
  TimeMs state_entered = 0;
  const ProtectionStatus* protection = nullptr;
  bool failure = false;  // failure mode (fault rows or invalid measurements)
  bool charger_present = false;
  bool limiter_active = false;
  std::int32_t soc_pptt = 0;
  bool show_soc = false;  // a short button press asked for the SOC
  bool bank_master = false;  // this pack is the master of a bank with slaves (PA-1)
};

// Conditions the rule tables test, most specific first.
enum class Condition : std::uint8_t {
  Fault,
  ChargeOcProtection,
  HardProtection,  // temperature, over-current, short circuit, pre-charge
  UnderVoltageProtection,
  OverChargeWithCharger,
  OverCharge,
  Notice,  // PR-21 address and link faults
  Limiter,
  ChargeAlarm,
  Charge,
  DischargeAlarm,
  Discharge,
  StandbyAlarm,
  Always,
};

enum class SocMode : std::uint8_t { Off, Level, Charging, FaultCode };

struct LedRule {
  Condition when;
  hal::LedPattern run;
  hal::LedPattern alm;
  SocMode soc;
};

hal::IndicatorFrame indicate(const IndicationInputs& in, const PackConfig& config,
                             const ParamSet& params);

// Pieces, public for tests and the host's LED mimic.
std::uint8_t soc_led_count_lit(std::int32_t soc_pptt, std::uint8_t led_count);
// The [000 §5.3] fault code shown for the active protections, 0 when none.
std::uint8_t fault_code(const ProtectionStatus& protection);

}  // namespace lfpbms
