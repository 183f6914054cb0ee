// The fault schedule: faults switch on and off at their times, each kind acts on its target,
// and every change is reported once.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/faults/fault_schedule.hpp"

namespace lfpbms::sim {
namespace {

constexpr double kDt = 0.1;

FaultEvent fault(FaultKind kind, double at_s, double duration_s, int target = 1, double value = 0) {
  FaultEvent f;
  f.kind = kind;
  f.at_s = at_s;
  f.duration_s = duration_s;
  f.target = target;
  f.value = value;
  return f;
}

PackSetup quiet_pack() {
  PackSetup s;
  s.initial_soc = 0.5;
  s.initial_soc_spread_pct = 0;
  s.capacity_spread_pct = 0;
  s.self_discharge_pct_month = 0;
  return s;
}

// Everything a fault can touch, and a clock stepping like the simulation's.
struct Rig {
  explicit Rig(std::vector<FaultEvent> faults) : schedule(std::move(faults)) {
    targets.packs = {{&pack, &sensors, &path}, {&pack2, &sensors2, &path2}};
    targets.port = &port;
    targets.inverter = &inverter;
  }
  // Steps from the current time up to (not including) `until_s`.
  void run_to(double until_s) {
    while (t_s < until_s - 1e-9) {
      schedule.update(t_s, targets, changes);
      t_s = static_cast<double>(++steps) * kDt;
    }
  }
  Pack pack{quiet_pack(), 100, 16, Random(1)};
  SensorFaults sensors;
  PortState port;
  PowerPath path;
  Pack pack2{quiet_pack(), 100, 16, Random(2)};  // a second pack of the bank
  SensorFaults sensors2;
  PowerPath path2;
  InverterFaults inverter;
  FaultTargets targets;
  FaultSchedule schedule;
  std::vector<FaultChange> changes;
  double t_s = 0;
  std::uint64_t steps = 0;
};

// ---- timing -------------------------------------------------------------------------------

TEST(TWIN_faults, a_fault_starts_and_stops_at_its_times) {
  Rig r({fault(FaultKind::LoadSurge, 10.0, 5.0, 1, 150.0)});
  r.run_to(10.0);
  EXPECT_DOUBLE_EQ(r.targets.surge_A, 0.0);
  EXPECT_TRUE(r.changes.empty());
  r.run_to(10.05);  // the step at 10.0
  EXPECT_DOUBLE_EQ(r.targets.surge_A, 150.0);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_NEAR(r.changes[0].t_s, 10.0, 1e-9);
  EXPECT_TRUE(r.changes[0].started);
  EXPECT_EQ(r.changes[0].fault->kind, FaultKind::LoadSurge);
  r.run_to(15.0);
  EXPECT_DOUBLE_EQ(r.targets.surge_A, 150.0);  // still on at 14.9
  r.run_to(15.05);
  EXPECT_DOUBLE_EQ(r.targets.surge_A, 0.0);
  ASSERT_EQ(r.changes.size(), 2u);
  EXPECT_NEAR(r.changes[1].t_s, 15.0, 1e-9);
  EXPECT_FALSE(r.changes[1].started);
  r.run_to(100.0);
  EXPECT_EQ(r.changes.size(), 2u);  // each change once
}

TEST(TWIN_faults, a_fault_starting_between_steps_acts_from_the_next_step) {
  Rig r({fault(FaultKind::ChargerFailure, 10.04, 1.0)});
  r.run_to(10.05);
  EXPECT_FALSE(r.inverter.charger_failed);
  r.run_to(10.15);
  EXPECT_TRUE(r.inverter.charger_failed);
  EXPECT_NEAR(r.changes.at(0).t_s, 10.1, 1e-9);
  r.run_to(11.05);
  EXPECT_TRUE(r.inverter.charger_failed);  // ends at 11.04: seen at 11.1
  r.run_to(11.15);
  EXPECT_FALSE(r.inverter.charger_failed);
}

TEST(TWIN_faults, duration_zero_lasts_to_the_end) {
  Rig r({fault(FaultKind::LinkDown, 3.0, 0.0)});
  r.run_to(10000.0);
  EXPECT_TRUE(r.targets.link_down);
  EXPECT_EQ(r.changes.size(), 1u);
}

TEST(TWIN_faults, a_fault_at_zero_acts_on_the_first_step) {
  Rig r({fault(FaultKind::CurrentStuck, 0.0, 0.0)});
  r.run_to(0.05);
  EXPECT_TRUE(r.sensors.current_stuck);
}

TEST(TWIN_faults, a_button_press_lasts_its_value) {
  Rig r({fault(FaultKind::ButtonPress, 20.0, 0.0, 1, 3.0)});
  r.run_to(20.0);
  EXPECT_FALSE(r.targets.packs[0].button);
  double held_s = 0;
  for (int i = 0; i < 100; ++i) {
    r.run_to(r.t_s + kDt);
    held_s += r.targets.packs[0].button ? kDt : 0.0;
  }
  EXPECT_NEAR(held_s, 3.0, 1e-9);
  EXPECT_EQ(r.changes.size(), 2u);
}

TEST(TWIN_faults, a_button_press_with_a_duration_lasts_the_duration) {
  Rig r({fault(FaultKind::ButtonPress, 1.0, 0.5, 1, 3.0)});
  r.run_to(1.45);
  EXPECT_TRUE(r.targets.packs[0].button);
  r.run_to(1.55);
  EXPECT_FALSE(r.targets.packs[0].button);
}

TEST(TWIN_faults, faults_in_any_order_switch_independently) {
  Rig r({fault(FaultKind::LinkDown, 50.0, 10.0), fault(FaultKind::ChargerFailure, 5.0, 100.0),
         fault(FaultKind::LoadSurge, 30.0, 0.0, 1, 20.0)});
  r.run_to(40.0);
  EXPECT_TRUE(r.inverter.charger_failed);
  EXPECT_DOUBLE_EQ(r.targets.surge_A, 20.0);
  EXPECT_FALSE(r.targets.link_down);
  r.run_to(55.0);
  EXPECT_TRUE(r.targets.link_down);
  r.run_to(200.0);
  EXPECT_FALSE(r.targets.link_down);
  EXPECT_FALSE(r.inverter.charger_failed);
  EXPECT_DOUBLE_EQ(r.targets.surge_A, 20.0);
  EXPECT_EQ(r.changes.size(), 5u);
}

TEST(TWIN_faults, back_to_back_faults_of_one_kind_hand_over_whatever_their_order) {
  // The second offset starts the moment the first ends; listed first or second, it must act.
  for (bool later_first : {false, true}) {
    const FaultEvent first = fault(FaultKind::CurrentOffset, 10.0, 10.0, 1, 1.0);
    const FaultEvent second = fault(FaultKind::CurrentOffset, 20.0, 10.0, 1, 2.0);
    Rig r(later_first ? std::vector<FaultEvent>{second, first}
                      : std::vector<FaultEvent>{first, second});
    r.run_to(15.0);
    EXPECT_DOUBLE_EQ(r.sensors.current_offset_A, 1.0) << later_first;
    r.run_to(25.0);
    EXPECT_DOUBLE_EQ(r.sensors.current_offset_A, 2.0) << later_first;
    r.run_to(35.0);
    EXPECT_DOUBLE_EQ(r.sensors.current_offset_A, 0.0) << later_first;
  }
}

TEST(TWIN_faults, overlapping_faults_on_one_target_keep_it_until_the_last_ends) {
  Rig r({fault(FaultKind::NtcOpen, 10.0, 10.0, 2), fault(FaultKind::NtcOpen, 15.0, 10.0, 2)});
  r.run_to(12.0);
  EXPECT_TRUE(r.sensors.ntc_open[1]);
  r.run_to(22.0);  // the first ended at 20, the second holds on
  EXPECT_TRUE(r.sensors.ntc_open[1]);
  r.run_to(26.0);
  EXPECT_FALSE(r.sensors.ntc_open[1]);
}

TEST(TWIN_faults, two_open_sense_lines_set_and_clear_their_own_bits) {
  Rig r(
      {fault(FaultKind::CellLineOpen, 1.0, 10.0, 3), fault(FaultKind::CellLineOpen, 5.0, 0.0, 16)});
  r.run_to(3.0);
  EXPECT_EQ(r.sensors.open_lines, 1u << 2);
  r.run_to(6.0);
  EXPECT_EQ(r.sensors.open_lines, 1u << 2 | 1u << 15);
  r.run_to(12.0);
  EXPECT_EQ(r.sensors.open_lines, 1u << 15);
}

// ---- every kind reaches its target --------------------------------------------------------

TEST(TWIN_faults, cell_leak_drains_its_cell) {
  Rig r({fault(FaultKind::CellLeak, 0.0, 0.0, 3, 2.0)});
  r.run_to(0.05);
  const std::vector<double> at25(16, 25.0);
  for (int i = 0; i < 3600; ++i) r.pack.step(0.0, 0.0, 1.0, at25);
  EXPECT_NEAR((0.5 - r.pack.cell(2).soc()) * 100.0, 2.0, 1e-9);  // 2 A for an hour
  EXPECT_NEAR(r.pack.cell(1).soc(), 0.5, 1e-12);
  EXPECT_NEAR(r.pack.cell(3).soc(), 0.5, 1e-12);
}

TEST(TWIN_faults, a_cell_leak_stops_when_it_ends) {
  Rig r({fault(FaultKind::CellLeak, 0.0, 1.0, 16, 5.0)});
  r.run_to(2.0);
  const std::vector<double> at25(16, 25.0);
  for (int i = 0; i < 3600; ++i) r.pack.step(0.0, 0.0, 1.0, at25);
  EXPECT_NEAR(r.pack.cell(15).soc(), 0.5, 1e-12);
}

struct KindCase {
  FaultEvent f;
  const char* what;
};

// Whether the fault is acting on its target (and nothing else is touched).
bool acting(const Rig& r, const FaultEvent& f) {
  switch (f.kind) {
    case FaultKind::NtcOpen:
      return r.sensors.ntc_open[static_cast<std::size_t>(f.target - 1)];
    case FaultKind::NtcShort:
      return r.sensors.ntc_short[static_cast<std::size_t>(f.target - 1)];
    case FaultKind::CellLineOpen:
      return r.sensors.open_lines == 1u << (f.target - 1);
    case FaultKind::CurrentStuck:
      return r.sensors.current_stuck;
    case FaultKind::CurrentOffset:
      return r.sensors.current_offset_A == f.value;
    case FaultKind::ChargerOverVoltage:
      return r.inverter.over_voltage_V == f.value;
    case FaultKind::LoadSurge:
      return r.targets.surge_A == f.value;
    case FaultKind::ShortCircuit:
      return r.port.short_mOhm == (f.value > 0 ? f.value : 5.0);
    case FaultKind::ReverseConnection:
      return r.port.reverse_V == f.value;
    case FaultKind::ChargerFailure:
      return r.inverter.charger_failed;
    case FaultKind::FetStuck:
      return f.target == 1 ? r.path.stuck_charge() && !r.path.stuck_discharge()
                           : r.path.stuck_discharge() && !r.path.stuck_charge();
    case FaultKind::ButtonPress:
      return r.targets.packs[0].button;
    case FaultKind::LinkDown:
      return r.targets.link_down;
    case FaultKind::BusCableCut:
      return r.targets.packs[0].bus_cable_cut;
    case FaultKind::DcDisconnect:
      return r.targets.packs[0].dc_disconnected;
    case FaultKind::CellLeak:
      break;
  }
  return false;
}

// Nothing anywhere is faulted.
bool clean(const Rig& r) {
  for (bool b : r.sensors.ntc_open) {
    if (b) return false;
  }
  for (bool b : r.sensors.ntc_short) {
    if (b) return false;
  }
  return r.sensors.open_lines == 0 && !r.sensors.current_stuck && r.sensors.current_offset_A == 0 &&
         r.inverter.over_voltage_V == 0 && !r.inverter.charger_failed && r.targets.surge_A == 0 &&
         r.port.short_mOhm == 0 && r.port.reverse_V == 0 && !r.path.stuck_charge() &&
         !r.path.stuck_discharge() && !r.targets.packs[0].button && !r.targets.link_down &&
         !r.targets.packs[0].bus_cable_cut && !r.targets.packs[0].dc_disconnected &&
         r.port.source_V == 0;
}

TEST(TWIN_faults, every_kind_reaches_its_target_and_lets_go) {
  const KindCase cases[] = {
      {fault(FaultKind::NtcOpen, 1, 2, 1), "ntc_open 1"},
      {fault(FaultKind::NtcOpen, 1, 2, 5), "ntc_open MOSFET"},
      {fault(FaultKind::NtcOpen, 1, 2, 6), "ntc_open ambient"},
      {fault(FaultKind::NtcShort, 1, 2, 4), "ntc_short 4"},
      {fault(FaultKind::NtcShort, 1, 2, 6), "ntc_short ambient"},
      {fault(FaultKind::CellLineOpen, 1, 2, 1), "cell_line_open 1"},
      {fault(FaultKind::CellLineOpen, 1, 2, 16), "cell_line_open 16"},
      {fault(FaultKind::CurrentStuck, 1, 2), "current_stuck"},
      {fault(FaultKind::CurrentOffset, 1, 2, 1, -3.5), "current_offset"},
      {fault(FaultKind::ChargerOverVoltage, 1, 2, 1, 60.0), "charger_over_voltage"},
      {fault(FaultKind::LoadSurge, 1, 2, 1, 250.0), "load_surge"},
      {fault(FaultKind::ShortCircuit, 1, 2, 1, 0.0), "short_circuit default 5 mOhm"},
      {fault(FaultKind::ShortCircuit, 1, 2, 1, 40.0), "short_circuit 40 mOhm"},
      {fault(FaultKind::ReverseConnection, 1, 2, 1, 48.0), "reverse_connection"},
      {fault(FaultKind::ChargerFailure, 1, 2), "charger_failure"},
      {fault(FaultKind::FetStuck, 1, 2, 1), "fet_stuck charge"},
      {fault(FaultKind::FetStuck, 1, 2, 2), "fet_stuck discharge"},
      {fault(FaultKind::ButtonPress, 1, 2, 1, 5.0), "button_press"},
      {fault(FaultKind::LinkDown, 1, 2), "link_down"},
      {fault(FaultKind::BusCableCut, 1, 2), "bus_cable_cut"},
      {fault(FaultKind::DcDisconnect, 1, 2), "dc_disconnect"},
  };
  for (const auto& c : cases) {
    Rig r({c.f});
    r.run_to(0.95);
    EXPECT_TRUE(clean(r)) << c.what;
    r.run_to(2.0);
    EXPECT_TRUE(acting(r, c.f)) << c.what;
    r.run_to(3.05);
    EXPECT_TRUE(clean(r)) << c.what << ": still acting after its end";
    ASSERT_EQ(r.changes.size(), 2u) << c.what;
    EXPECT_EQ(r.changes[0].fault->kind, c.f.kind);
  }
}

TEST(PA_4_faults, a_fault_acts_on_its_own_pack_of_the_bank) {
  FaultEvent stuck = fault(FaultKind::FetStuck, 1, 2, 2);
  stuck.pack = 2;
  FaultEvent cut = fault(FaultKind::BusCableCut, 1, 2);
  cut.pack = 2;
  Rig r({stuck, cut});
  r.run_to(1.5);
  EXPECT_TRUE(r.path2.stuck_discharge());
  EXPECT_TRUE(r.targets.packs[1].bus_cable_cut);
  EXPECT_FALSE(r.path.stuck_discharge());
  EXPECT_FALSE(r.targets.packs[0].bus_cable_cut);
}

TEST(TWIN_faults, every_kind_has_a_name) {
  for (int k = 0; k <= static_cast<int>(FaultKind::DcDisconnect); ++k) {
    EXPECT_STRNE(fault_kind_name(static_cast<FaultKind>(k)), "unknown") << k;
  }
  EXPECT_STREQ(fault_kind_name(FaultKind::ShortCircuit), "short_circuit");
  EXPECT_STREQ(fault_kind_name(FaultKind::ButtonPress), "button_press");
}

TEST(TWIN_faults, update_at_the_same_time_twice_reports_nothing_new) {
  Rig r({fault(FaultKind::LinkDown, 1.0, 1.0)});
  std::vector<FaultChange> changes;
  r.schedule.update(1.0, r.targets, changes);
  r.schedule.update(1.0, r.targets, changes);
  EXPECT_EQ(changes.size(), 1u);
  r.schedule.update(1.5, r.targets, changes);
  EXPECT_EQ(changes.size(), 1u);
  r.schedule.update(2.0, r.targets, changes);
  EXPECT_EQ(changes.size(), 2u);
}

TEST(TWIN_faults, an_empty_schedule_does_nothing) {
  Rig r({});
  r.run_to(100.0);
  EXPECT_TRUE(r.changes.empty());
  EXPECT_TRUE(clean(r));
}

}  // namespace
}  // namespace lfpbms::sim
