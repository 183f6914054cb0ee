#pragma once
// Rigs for the state-machine tests: the StateMachine alone, stepped every 100 ms with inputs
// the test sets, and the whole pipeline at a cell voltage whose terminals look like no charger.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "bms_rig.hpp"

namespace lfpbms::testing {

inline constexpr TimeMs kSecond_ms = 1000;
inline constexpr TimeMs kMinute_ms = 60 * kSecond_ms;
inline constexpr TimeMs kHour_ms = 60 * kMinute_ms;

// A StateMachine with inputs the test sets; every tick is 100 ms after the last one. The
// inputs that describe one moment (button, host command, a received frame) last one tick.
struct Fsm {
  explicit Fsm(State initial = State::Standby) : sm(initial, 0) {
    in.cells_valid = true;
    in.min_cell_mV = 3300;
  }

  void tick() {
    in.now += kTickMs;
    out = sm.step(in, params);
    for (std::size_t i = 0; i < sm.event_count(); ++i) events.push_back(sm.event(i));
    in.button = ButtonEvent::None;
    in.host_sleep = false;
    in.comm_activity = false;
  }
  void run_ms(TimeMs ms) {
    const TimeMs end = in.now + ms;
    while (in.now < end) tick();
  }
  void press(ButtonEvent e) {
    in.button = e;
    tick();
  }
  // Runs until the state is `s`; false if it is not reached within `limit_ms`.
  bool run_until(State s, TimeMs limit_ms) {
    const TimeMs end = in.now + limit_ms;
    while (sm.state() != s && in.now < end) tick();
    return sm.state() == s;
  }
  std::size_t count(SystemEvent e) const {
    return static_cast<std::size_t>(std::count(events.begin(), events.end(), e));
  }
  State state() const { return sm.state(); }

  ParamSet params{16};
  StateMachine sm;
  FsmInputs in;
  FsmOutput out;
  std::vector<SystemEvent> events;
};

// Host sleep with nothing at the terminals: asleep after the 2 s check.
inline void sleep_by_host(Fsm& f) {
  f.in.host_sleep = true;
  f.tick();
  ASSERT_TRUE(f.run_until(State::Sleep, kSleepCheck_ms));
}

// An under-voltage protection that is not released: asleep after 30 s and the 2 s check.
inline void sleep_by_under_voltage(Fsm& f) {
  f.in.under_voltage = true;
  ASSERT_TRUE(f.run_until(State::Sleep, 40 * kSecond_ms));
  ASSERT_EQ(f.sm.sleep_reason(), SleepReason::UnderVoltage);
}

inline TimeMs autowake_interval_ms(const Fsm& f) {
  return static_cast<TimeMs>(f.params.get(ParamId::autowake_interval_s)) * kSecond_ms;
}
inline TimeMs autowake_window_ms(const Fsm& f) {
  return static_cast<TimeMs>(f.params.get(ParamId::autowake_window_s)) * kSecond_ms;
}

inline BmsInputs comm_frame() {
  BmsInputs in;
  in.comm_activity = true;
  return in;
}
inline BmsInputs link_wake() {
  BmsInputs in;
  in.link_wake = true;
  return in;
}

inline bool both_open(const fakes::FakeBoard& b) {
  return !b.switches.charge_fet && !b.switches.discharge_fet;
}
inline bool both_closed(const fakes::FakeBoard& b) {
  return b.switches.charge_fet && b.switches.discharge_fet;
}

// Cells at 3150 mV: 50.4 V, below the 51.2 V wake voltage, so the terminals that follow the
// pack do not look like a charger once the FETs open.
struct QuietRig : BmsRig {
  QuietRig() {
    board.set_cells(3150);
    run_until_running();
  }
  State phase() const { return status().phase; }
};

}  // namespace lfpbms::testing
