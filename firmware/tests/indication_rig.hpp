#pragma once
// A rig for the indication tests: indicate() for one product style, with a protection status
// and inputs the test sets, and the SOC LEDs as a short string.
#include <gtest/gtest.h>

#include <string>

#include "bms_rig.hpp"
#include "indication/indication.hpp"
#include "indication/patterns.hpp"

namespace lfpbms::testing {

using I = ProtectionId;
using L = hal::LedPattern;
using B = hal::BuzzerPattern;

// indicate() for one product style, a healthy pack at 50 % in standby unless a test says else.
struct Indication {
  explicit Indication(IndicationStyle style = IndicationStyle::Standard, std::uint8_t leds = 6)
      : params(16) {
    config.indication = style;
    config.soc_led_count = leds;
    in.now = 60000;
    in.state = State::Standby;
    in.protection = &p;
    in.soc_pptt = 5000;
  }
  Indication(const Indication&) = delete;  // `in` points at `p`

  hal::IndicatorFrame show() { return indicate(in, config, params); }
  void alarm(I id) { p.alarm |= bit(id); }
  void protect(I id) { p.protect |= bit(id); }
  void buzzer_on() { ASSERT_TRUE(params.write(ParamId::buzzer_enable, 1).ok()); }

  PackConfig config;
  ParamSet params;
  ProtectionStatus p;
  IndicationInputs in;
};

// The SOC LEDs as text, LED1 first: '.' off, 'o' on, 'x' 1 Hz (Flash2), anything else '?'.
inline std::string soc_leds(const hal::IndicatorFrame& f, std::uint8_t leds = 6) {
  std::string s;
  for (std::uint8_t i = 0; i < leds; ++i) {
    s += f.soc[i] == L::Off ? '.' : f.soc[i] == L::On ? 'o' : f.soc[i] == L::Flash2 ? 'x' : '?';
  }
  return s;
}

}  // namespace lfpbms::testing
