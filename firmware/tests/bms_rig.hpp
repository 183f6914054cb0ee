#pragma once
// A BMS on a fake board, ticked in 100 ms steps, for tests that go through the whole pipeline.
#include "bms.hpp"
#include "fake_hardware.hpp"

namespace lfpbms::testing {

struct BmsRig {
  explicit BmsRig(PackConfig c = {})
      : board(c.series_count), config(c), bms(board.hardware(), config, log) {
    bms.start();
  }

  // Ticks every 100 ms for `ms` milliseconds.
  void run_ms(TimeMs ms, const BmsInputs& in = {}) {
    for (TimeMs t = 0; t < ms; t += kTickMs) {
      board.advance(kTickMs);
      bms.tick(in);
    }
  }
  void tick(const BmsInputs& in = {}) { run_ms(kTickMs, in); }
  // Past the start-up LED test, FETs closed, in standby.
  void run_until_running() { run_ms(6000); }
  // Holds the button for `ms`, then releases it (one more tick).
  void press_button(TimeMs ms) {
    board.button_down = true;
    run_ms(ms);
    board.button_down = false;
    tick();
  }

  const BmsStatus& status() const { return bms.status(); }

  fakes::FakeBoard board;
  fakes::EventLog log;
  PackConfig config;
  Bms bms;
};

}  // namespace lfpbms::testing
