// What the pack tells the inverter (CH-2): charge voltage limit, CCL, DCL, discharge voltage
// limit, the enables and force charge, and how the current limits derate with temperature,
// cell voltage and SOC before any protection is reached.
#include <gtest/gtest.h>

#include "bms_rig.hpp"

namespace lfpbms::testing {
namespace {

using I = ProtectionId;

// A healthy 16S pack at rest: 3300 mV cells, 25 °C, 50 % SOC, both paths allowed.
struct LimitsCase {
  ParamSet params{16};
  LimitCalculator calc;
  Measurements m;
  LimitInputs in;
  LimitsCase() {
    m.cell_count = 16;
    m.max_cell_mV = m.min_cell_mV = 3300;
    m.pack_voltage_mV = 16 * 3300;
    temperature(250);
    in = {&m, 5000, true, true, false, false};
  }
  void temperature(std::int16_t dC) { m.max_cell_temperature_dC = m.min_cell_temperature_dC = dC; }
  InverterLimits get() { return calc.update(in, params); }
  std::int32_t ccl(std::int16_t dC) {
    temperature(dC);
    return get().charge_current_limit_mA;
  }
  std::int32_t dcl(std::int16_t dC) {
    temperature(dC);
    return get().discharge_current_limit_mA;
  }
};

TEST(CH_2_limits, defaults_of_a_healthy_pack) {
  LimitsCase c;
  const InverterLimits l = c.get();
  EXPECT_EQ(l.charge_voltage_mV, 56000);  // 3.50 V/cell [003 §5.6]
  EXPECT_EQ(l.discharge_voltage_mV, 48000);
  EXPECT_EQ(l.charge_current_limit_mA, 70000);  // max charge 70 A [003]
  EXPECT_EQ(l.discharge_current_limit_mA, 100000);
  EXPECT_TRUE(l.charge_enable);
  EXPECT_TRUE(l.discharge_enable);
  EXPECT_FALSE(l.force_charge);
}

TEST(CH_1_charge_profile, defaults_of_003_and_never_above_the_ov_alarm) {
  ParamSet p(16);
  EXPECT_EQ(p.get(ParamId::charge_voltage_mV), 56000);  // 3.50 V/cell [003 §5.6]
  EXPECT_EQ(p.get(ParamId::float_voltage_mV), 54560);   // 3.41 V/cell
  EXPECT_EQ(p.get(ParamId::restart_voltage_mV), 52000);
  EXPECT_EQ(p.get(ParamId::discharge_voltage_mV), 48000);
  EXPECT_EQ(p.get(ParamId::low_soc_cutoff_pptt), 400);
  EXPECT_EQ(p.get(ParamId::force_charge_enable), 1);
  EXPECT_TRUE(p.write(ParamId::charge_voltage_mV, 57600).ok()) << "3.60 V/cell [001]";
  const WriteResult r = p.write(ParamId::charge_voltage_mV, 57601);
  EXPECT_EQ(r.error, ParamError::Ordering);
  EXPECT_EQ(r.conflict, ParamId::pack_ov_alarm_mV);
  EXPECT_EQ(p.get(ParamId::charge_voltage_mV), 57600) << "a refused write changes nothing";
}

TEST(CH_2_limits, voltage_limits_scale_with_the_series_count) {
  LimitsCase c;
  c.params = ParamSet(4);
  c.m.cell_count = 4;
  EXPECT_EQ(c.get().charge_voltage_mV, 14000);
  EXPECT_EQ(c.get().discharge_voltage_mV, 12000);
}

TEST(CH_2_limits, full_pack_floats_at_the_float_voltage_with_a_small_current) {
  LimitsCase c;
  c.in.full = true;
  const InverterLimits l = c.get();
  EXPECT_EQ(l.charge_voltage_mV, 3410 * 16);
  EXPECT_EQ(l.charge_current_limit_mA, c.params.get(ParamId::full_current_mA));
}

TEST(CH_2_taper, is_zero_at_the_edge_floor_inside_and_full_beyond) {
  EXPECT_EQ(taper_pptt(0, 0, 150, 1000), 0);
  EXPECT_EQ(taper_pptt(1, 0, 150, 1000), 1060);
  EXPECT_EQ(taper_pptt(75, 0, 150, 1000), 5500);
  EXPECT_EQ(taper_pptt(150, 0, 150, 1000), 10000);
  EXPECT_EQ(taper_pptt(550, 550, 450, 1000), 0) << "falling side";
  EXPECT_EQ(taper_pptt(449, 550, 450, 1000), 10000);
}

TEST(CH_2_derate, charge_current_tapers_in_the_cold_and_stops_2_c_above_the_alarm) {
  LimitsCase c;  // charge cold alarm 0 °C: zero up to 2 °C as measured, full from 17 °C
  EXPECT_EQ(c.ccl(0), 0);
  EXPECT_EQ(c.ccl(20), 0) << "the NTCs may read the coldest cell this much too warm";
  EXPECT_EQ(c.ccl(21), 70000 * 1060 / 10000);
  EXPECT_EQ(c.ccl(95), 38500);
  EXPECT_EQ(c.ccl(170), 70000);
  c.ccl(20);
  EXPECT_FALSE(c.get().charge_enable);
}

TEST(CH_2_derate, charge_current_tapers_in_the_heat) {
  LimitsCase c;  // charge hot alarm 55 °C, full up to 45 °C
  EXPECT_EQ(c.ccl(450), 70000);
  EXPECT_EQ(c.ccl(500), 38500);
  EXPECT_EQ(c.ccl(550), 0);
}

TEST(CH_2_derate, charge_current_tapers_from_balancing_start_to_the_ov_alarm) {
  LimitsCase c;
  c.m.max_cell_mV = 3450;
  EXPECT_EQ(c.get().charge_current_limit_mA, 70000);
  c.m.max_cell_mV = 3525;
  EXPECT_EQ(c.get().charge_current_limit_mA, 70000 * 5250 / 10000);
  c.m.max_cell_mV = 3599;
  EXPECT_GT(c.get().charge_current_limit_mA, 0);
  c.m.max_cell_mV = 3600;
  EXPECT_EQ(c.get().charge_current_limit_mA, 0);
  EXPECT_FALSE(c.get().charge_enable);
}

TEST(CH_2_derate, charge_current_halves_from_95_percent_soc) {
  LimitsCase c;
  c.in.soc_pptt = 9499;
  EXPECT_EQ(c.get().charge_current_limit_mA, 70000);
  c.in.soc_pptt = 9500;
  EXPECT_EQ(c.get().charge_current_limit_mA, 35000);
}

TEST(CH_2_derate, discharge_current_tapers_in_the_cold_and_heat) {
  LimitsCase c;  // discharge: zero at -20 °C and 60 °C, full from 0 °C to 50 °C
  EXPECT_EQ(c.dcl(-200), 0);
  EXPECT_EQ(c.dcl(-100), 60000);
  EXPECT_EQ(c.dcl(0), 100000);
  EXPECT_EQ(c.dcl(-199), 100000 * 2040 / 10000);
  EXPECT_EQ(c.dcl(600), 0);
}

TEST(CH_2_derate, discharge_current_tapers_near_the_cell_uv_alarm) {
  LimitsCase c;
  c.m.min_cell_mV = 3100;
  EXPECT_EQ(c.get().discharge_current_limit_mA, 100000);
  c.m.min_cell_mV = 2950;
  EXPECT_EQ(c.get().discharge_current_limit_mA, 55000);
  c.m.min_cell_mV = 2800;
  EXPECT_EQ(c.get().discharge_current_limit_mA, 0);
  EXPECT_FALSE(c.get().discharge_enable);
}

TEST(CH_2_derate, discharge_current_drops_to_a_fifth_at_the_low_soc_cutoff) {
  LimitsCase c;
  c.in.soc_pptt = 401;
  EXPECT_EQ(c.get().discharge_current_limit_mA, 100000);
  c.in.soc_pptt = 400;  // 4 % [003 §5.6]
  EXPECT_EQ(c.get().discharge_current_limit_mA, 20000);
}

TEST(CH_2_start_temperature, full_dcl_only_when_discharge_starts_at_30_c_or_below) {
  LimitsCase c;
  c.m.current_mA = -10000;
  EXPECT_EQ(c.dcl(300), 100000) << "30 °C start: 100 A [003]";
  EXPECT_EQ(c.dcl(350), 100000) << "warming during the discharge keeps it";
  c.m.current_mA = 0;
  c.get();
  c.m.current_mA = -10000;
  EXPECT_EQ(c.dcl(301), 50000) << "a start above 30 °C gets the rated current";
}

TEST(CH_2_enables, a_blocked_path_advertises_zero_and_disabled) {
  LimitsCase c;
  c.in.charge_allowed = false;
  InverterLimits l = c.get();
  EXPECT_EQ(l.charge_current_limit_mA, 0);
  EXPECT_FALSE(l.charge_enable);
  EXPECT_TRUE(l.discharge_enable);
  c.in = {&c.m, 5000, true, false, false, true};
  l = c.get();
  EXPECT_FALSE(l.discharge_enable);
  EXPECT_TRUE(l.force_charge);
}

TEST(CH_2_enables, invalid_measurements_advertise_nothing) {
  LimitsCase c;
  c.m.faults = kNtcOpen;
  const InverterLimits l = c.get();
  EXPECT_FALSE(l.charge_enable || l.discharge_enable);
  EXPECT_EQ(l.charge_voltage_mV, 56000) << "the voltage limits stay meaningful";
}

TEST(CH_2_pipeline, a_charge_protection_stops_charging_but_not_discharging) {
  BmsRig rig;
  rig.run_until_running();
  EXPECT_EQ(rig.status().limits.charge_current_limit_mA, 70000);
  rig.board.set_temperatures(560);  // charge over-temperature, discharge still fine
  rig.run_ms(2100);
  ASSERT_TRUE(rig.status().protection.protect_on(I::ChargeOt));
  EXPECT_FALSE(rig.status().limits.charge_enable);
  EXPECT_EQ(rig.status().limits.charge_current_limit_mA, 0);
  EXPECT_TRUE(rig.status().limits.discharge_enable);
  EXPECT_GT(rig.status().limits.discharge_current_limit_mA, 0);
}

TEST(CH_2_pipeline, limits_reach_zero_before_the_protection_does) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_cell(2, 3600);  // the OV alarm: charging already advertised off
  rig.run_ms(500);
  EXPECT_EQ(rig.status().limits.charge_current_limit_mA, 0);
  EXPECT_FALSE(rig.status().protection.protect_on(I::CellOv));
}

}  // namespace
}  // namespace lfpbms::testing
