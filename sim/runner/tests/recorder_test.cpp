// The recorder: the decimated trace (interval means, extremes, states at the end), the run's
// statistics, and the event log with its codes and counts.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "protection/protection_row.hpp"
#include "sim/runner/recorder.hpp"

namespace lfpbms::sim {
namespace {

constexpr double kDt = 0.1;

StepSample sample_at(double t_s) {
  StepSample s;
  s.t_s = t_s;
  s.dt_s = kDt;
  s.pack_V = s.terminal_V = 52.0;
  s.cell_min_V = 3.25;
  s.cell_max_V = 3.27;
  s.temp_min_C = 20;
  s.temp_max_C = 22;
  return s;
}

// Feeds steps 1...n (t = k * 0.1 s), letting `shape` fill each.
template <typename Shape>
void feed(Recorder& rec, long first, long last, Shape shape) {
  for (long k = first; k <= last; ++k) {
    StepSample s = sample_at(static_cast<double>(k) * kDt);
    shape(s);
    rec.sample(s);
  }
}

// ---- trace --------------------------------------------------------------------------------

TEST(TWIN_recorder, trace_has_one_row_per_interval) {
  Recorder rec(60.0);
  feed(rec, 1, 36000, [](StepSample&) {});  // one hour
  const auto& trace = rec.trace();
  // The first step opens the trace, then one row at the end of every minute.
  ASSERT_EQ(trace.size(), 61u);
  EXPECT_NEAR(trace[0].t_s, 0.1, 1e-9);
  for (std::size_t i = 1; i < trace.size(); ++i) {
    EXPECT_NEAR(trace[i].t_s, 60.0 * static_cast<double>(i), 0.1 + 1e-9) << i;
    EXPECT_GE(trace[i].t_s, 60.0 * static_cast<double>(i)) << i;
  }
}

TEST(TWIN_recorder, trace_interval_of_a_long_run) {
  // The runner's rule: max(60 s, days * 86400 / 10000); 30 days give a row every 259.2 s.
  Recorder rec(30 * 86400.0 / 10000);
  feed(rec, 1, 864000, [](StepSample&) {});  // the first day
  EXPECT_EQ(rec.trace().size(), 1u + 333);
  EXPECT_NEAR(rec.trace().back().t_s, 333 * 259.2, 0.1 + 1e-9);
}

TEST(TWIN_recorder, flows_are_interval_means) {
  Recorder rec(60.0);
  feed(rec, 1, 1, [](StepSample&) {});  // opens the trace
  // First half of the minute 10 A, second half 30 A: the row shows 20 A.
  feed(rec, 2, 600, [](StepSample& s) {
    const bool second_half = s.t_s > 30.05;
    s.current_A = second_half ? 30.0 : 10.0;
    s.pv_W = second_half ? 3000.0 : 1000.0;
    s.load_W = 500.0;
    s.grid_W = second_half ? -1000.0 : 1000.0;
  });
  ASSERT_EQ(rec.trace().size(), 2u);
  const TraceRow& row = rec.trace()[1];
  // 299 steps of the first half (0.2 ... 30.0 s) and 300 of the second: means over 599 steps.
  EXPECT_NEAR(row.current_A, (299 * 10.0 + 300 * 30.0) / 599, 1e-4);
  EXPECT_NEAR(row.pv_kW, (299 * 1.0 + 300 * 3.0) / 599, 1e-5);
  EXPECT_NEAR(row.load_kW, 0.5, 1e-6);
  EXPECT_NEAR(row.grid_kW, (299 * 1.0 - 300 * 1.0) / 599, 1e-5);
}

TEST(TWIN_recorder, cell_voltages_are_interval_extremes_and_states_the_last) {
  Recorder rec(60.0);
  feed(rec, 1, 1, [](StepSample&) {});
  feed(rec, 2, 600, [](StepSample& s) {
    const long k = std::lround(s.t_s / kDt);
    if (k == 100) s.cell_min_V = 2.9;  // a dip in the middle
    if (k == 200) s.cell_max_V = 3.6;
    s.chg = k >= 500;
    s.dsg = true;
    s.heater = k == 600;
    s.state = static_cast<std::uint8_t>(k == 600 ? 3 : 1);
    s.soc_true = 0.5;
    s.soc_est = 0.52;
    s.cvl_V = 55.2;
    s.ccl_A = 50;
    s.dcl_A = 80;
    s.mosfet_C = 31.5;
    s.ambient_C = 15.0;
  });
  const TraceRow& row = rec.trace().at(1);
  EXPECT_FLOAT_EQ(row.cell_min_V, 2.9f);
  EXPECT_FLOAT_EQ(row.cell_max_V, 3.6f);
  EXPECT_EQ(row.chg, 1);
  EXPECT_EQ(row.dsg, 1);
  EXPECT_EQ(row.pre, 0);
  EXPECT_EQ(row.heater, 1);
  EXPECT_EQ(row.state, 3);
  EXPECT_FLOAT_EQ(row.soc_true_pct, 50.0f);
  EXPECT_FLOAT_EQ(row.soc_est_pct, 52.0f);
  EXPECT_FLOAT_EQ(row.cvl_V, 55.2f);
  EXPECT_FLOAT_EQ(row.ccl_A, 50.0f);
  EXPECT_FLOAT_EQ(row.dcl_A, 80.0f);
  EXPECT_FLOAT_EQ(row.mosfet_C, 31.5f);
  EXPECT_FLOAT_EQ(row.ambient_C, 15.0f);
  // The next interval starts its extremes afresh.
  feed(rec, 601, 1200, [](StepSample&) {});
  EXPECT_FLOAT_EQ(rec.trace().at(2).cell_min_V, 3.25f);
  EXPECT_FLOAT_EQ(rec.trace().at(2).cell_max_V, 3.27f);
}

TEST(TWIN_recorder, a_longer_interval_decimates_further) {
  Recorder rec(600.0);
  feed(rec, 1, 36000, [](StepSample& s) { s.current_A = 5.0; });
  EXPECT_EQ(rec.trace().size(), 7u);
  for (const auto& row : rec.trace()) EXPECT_FLOAT_EQ(row.current_A, 5.0f);
}

// ---- statistics ---------------------------------------------------------------------------

TEST(TWIN_recorder, soc_error_counts_from_ten_minutes_on) {
  Recorder rec(60.0);
  // A wild estimate while it settles, then 2 % off for 10 minutes and 4 % off for 10 more.
  feed(rec, 1, 5999, [](StepSample& s) {
    s.soc_true = 0.5;
    s.soc_est = 0.9;
  });
  feed(rec, 6000, 11999, [](StepSample& s) {
    s.soc_true = 0.5;
    s.soc_est = 0.52;
  });
  feed(rec, 12000, 17999, [](StepSample& s) {
    s.soc_true = 0.5;
    s.soc_est = 0.46;
  });
  const RunStats& st = rec.stats();
  EXPECT_EQ(st.soc_samples, 12000u);
  EXPECT_NEAR(st.soc_max_err, 0.04, 1e-12);
  EXPECT_NEAR(std::sqrt(st.soc_sq_sum / st.soc_samples), std::sqrt((0.02 * 0.02 + 0.04 * 0.04) / 2),
              1e-9);
}

TEST(TWIN_recorder, extremes_of_cells_and_temperatures) {
  Recorder rec(60.0);
  feed(rec, 1, 1000, [](StepSample& s) {
    const long k = std::lround(s.t_s / kDt);
    if (k == 10) s.cell_min_V = 2.7;
    if (k == 20) s.cell_max_V = 3.66;
    if (k == 30) s.temp_min_C = -4.0;
    if (k == 40) s.temp_max_C = 48.0;
  });
  const RunStats& st = rec.stats();
  EXPECT_DOUBLE_EQ(st.min_cell_V, 2.7);
  EXPECT_DOUBLE_EQ(st.max_cell_V, 3.66);
  EXPECT_DOUBLE_EQ(st.min_cell_C, -4.0);
  EXPECT_DOUBLE_EQ(st.max_cell_C, 48.0);
}

TEST(TWIN_recorder, energies_are_integrated_at_the_terminals) {
  Recorder rec(60.0);
  // One hour charging at 20 A and 52 V, one hour discharging at 10 A and 51 V.
  feed(rec, 1, 36000, [](StepSample& s) {
    s.terminal_V = 52.0;
    s.current_A = 20.0;
    s.pv_W = 2000;
    s.load_W = 800;
    s.grid_W = -160;
  });
  feed(rec, 36001, 72000, [](StepSample& s) {
    s.terminal_V = 51.0;
    s.current_A = -10.0;
    s.load_W = 1500;
    s.grid_W = 990;
    s.awake = false;
  });
  const RunStats& st = rec.stats();
  EXPECT_NEAR(st.charged_Wh, 1040.0, 1e-6);
  EXPECT_NEAR(st.discharged_Wh, 510.0, 1e-6);
  EXPECT_NEAR(st.pv_Wh, 2000.0, 1e-6);
  EXPECT_NEAR(st.load_Wh, 2300.0, 1e-6);
  EXPECT_NEAR(st.grid_import_Wh, 990.0, 1e-6);  // exports do not count
  EXPECT_NEAR(st.awake_s, 3600.0, 1e-6);
}

// ---- events -------------------------------------------------------------------------------

Event event(EventKind kind, std::uint8_t source, TimeMs at_ms) {
  Event e;
  e.kind = kind;
  e.source = source;
  e.time_ms = at_ms;
  e.snapshot.max_cell_mV = 3650;
  e.snapshot.current_mA = 12000;
  return e;
}

TEST(TWIN_recorder, firmware_events_are_logged_with_code_group_text_and_snapshot) {
  Recorder rec(60.0);
  rec.record(event(EventKind::Protect, static_cast<std::uint8_t>(ProtectionId::CellOv), 12345));
  rec.record(event(EventKind::System, static_cast<std::uint8_t>(SystemEvent::FullyCharged), 20000));
  ASSERT_EQ(rec.events().size(), 2u);
  const LoggedEvent& p = rec.events()[0];
  EXPECT_DOUBLE_EQ(p.t_s, 12.345);
  EXPECT_EQ(p.code, "protect:SV_H");
  EXPECT_EQ(p.group, "protect");
  EXPECT_EQ(p.text.rfind("cell over-voltage", 0), 0u) << p.text;
  EXPECT_EQ(p.snapshot.max_cell_mV, 3650);
  EXPECT_EQ(p.snapshot.current_mA, 12000);
  const LoggedEvent& s = rec.events()[1];
  EXPECT_EQ(s.code, "system:FullyCharged");
  EXPECT_EQ(s.group, "system");
  EXPECT_EQ(s.text, "full charge detected");
}

TEST(TWIN_recorder, notes_and_counts) {
  Recorder rec(60.0);
  rec.note(5.0, "fault:short_circuit", "fault", "short_circuit injected");
  rec.note(6.0, "violation", "violation", "cell above 3.75 V");
  rec.record(event(EventKind::Protect, static_cast<std::uint8_t>(ProtectionId::CellOv), 7000));
  rec.record(event(EventKind::Release, static_cast<std::uint8_t>(ProtectionId::CellOv), 8000));
  rec.record(event(EventKind::Protect, static_cast<std::uint8_t>(ProtectionId::CellOv), 9000));
  const LoggedEvent& n = rec.events()[0];
  EXPECT_DOUBLE_EQ(n.t_s, 5.0);
  EXPECT_EQ(n.code, "fault:short_circuit");
  EXPECT_EQ(n.group, "fault");
  EXPECT_EQ(n.text, "short_circuit injected");
  EXPECT_EQ(n.snapshot.max_cell_mV, 0);
  const auto counts = rec.counts();
  EXPECT_EQ(counts.at("protect:SV_H"), 2);
  EXPECT_EQ(counts.at("release:SV_H"), 1);
  EXPECT_EQ(counts.at("violation"), 1);
  EXPECT_EQ(counts.at("fault:short_circuit"), 1);
  EXPECT_EQ(counts.size(), 4u);
}

}  // namespace
}  // namespace lfpbms::sim
