// Measurement validation (PK-2, PK-3, PR-17): raw samples become Measurements with derived
// min/max, the current dead band, and a fault bit for every reading that cannot be trusted.
#include <gtest/gtest.h>

#include <climits>
#include <initializer_list>

#include "bms_rig.hpp"
#include "measurement/validator.hpp"

namespace lfpbms::testing {
namespace {

constexpr std::uint16_t kStale = kCellStale | kCurrentStale | kTemperatureStale;

// A validator with a good sample of every group; limits are the parameter defaults.
struct Samples {
  explicit Samples(std::uint8_t cells = 16, std::uint8_t ntcs = 4) : v(cells, ntcs), n(cells) {
    set_cells(3300);
    current.current_mA = 12000;
    temps.cell_temperature_dC = {250, 260, 270, 280};
    temps.mosfet_temperature_dC = 350;
    temps.ambient_temperature_dC = 200;
    cell.terminal_voltage_mV = 52900;
  }
  void set_cells(std::uint16_t mV) {
    for (std::uint8_t i = 0; i < n; ++i) cell.cell_voltage_mV[i] = mV;
    settle();
  }
  void set_cell(std::size_t i, std::uint16_t mV) {
    cell.cell_voltage_mV[i] = mV;
    settle();
  }
  void settle() {
    cell.pack_voltage_mV = 0;
    for (std::uint8_t i = 0; i < n; ++i) cell.pack_voltage_mV += cell.cell_voltage_mV[i];
  }
  // A new sample of every group at `now`.
  const Measurements& update(TimeMs now) { return v.update(now, limits, &cell, &current, &temps); }
  // Only the groups named are read; the others failed to read.
  const Measurements& update(TimeMs now, bool cells, bool amps, bool temperatures) {
    return v.update(now, limits, cells ? &cell : nullptr, amps ? &current : nullptr,
                    temperatures ? &temps : nullptr);
  }

