#pragma once
// The protection engine alone, fed hand-made measurements every 100 ms.
#include <gtest/gtest.h>

#include <ostream>
#include <vector>

#include "protection/protection_engine.hpp"

namespace lfpbms {
// Parameterized test names show the row's screen name, not the enum's bytes.
inline void PrintTo(ProtectionId id, std::ostream* os) {
  *os << protection_row(id).name;
}
}  // namespace lfpbms

namespace lfpbms::testing {

struct ProtectionRig {
  explicit ProtectionRig(std::uint8_t series = 16)
      : series_count(series), params(series), engine(params) {
    nominal();
  }

  // A healthy pack at rest: 3300 mV cells, 25 °C, no current, 50 % SOC.
  void nominal() {
    m = Measurements{};
    m.cell_count = series_count;
    m.cell_voltage_mV.fill(3300);
    m.max_cell_mV = m.min_cell_mV = 3300;
    m.pack_voltage_mV = 3300u * series_count;
    m.terminal_voltage_mV = static_cast<std::int32_t>(m.pack_voltage_mV);
    m.cell_temperature_dC.fill(250);
    m.max_cell_temperature_dC = m.min_cell_temperature_dC = 250;
    m.mosfet_temperature_dC = m.ambient_temperature_dC = 250;
    in = ProtectionInputs{};
    in.m = &m;
    in.soc_pptt = 5000;
    in.s_since_charge_end = 0;
  }

  // Puts `value` on the measurement a quantity reads.
  void set(Quantity q, std::int32_t value) {
    const auto u16 = static_cast<std::uint16_t>(value);
    const auto i16 = static_cast<std::int16_t>(value);
    switch (q) {
      case Quantity::MaxCell_mV:
      case Quantity::MinCell_mV:
        m.max_cell_mV = m.min_cell_mV = u16;  // every cell alike: no spread
        break;
      case Quantity::Pack_mV:
        m.pack_voltage_mV = static_cast<std::uint32_t>(value);
        break;
      case Quantity::MaxCellTemperature_dC:
      case Quantity::MinCellTemperature_dC:
        m.max_cell_temperature_dC = m.min_cell_temperature_dC = i16;
        break;
      case Quantity::Ambient_dC:
        m.ambient_temperature_dC = i16;
        break;
      case Quantity::Mosfet_dC:
        m.mosfet_temperature_dC = i16;
        break;
      case Quantity::ChargeCurrent_mA:
        m.current_mA = value;
        break;
      case Quantity::DischargeCurrent_mA:
        m.current_mA = -value;
        break;
      case Quantity::CellSpread_mV:  // around 2700 mV: no over-voltage on the way
        m.min_cell_mV = 2700;
        m.max_cell_mV = static_cast<std::uint16_t>(2700 + value);
        break;
      case Quantity::Soc_pptt:
        in.soc_pptt = value;
        break;
      default:
        FAIL() << "not a level quantity";
    }
  }

  void tick() {
    now += kTickMs;
    engine.evaluate(now, in);
    for (std::size_t i = 0; i < engine.transition_count(); ++i) {
      transitions.push_back(engine.transition(i));
    }
  }
  void run_ms(TimeMs ms) {
    for (TimeMs t = 0; t < ms; t += kTickMs) tick();
  }
  std::int32_t level(const Ref& ref) const { return ref.value(params); }
  TimeMs delay(const Ref& ref) const {
    return ref.present() ? static_cast<TimeMs>(ref.value(params)) : 0;
  }

  bool protect(ProtectionId id) const { return engine.status().protect_on(id); }
  bool alarm(ProtectionId id) const { return engine.status().alarm_on(id); }
  bool latched(ProtectionId id) const { return engine.status().latched_on(id); }
  std::size_t count(ProtectionId id, EventKind kind) const {
    std::size_t n = 0;
    for (const auto& t : transitions) n += (t.id == id && t.kind == kind) ? 1 : 0;
    return n;
  }

  std::uint8_t series_count;
  ParamSet params;
  ProtectionEngine engine;
  Measurements m;
  ProtectionInputs in;
  TimeMs now = 0;
  std::vector<Transition> transitions;
};

// Cell over-voltage protection, tripped and asserted.
inline void trip_cell_ov(ProtectionRig& rig) {
  rig.set(Quantity::MaxCell_mV, 3700);
  rig.run_ms(1100);
  ASSERT_TRUE(rig.protect(ProtectionId::CellOv));
}

}  // namespace lfpbms::testing
