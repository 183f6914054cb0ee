// The accuracy metrics: the reported SOC's largest change in any minute, the pack's true state
// of health, the cell spread at the last full charge.
#include <gtest/gtest.h>

#include "sim/runner/accuracy.hpp"
#include "sim/runner/minute_swing.hpp"

namespace lfpbms::sim {
namespace {

// ---- the largest change in any 60 s -------------------------------------------------------

TEST(TWIN_accuracy, a_steady_ramp_swings_by_its_rate_per_minute) {
  MinuteSwing swing;
  for (int s = 0; s <= 600; ++s) swing.add(50.0 + 1.0 * s / 60.0);  // 1 %/min for 10 min
  EXPECT_NEAR(swing.max_swing(), 1.0, 1e-9);
}

TEST(TWIN_accuracy, a_step_counts_in_full) {
  MinuteSwing swing;
  for (int s = 0; s < 300; ++s) swing.add(s < 200 ? 40.0 : 43.0);
  EXPECT_NEAR(swing.max_swing(), 3.0, 1e-9);
}

TEST(TWIN_accuracy, a_swing_that_comes_back_within_the_minute_counts) {
  // Up 2 % and back within 30 s: the value a minute apart never differs, the swing does.
  MinuteSwing swing;
  for (int s = 0; s < 600; ++s) {
    const int in_minute = s % 60;
    swing.add(in_minute < 30 ? 60.0 + 2.0 * in_minute / 30.0
                             : 62.0 - 2.0 * (in_minute - 30) / 30.0);
  }
  EXPECT_NEAR(swing.max_swing(), 2.0, 1e-9);
}

TEST(TWIN_accuracy, changes_more_than_a_minute_apart_do_not_add_up) {
  // 0.5 % steps every 61 s: each minute window holds at most one of them.
  MinuteSwing swing;
  double v = 20.0;
  for (int s = 0; s < 1200; ++s) {
    if (s % 61 == 60) v += 0.5;
    swing.add(v);
  }
  EXPECT_NEAR(swing.max_swing(), 0.5, 1e-9);
}

TEST(TWIN_accuracy, nothing_sampled_nothing_moved) {
  EXPECT_EQ(MinuteSwing().max_swing(), 0.0);
}

// ---- the recorder's SOC rate --------------------------------------------------------------

StepSample soc_at(double t_s, double soc) {
  StepSample s;
  s.t_s = t_s;
  s.soc_est = soc;
  s.soc_true = soc;
  return s;
}

TEST(TWIN_accuracy, soc_rate_counts_after_the_estimate_has_settled) {
  Recorder rec(60.0);
  // The estimate jumps at power-on (5 min), then moves 1.2 %/min from 10 to 20 min.
  for (long k = 1; k <= 12000; ++k) {
    const double t = static_cast<double>(k) * 0.1;
    const double soc =
        t < 300 ? 0.0 : (t < 600 ? 0.5 : 0.5 + 0.012 * (std::min(t, 1200.0) - 600) / 60);
    rec.sample(soc_at(t, soc));
  }
  EXPECT_NEAR(rec.stats().soc_max_rate_pct_min, 1.2, 0.01);
}

TEST(TWIN_accuracy, soc_rate_sees_a_jump_between_two_seconds) {
  Recorder rec(60.0);
  for (long k = 1; k <= 9000; ++k) {
    const double t = static_cast<double>(k) * 0.1;
    rec.sample(soc_at(t, t < 700.05 ? 0.80 : 1.0));  // a calibration jump to 100 %
  }
  EXPECT_NEAR(rec.stats().soc_max_rate_pct_min, 20.0, 1e-9);
}

// ---- true state of health -----------------------------------------------------------------

TEST(TWIN_accuracy, true_soh_is_the_smallest_cell_over_the_rated_capacity) {
  PackSetup s;
  s.capacity_spread_pct = 0;
  s.soh_pct = 80;
  Pack even(s, 100, 16, Random(1));
  EXPECT_NEAR(true_soh_pct(even, 100), 80.0, 1e-9);
  EXPECT_NEAR(true_soh_pct(even, 200), 40.0, 1e-9);
  s.capacity_spread_pct = 1.5;
  Pack spread(s, 100, 16, Random(1));
  double smallest_Ah = 1e9;
  for (std::size_t i = 0; i < 16; ++i) {
    smallest_Ah = std::min(smallest_Ah, spread.cell(i).params().capacity_Ah);
  }
  EXPECT_NEAR(true_soh_pct(spread, 100), smallest_Ah, 1e-9);
  EXPECT_LT(true_soh_pct(spread, 100), 80.0);
}

// ---- spread at the top --------------------------------------------------------------------

Event system_event(SystemEvent what, TimeMs t_ms, std::uint16_t max_mV, std::uint16_t min_mV) {
  Event e;
  e.kind = EventKind::System;
  e.source = static_cast<std::uint8_t>(what);
  e.time_ms = t_ms;
  e.snapshot.max_cell_mV = max_mV;
  e.snapshot.min_cell_mV = min_mV;
  return e;
}

TEST(TWIN_accuracy, top_spread_is_the_last_full_charges_measured_spread) {
  Recorder rec(60.0);
  EXPECT_FALSE(top_spread_mV(rec.events()));  // never full: no value
  rec.record(system_event(SystemEvent::FullyCharged, 1000, 3520, 3380));
  rec.record(system_event(SystemEvent::FullyCharged, 90000000, 3471, 3455));
  rec.record(system_event(SystemEvent::EnterDischarge, 90001000, 3400, 3300));
  rec.note(90002000, "fault:cell_leak", "fault", "later, without measurements");
  ASSERT_TRUE(top_spread_mV(rec.events()));
  EXPECT_EQ(*top_spread_mV(rec.events()), 16.0);
}

}  // namespace
}  // namespace lfpbms::sim