  ValidatorLimits limits{param_default(ParamId::measurement_max_age_ms, 16),
                         param_default(ParamId::pack_mismatch_mV, 16),
                         param_default(ParamId::current_deadband_mA, 16)};
  Validator v;
  std::uint8_t n;
  hal::CellSample cell;
  hal::CurrentSample current;
  hal::TemperatureSample temps;
};

// --- PK-2: what is measured and derived ------------------------------------------------------

TEST(PK_2_measurements, nothing_is_valid_before_the_first_sample) {
  Validator v(16, 4);
  EXPECT_EQ(v.measurements().faults, kStale);
  EXPECT_EQ(v.update(1000, {}, nullptr, nullptr, nullptr).faults, kStale);
  EXPECT_FALSE(v.measurements().cells_valid());
  EXPECT_FALSE(v.measurements().current_valid());
  EXPECT_FALSE(v.measurements().temperatures_valid());
}

TEST(PK_2_measurements, a_good_sample_is_copied_and_valid) {
  Samples s;
  const Measurements& m = s.update(1000);
  EXPECT_EQ(m.faults, 0);
  EXPECT_TRUE(m.cells_valid() && m.current_valid() && m.temperatures_valid());
  EXPECT_EQ(m.time_ms, 1000u);
  EXPECT_EQ(m.cell_count, 16);
  EXPECT_EQ(m.ntc_count, 4);
  EXPECT_EQ(m.cell_voltage_mV[15], 3300);
  EXPECT_EQ(m.pack_voltage_mV, 52800u);
  EXPECT_EQ(m.terminal_voltage_mV, 52900);
  EXPECT_EQ(m.current_mA, 12000);
  EXPECT_EQ(m.current_raw_mA, 12000);
  EXPECT_EQ(m.cell_temperature_dC[3], 280);
  EXPECT_EQ(m.mosfet_temperature_dC, 350);
  EXPECT_EQ(m.ambient_temperature_dC, 200);
  s.current.current_mA = -30000;  // signed: - discharge
  EXPECT_EQ(s.update(1100).current_mA, -30000);
}

TEST(PK_2_measurements, derived_min_max_indices_and_spread) {
  Samples s;
  s.set_cell(7, 3450);
  s.set_cell(3, 3210);
  const Measurements& m = s.update(1000);
  EXPECT_EQ(m.max_cell_mV, 3450);
  EXPECT_EQ(m.max_cell_index, 7);
  EXPECT_EQ(m.min_cell_mV, 3210);
  EXPECT_EQ(m.min_cell_index, 3);
  EXPECT_EQ(m.cell_spread_mV(), 240);
  EXPECT_EQ(m.faults, 0);
  // Temperatures: the cell NTCs only, not the MOSFET (350) or ambient (200) sensor.
  s.temps.cell_temperature_dC = {250, 310, -30, 100};
  s.temps.mosfet_temperature_dC = 900;
  s.temps.ambient_temperature_dC = -300;
  s.update(1100);
  EXPECT_EQ(m.max_cell_temperature_dC, 310);
  EXPECT_EQ(m.min_cell_temperature_dC, -30);
  // Equal cells: the first one is reported.
  s.set_cells(3300);
  s.set_cell(2, 3500);
  s.set_cell(9, 3500);
  s.update(1200);
  EXPECT_EQ(m.max_cell_index, 2);
  EXPECT_EQ(m.min_cell_index, 0);
  EXPECT_EQ(m.cell_spread_mV(), 200);
}

TEST(PK_2_measurements, indices_point_at_the_cells_even_when_every_cell_reads_zero) {
  Samples s;
  s.set_cell(7, 3450);
  s.set_cell(3, 3210);
  s.update(1000);
  s.set_cells(0);  // front end lost: every line reads 0 V
  const Measurements& m = s.update(1100);
  EXPECT_EQ(m.max_cell_mV, 0);
  EXPECT_EQ(m.min_cell_mV, 0);
  EXPECT_EQ(m.max_cell_index, 0);  // not the 7 of the previous sample
  EXPECT_EQ(m.min_cell_index, 0);
  EXPECT_TRUE(m.faults & kCellLineOpen);
}

TEST(PK_2_measurements, only_the_pack_s_own_cells_count) {
  Samples s(4, 4);
  s.cell.cell_voltage_mV[4] = 9999;  // unused inputs of the 16-channel front end
  s.cell.cell_voltage_mV[15] = 0;
  const Measurements& m = s.update(1000);
  EXPECT_EQ(m.faults, 0);
  EXPECT_EQ(m.pack_voltage_mV, 13200u);
  EXPECT_EQ(m.max_cell_mV, 3300);
  EXPECT_EQ(m.min_cell_mV, 3300);
}

TEST(PK_2_measurements, counts_beyond_the_hardware_are_clamped) {
  Validator v(20, 9);
  EXPECT_EQ(v.measurements().cell_count, kMaxCells);
  EXPECT_EQ(v.measurements().ntc_count, kCellNtcs);
}

TEST(PK_2_measurements, validator_defaults_are_the_parameter_defaults) {
  const ValidatorLimits limits;
  EXPECT_EQ(limits.max_age_ms, param_default(ParamId::measurement_max_age_ms, 16));
  EXPECT_EQ(limits.pack_mismatch_mV, param_default(ParamId::pack_mismatch_mV, 16));
  EXPECT_EQ(limits.deadband_mA, param_default(ParamId::current_deadband_mA, 16));
  EXPECT_EQ(limits.deadband_mA, 500);  // [003 Q4]: below 0.5 A reads 0
}

// --- PK-3: dead band -------------------------------------------------------------------------

TEST(PK_3_deadband, below_500_mA_reads_zero_and_the_raw_value_is_kept) {
  Samples s;
  for (const std::int32_t mA : {499, -499, 1, -1, 0}) {
    s.current.current_mA = mA;
    const Measurements& m = s.update(1000);
    EXPECT_EQ(m.current_mA, 0) << mA;
    EXPECT_EQ(m.current_raw_mA, mA);
    EXPECT_TRUE(m.current_valid());
  }
  for (const std::int32_t mA : {500, -500, 501, -501, 150000}) {
    s.current.current_mA = mA;
    EXPECT_EQ(s.update(1000).current_mA, mA);
    EXPECT_EQ(s.v.measurements().current_raw_mA, mA);
  }
}

TEST(PK_3_deadband, follows_its_parameter) {
  Samples s;
  s.limits.deadband_mA = 0;
  s.current.current_mA = -1;
  EXPECT_EQ(s.update(1000).current_mA, -1);
  s.limits.deadband_mA = 2000;
  s.current.current_mA = 1999;
  EXPECT_EQ(s.update(1100).current_mA, 0);
  s.current.current_mA = -2000;
  EXPECT_EQ(s.update(1200).current_mA, -2000);
}

// --- PR-17: sensor failures ------------------------------------------------------------------

TEST(PR_17_validation, a_group_goes_stale_one_ms_after_the_maximum_age) {
  ASSERT_EQ(param_default(ParamId::measurement_max_age_ms, 16), 500);
  Samples s;
  s.update(1000);
  EXPECT_EQ(s.update(1500, false, false, false).faults, 0);
  EXPECT_EQ(s.update(1501, false, false, false).faults, kStale);
  EXPECT_EQ(s.update(1502, true, false, false).faults, kCurrentStale | kTemperatureStale);
  EXPECT_EQ(s.update(1503, true, true, false).faults, kTemperatureStale);
  EXPECT_EQ(s.update(1504).faults, 0);
  // Each group on its own.
  EXPECT_EQ(s.update(2005, false, true, true).faults, kCellStale);
  EXPECT_EQ(s.update(2506, true, false, true).faults, kCurrentStale);
  EXPECT_EQ(s.update(3007, true, true, false).faults, kTemperatureStale);
}

TEST(PR_17_validation, a_failed_read_keeps_the_last_readings_until_they_are_stale) {
  Samples s;
  s.update(1000);
  s.set_cells(3400);
  s.current.current_mA = -7000;
  s.temps.cell_temperature_dC.fill(400);
  const Measurements& m = s.update(1400, false, false, false);
  EXPECT_EQ(m.faults, 0);
  EXPECT_EQ(m.cell_voltage_mV[0], 3300);
  EXPECT_EQ(m.pack_voltage_mV, 52800u);
  EXPECT_EQ(m.current_mA, 12000);
  EXPECT_EQ(m.max_cell_temperature_dC, 280);
  EXPECT_EQ(m.time_ms, 1400u);
}

TEST(PR_17_validation, stale_through_the_bms_after_max_age_and_not_one_tick_before) {
  BmsRig rig;
  rig.run_until_running();
  ASSERT_EQ(rig.status().measurements.faults, 0);
  rig.board.cells_ok = false;
  rig.run_ms(500);  // the last sample is 500 ms old: still valid
  EXPECT_EQ(rig.status().measurements.faults, 0);
  rig.tick();
  EXPECT_EQ(rig.status().measurements.faults, kCellStale);
  EXPECT_TRUE(rig.status().failure);
}

TEST(PR_17_validation, a_cell_out_of_range_is_a_sense_line_fault) {
  Samples s;
  for (const auto& [mV, fault] :
       {std::pair{499, true}, {500, false}, {5000, false}, {5001, true}}) {
    s.set_cells(3300);
    s.set_cell(5, static_cast<std::uint16_t>(mV));
    const Measurements& m = s.update(1000);
    EXPECT_EQ(m.faults, fault ? kCellLineOpen : 0) << mV;
    EXPECT_EQ(m.cells_valid(), !fault);
    EXPECT_TRUE(m.current_valid() && m.temperatures_valid());
  }
}

TEST(PR_17_validation, an_open_wire_and_an_adc_fault_are_reported_and_clear_with_a_good_sample) {
  Samples s;
  s.cell.open_wire_mask = 1u << 5;
  const Measurements& m = s.update(1000);
  EXPECT_EQ(m.faults, kCellLineOpen);
  EXPECT_EQ(m.open_wire_mask, 1u << 5);
  s.cell.open_wire_mask = 0;
  s.cell.adc_fault = true;
  EXPECT_EQ(s.update(1100).faults, kCellAdc);
  EXPECT_EQ(m.open_wire_mask, 0);
  EXPECT_FALSE(m.cells_valid());
  s.cell.adc_fault = false;
  EXPECT_EQ(s.update(1200).faults, 0);
}

TEST(PR_17_validation, pack_mismatch_beyond_the_limit_not_at_it) {
  Samples s;
  const std::int32_t limit = s.limits.pack_mismatch_mV;
  ASSERT_EQ(limit, 2000);
  for (const std::int32_t d : {limit, -limit, limit + 1, -limit - 1}) {
    s.settle();
    s.cell.pack_voltage_mV = static_cast<std::uint32_t>(52800 + d);
    const bool fault = d > limit || d < -limit;
    EXPECT_EQ(s.update(1000).faults, fault ? kPackMismatch : 0) << d;
  }
}

TEST(PR_17_validation, current_sensor_fault_flag_and_out_of_range_current) {
  Samples s;
  s.current.fault = true;
  const Measurements& m = s.update(1000);
  EXPECT_EQ(m.faults, kCurrentSensor);
  EXPECT_FALSE(m.current_valid());
  EXPECT_TRUE(m.cells_valid() && m.temperatures_valid());
  s.current.fault = false;
  for (const std::int32_t mA : {kCurrentMax_mA, -kCurrentMax_mA, kCurrentMax_mA + 1,
                                -kCurrentMax_mA - 1, INT32_MAX, INT32_MIN}) {
    s.current.current_mA = mA;
    const bool fault = mA > kCurrentMax_mA || mA < -kCurrentMax_mA;
    EXPECT_EQ(s.update(1100).faults, fault ? kCurrentSensor : 0) << mA;
    EXPECT_EQ(m.current_mA, mA);  // never hidden by the dead band
  }
}

// Every NTC input: open below -50 °C, short above 150 °C, both ends still valid.
TEST(PR_17_validation, ntc_open_and_short_at_their_boundaries) {
  for (int input = 0; input < kCellNtcs + 2; ++input) {
    for (const auto& [dC, want] :
         {std::pair{-500, 0}, {-501, kNtcOpen}, {1500, 0}, {1501, kNtcShort}}) {
      Samples s;
      const auto t = static_cast<std::int16_t>(dC);
      if (input < kCellNtcs) s.temps.cell_temperature_dC[static_cast<std::size_t>(input)] = t;
      if (input == kCellNtcs) s.temps.mosfet_temperature_dC = t;
      if (input == kCellNtcs + 1) s.temps.ambient_temperature_dC = t;
      const Measurements& m = s.update(1000);
      EXPECT_EQ(m.faults, want) << "input " << input << " at " << dC;
      EXPECT_EQ(m.temperatures_valid(), want == 0);
    }
  }
}

TEST(PR_17_validation, ntc_open_is_a_fault) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.temperature.cell_temperature_dC[1] = -800;  // open NTC
  rig.tick();
  EXPECT_TRUE(rig.status().measurements.faults & kNtcOpen);
  EXPECT_FALSE(rig.status().measurements.temperatures_valid());
  EXPECT_TRUE(rig.status().failure);
}

TEST(PR_17_validation, only_ntc_count_ntcs_are_checked) {
  Samples s(16, 2);
  s.temps.cell_temperature_dC = {250, 300, -2730, 32767};  // 3 and 4 not fitted
  const Measurements& m = s.update(1000);
  EXPECT_EQ(m.faults, 0);
  EXPECT_EQ(m.max_cell_temperature_dC, 300);
  EXPECT_EQ(m.min_cell_temperature_dC, 250);
  s.temps.cell_temperature_dC[1] = 1501;
  EXPECT_EQ(s.update(1100).faults, kNtcShort);
}

}  // namespace
}  // namespace lfpbms::testing
