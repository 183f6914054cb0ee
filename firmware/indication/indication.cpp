#include "indication/indication.hpp"

#include <array>

namespace lfpbms {

namespace {

using hal::BuzzerPattern;
using hal::IndicatorFrame;
using hal::LedPattern;
using C = Condition;
using L = LedPattern;
using S = SocMode;

// IN-2 default, [001 §5.4].
constexpr LedRule kStandard[] = {
    {C::Fault, L::Off, L::On, S::Level},
    {C::HardProtection, L::Off, L::On, S::Level},
    {C::UnderVoltageProtection, L::Off, L::Off, S::Level},
    {C::OverChargeWithCharger, L::On, L::Off, S::Level},
    {C::Limiter, L::On, L::Flash3, S::Charging},
    {C::ChargeAlarm, L::On, L::Flash3, S::Charging},
    {C::Charge, L::On, L::Off, S::Charging},
    {C::DischargeAlarm, L::Flash3, L::Flash3, S::Level},
    {C::Discharge, L::Flash3, L::Off, S::Level},
    {C::StandbyAlarm, L::Flash1, L::Flash3, S::Level},
    {C::Always, L::Flash1, L::Off, S::Level},
};

// [000 §5.3]: RUN steady while running, ALM and a 6-LED code for every protection and fault.
constexpr LedRule kVtac000[] = {
    {C::Fault, L::Off, L::On, S::FaultCode},
    {C::HardProtection, L::Off, L::On, S::FaultCode},
    {C::UnderVoltageProtection, L::Off, L::On, S::FaultCode},
    {C::OverCharge, L::Off, L::On, S::FaultCode},
    {C::Notice, L::Off, L::On, S::FaultCode},
    {C::Charge, L::On, L::Off, S::Charging},
    {C::Always, L::On, L::Off, S::Level},
};

// [003 §3.3.3.4].
constexpr LedRule kVoltium003[] = {
    {C::Fault, L::Off, L::On, S::Off},
    {C::ChargeOcProtection, L::Flash1, L::Off, S::Level},
    {C::HardProtection, L::Off, L::On, S::Off},
    {C::UnderVoltageProtection, L::Off, L::Flash3, S::Off},
    {C::ChargeAlarm, L::On, L::Flash3, S::Charging},
    {C::Limiter, L::On, L::Flash3, S::Charging},
    {C::Charge, L::On, L::Off, S::Charging},
    {C::DischargeAlarm, L::Flash3, L::Flash3, S::Level},
    {C::Discharge, L::Flash3, L::Off, S::Level},
    {C::StandbyAlarm, L::Flash1, L::Flash3, S::Level},
    {C::Always, L::Flash1, L::Off, S::Level},
};

// [002 §4.5]: its Flash 1 is 1.0/1.0 s (Slow), its Flash 2 0.5/0.5 s.
constexpr LedRule kVoltgo002[] = {
    {C::Fault, L::Off, L::On, S::Level},
    {C::HardProtection, L::Off, L::On, S::Level},
    {C::Limiter, L::Off, L::On, S::Level},
    {C::UnderVoltageProtection, L::Off, L::On, S::Level},
    {C::OverChargeWithCharger, L::On, L::Off, S::Level},
    {C::ChargeAlarm, L::Slow, L::Off, S::Level},
    {C::Charge, L::Slow, L::Off, S::Level},
    {C::DischargeAlarm, L::Flash2, L::Off, S::Level},
    {C::Discharge, L::Flash2, L::Off, S::Level},
    {C::Always, L::On, L::Off, S::Level},
};

struct RuleTable {
  const LedRule* begin;
  const LedRule* end;
};

template <std::size_t N>
constexpr RuleTable table(const LedRule (&rules)[N]) {
  return {rules, rules + N};
}

RuleTable rules_for(IndicationStyle style) {
  switch (style) {
    case IndicationStyle::Vtac000:
      return table(kVtac000);
    case IndicationStyle::Voltium003:
      return table(kVoltium003);
    case IndicationStyle::Voltgo002:
      return table(kVoltgo002);
    case IndicationStyle::Standard:
      break;
  }
  return table(kStandard);
}

using I = ProtectionId;
constexpr std::uint64_t kOverCharge =
    bit(I::CellOv) | bit(I::PackOv) | bit(I::CellOvOv) | bit(I::PackOvOv) | bit(I::FullCharge);
constexpr std::uint64_t kUnderVoltage = bit(I::CellUv) | bit(I::PackUv);
constexpr std::uint64_t kChargeOc = bit(I::ChargeOc);
constexpr std::uint64_t kHard = bit(I::ChargeOt) | bit(I::ChargeUt) | bit(I::DischargeOt) |
                                bit(I::DischargeUt) | bit(I::AmbientOt) | bit(I::AmbientUt) |
                                bit(I::MosOt) | bit(I::ChargeOc) | bit(I::DischargeOc1) |
                                bit(I::DischargeOc2) | bit(I::ShortCircuit) | bit(I::Precharge);
constexpr std::uint64_t kNotice = bit(I::IdTimeout) | bit(I::AddressConflict) | bit(I::DipFault) |
                                  bit(I::CabinetFault) | bit(I::MasterLost);
// Over-voltage alarms do not flash ALM while charging, and the buzzer keeps quiet for them.
constexpr std::uint64_t kOverVoltageAlarms = bit(I::CellOv) | bit(I::PackOv);

bool holds(Condition c, const IndicationInputs& in) {
  const ProtectionStatus& p = *in.protection;
  const bool charging = in.state == State::Charge;
  const bool discharging = in.state == State::Discharge;
  const bool alarm =
      (p.alarm & ~(charging ? kOverVoltageAlarms : 0)) != 0 || (p.protect & kNotice) != 0;
  switch (c) {
    case C::Fault:
      return in.failure || in.state == State::Fault;
    case C::ChargeOcProtection:
      return (p.protect & kChargeOc) != 0;
    case C::HardProtection:
      return (p.protect & kHard) != 0;
    case C::UnderVoltageProtection:
      return (p.protect & kUnderVoltage) != 0;
    case C::OverChargeWithCharger:
      return (p.protect & kOverCharge & ~bit(I::FullCharge)) != 0 && in.charger_present;
    case C::OverCharge:
      return (p.protect & kOverCharge & ~bit(I::FullCharge)) != 0;
    case C::Notice:
      return (p.protect & kNotice) != 0;
    case C::Limiter:
      return in.limiter_active;
    case C::ChargeAlarm:
      return charging && alarm;
    case C::Charge:
      return charging;
    case C::DischargeAlarm:
      return discharging && alarm;
    case C::Discharge:
      return discharging;
    case C::StandbyAlarm:
      return alarm;
    case C::Always:
      return true;
  }
  return false;
}

const LedRule& select(const RuleTable& rules, const IndicationInputs& in) {
  for (const LedRule* r = rules.begin; r != rules.end; ++r) {
    if (holds(r->when, in)) return *r;
  }
  return *(rules.end - 1);
}

// [000 §5.3] codes in the order they win when several are active.
constexpr std::uint8_t kCodePriority[] = {36, 16, 14, 22, 24, 32, 28, 34, 26,
                                          30, 20, 18, 38, 40, 4,  6,  12};

// IN-3: [000 §5.3] gives the low rows in whole percent ("16%~8%", "7%~0%"), so each ends just
// below the next whole percent, as the LED steps do: 16.99 % is still "16 %".
constexpr std::int32_t kLowSocBelow_pptt = 1700;     // <= 16 %: only LED1, 5 Hz buzzer
constexpr std::int32_t kVeryLowSocBelow_pptt = 800;  // <= 7 % discharging: LED1 blinks, 1 Hz

// How the pack is moving, for the SOC rows: each direction has its own rows in [000 §5.3].
enum class Flow : std::uint8_t { Resting, Charging, Discharging };

Flow flow_of(const IndicationInputs& in, const LedRule& rule) {
  if (rule.soc == S::Charging) return Flow::Charging;
  return in.state == State::Discharge ? Flow::Discharging : Flow::Resting;
}

void show_level(IndicatorFrame& f, std::int32_t soc, std::uint8_t leds, Flow flow) {
  const std::uint8_t lit = soc_led_count_lit(soc, leds);
  for (std::uint8_t i = 0; i < leds; ++i) f.soc[i] = i < lit ? L::On : L::Off;
  if (flow == Flow::Charging && soc < kFullSoc_pptt && lit > 0) f.soc[lit - 1] = L::Flash2;
  // Only the discharge rows blink LED1 near empty; standing, LED1 stays lit down to 0 %.
  if (flow == Flow::Discharging && soc < kVeryLowSocBelow_pptt) f.soc[0] = L::Flash2;
}

void show_code(IndicatorFrame& f, std::uint8_t code, std::uint8_t leds) {
  for (std::uint8_t i = 0; i < leds; ++i) {
    const unsigned weight = 1u << (leds - 1 - i);  // LED1 carries the highest bit
    f.soc[i] = (code & weight) != 0 ? L::Flash2 : L::Off;
  }
}

BuzzerPattern vtac_buzzer(std::uint8_t code, const IndicationInputs& in) {
  switch (code) {
    case 0:
      break;
    case 6:
    case 12:
      return BuzzerPattern::Off;
    case 18:
    case 20:
    case 22:
    case 24:
    case 26:
    case 30:
    case 34:
      return BuzzerPattern::Beep1Hz;
    default:
      return BuzzerPattern::Continuous;
  }
  // No fault: the SOC rows. Charging is silent; near empty the discharge row beeps 1 Hz, and
  // standing has only the 5 Hz row [000 §5.3].
  if (in.state == State::Charge) return BuzzerPattern::Off;
  if (in.state == State::Discharge && in.soc_pptt < kVeryLowSocBelow_pptt) {
    return BuzzerPattern::Beep1Hz;
  }
  if (in.soc_pptt < kLowSocBelow_pptt) return BuzzerPattern::Beep5Hz;
  return BuzzerPattern::Off;
}

// IN-4: fault 0.25 s / 1 s, protection 0.25 s / 2 s, alarm 0.25 s / 3 s; over-voltage silent.
BuzzerPattern standard_buzzer(const IndicationInputs& in) {
  const ProtectionStatus& p = *in.protection;
  if (in.failure) return BuzzerPattern::Fault;
  if ((p.protect & ~kOverCharge & (kHard | kUnderVoltage | kNotice)) != 0) {
    return BuzzerPattern::Protection;
  }
  if ((p.alarm & ~kOverVoltageAlarms) != 0) return BuzzerPattern::Alarm;
  return BuzzerPattern::Off;
}

IndicatorFrame overlay(const IndicationInputs& in, std::uint8_t leds) {
  IndicatorFrame f;
  if (in.state == State::Reset) {
    f.run = f.alm = L::On;
    for (std::uint8_t i = 0; i < leds; ++i) f.soc[i] = L::On;
    return f;
  }
  // Start-up test: RUN, ALM, then each SOC LED, 0.5 s each [001 §5.3].
  const TimeMs step = (in.now - in.state_entered) / kLedTestStep_ms;
  if (step == 0) f.run = L::On;
  if (step == 1) f.alm = L::On;
  for (std::uint8_t i = 0; i < leds; ++i) f.soc[i] = step == 2u + i ? L::On : L::Off;
  return f;
}

}  // namespace

std::uint8_t soc_led_count_lit(std::int32_t soc_pptt, std::uint8_t led_count) {
  // IN-3: 6 LEDs 0-16, 17-32, 33-49, 50-65, 66-83, 84-100 %; 4 LEDs 25 % each.
  constexpr std::array<std::int32_t, 6> kSix = {0, 1700, 3300, 5000, 6600, 8400};
  constexpr std::array<std::int32_t, 4> kFour = {0, 2500, 5000, 7500};
  std::uint8_t lit = 0;
  if (led_count == 4) {
    for (const auto t : kFour) lit = static_cast<std::uint8_t>(lit + (soc_pptt >= t ? 1 : 0));
  } else {
    for (const auto t : kSix) lit = static_cast<std::uint8_t>(lit + (soc_pptt >= t ? 1 : 0));
  }
  return lit;
}

// One pass over the active rows (this runs every tick, twice): the code that ranks first wins.
std::uint8_t fault_code(const ProtectionStatus& protection) {
  if (protection.protect == 0) return 0;
  constexpr std::size_t kNone = sizeof(kCodePriority);
  std::size_t best = kNone;
  const ProtectionRow* const end = protection_rows_end();
  for (const ProtectionRow* r = protection_rows_begin(); r != end; ++r) {
    if (r->fault_code == 0 || !protection.protect_on(r->id)) continue;
    for (std::size_t rank = 0; rank < best; ++rank) {
      if (kCodePriority[rank] == r->fault_code) best = rank;
    }
  }
  return best == kNone ? 0 : kCodePriority[best];
}

IndicatorFrame indicate(const IndicationInputs& in, const PackConfig& config,
                        const ParamSet& params) {
  const std::uint8_t leds = config.soc_led_count;
  if (in.state == State::Sleep) return {};
  if (in.state == State::Startup || in.state == State::Reset) return overlay(in, leds);

  const LedRule& rule = select(rules_for(config.indication), in);
  IndicatorFrame f;
  f.run = rule.run;
  f.alm = rule.alm;
  f.master = in.bank_master ? L::On : L::Off;
  const std::uint8_t code = fault_code(*in.protection);
  if (rule.soc == S::FaultCode && code != 0 && leds == 6 && !in.show_soc) {
    show_code(f, code, leds);
  } else if (rule.soc != S::Off || in.show_soc) {
    show_level(f, in.soc_pptt, leds, flow_of(in, rule));
  }

  if (params.get(ParamId::buzzer_enable) != 0) {
    f.buzzer =
        config.indication == IndicationStyle::Vtac000 ? vtac_buzzer(code, in) : standard_buzzer(in);
  }
  if (params.get(ParamId::led_enable) == 0) {
    // IN-1: LEDs off from the host; a short press still shows the SOC.
    const IndicatorFrame dark{L::Off, L::Off, {}, f.buzzer, L::Off};
    if (!in.show_soc) return dark;
    f.run = f.alm = L::Off;
  }
  return f;
}

}  // namespace lfpbms
