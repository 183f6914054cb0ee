// The charge-side helpers of the gate: heater (PK-5), charge-current limiter (PK-6) and force
// charge (CH-3), at the boundaries of their levels and delays, then through the pipeline.
#include <gtest/gtest.h>

#include "bms_rig.hpp"

namespace lfpbms::testing {
namespace {

using I = ProtectionId;

// --- PK-5: heater ---------------------------------------------------------------------------

struct HeaterCase {
  ParamSet params{16};
  Heater heater;
  HeaterInputs in{true, true, false, 0};
  HeaterCase() { EXPECT_TRUE(params.write(ParamId::heater_enable, 1).ok()); }
  Heater::Change at(TimeMs now, std::int16_t dC) {
    in.min_cell_temperature_dC = dC;
    return heater.update(now, in, params);
  }
};

TEST(PK_5_heater, off_by_default) {
  ParamSet params(16);
  Heater heater;
  EXPECT_EQ(heater.update(0, {true, true, false, -100}, params), Heater::Change::None);
  EXPECT_FALSE(heater.on());
}

TEST(PK_5_heater, starts_below_start_temperature_with_a_charger) {
  HeaterCase c;
  EXPECT_EQ(c.at(0, 50), Heater::Change::None) << "5.0 °C is not below the start level";
  EXPECT_EQ(c.at(100, 49), Heater::Change::On);
  EXPECT_TRUE(c.heater.holds_charge()) << "heat first, then charge";
}

TEST(PK_5_heater, needs_a_charger_valid_temperatures_and_no_failure) {
  HeaterCase c;
  c.in.charger_present = false;
  EXPECT_EQ(c.at(0, -100), Heater::Change::None);
  c.in = {true, false, false, 0};
  EXPECT_EQ(c.at(100, -100), Heater::Change::None);
  c.in = {true, true, true, 0};
  EXPECT_EQ(c.at(200, -100), Heater::Change::None);
}

TEST(PK_5_heater, stops_at_the_stop_temperature_not_one_unit_before) {
  HeaterCase c;
  c.at(0, -50);
  EXPECT_EQ(c.at(100, 99), Heater::Change::None);
  EXPECT_EQ(c.at(200, 100), Heater::Change::Off);
  EXPECT_FALSE(c.heater.holds_charge());
  EXPECT_EQ(c.at(300, 60), Heater::Change::None) << "hysteresis: 6 °C does not restart it";
}

TEST(PK_5_heater, stops_when_the_charger_leaves) {
  HeaterCase c;
  c.at(0, -50);
  c.in.charger_present = false;
  EXPECT_EQ(c.at(100, -50), Heater::Change::Off);
}

TEST(PK_5_heater, time_limit_rests_it_as_long_as_it_ran) {
  HeaterCase c;
  const TimeMs limit = static_cast<TimeMs>(c.params.get(ParamId::heater_max_s)) * 1000;
  c.at(0, -50);
  EXPECT_EQ(c.at(limit - kTickMs, -50), Heater::Change::None);
  EXPECT_EQ(c.at(limit, -50), Heater::Change::Timeout);
  EXPECT_FALSE(c.heater.holds_charge()) << "resting: the cold derating alone guards charging";
  EXPECT_EQ(c.at(2 * limit - kTickMs, -50), Heater::Change::None) << "no endless heating";
  EXPECT_EQ(c.at(2 * limit, -50), Heater::Change::On);
}

TEST(PK_5_heater, holds_the_charge_fet_while_cold_even_before_a_charger_comes) {
  HeaterCase c;
  c.in.charger_present = false;
  EXPECT_EQ(c.at(0, 49), Heater::Change::None);
  EXPECT_TRUE(c.heater.holds_charge());
  EXPECT_TRUE(c.heater.wants_power());
  c.at(100, 50);
  EXPECT_FALSE(c.heater.holds_charge()) << "5.0 °C: warm enough to charge";
}

TEST(PK_5_heater, pipeline_heats_with_the_charge_fet_open_then_charges) {
  PackConfig config;
  config.has_heater = true;
  BmsRig rig(config);
  ASSERT_TRUE(rig.bms.set_param(ParamId::heater_enable, 1).ok());
  rig.board.set_temperatures(-30);  // above the discharge limit, below charge
  rig.run_until_running();
  rig.board.pin_terminals(16 * 3300 + 3000);  // a charger at the open charge path
  rig.tick();
  EXPECT_TRUE(rig.status().heater_on);
  EXPECT_TRUE(rig.board.switches.heater);
  EXPECT_FALSE(rig.board.switches.charge_fet);
  EXPECT_EQ(rig.log.count(SystemEvent::HeaterOn), 1u);
  rig.board.set_temperatures(100);
  rig.run_ms(3000);
  EXPECT_FALSE(rig.board.switches.heater);
  EXPECT_TRUE(rig.board.switches.charge_fet);
  EXPECT_EQ(rig.log.count(SystemEvent::HeaterOff), 1u);
}

TEST(PK_5_heater, pipeline_asks_the_inverter_for_power_to_heat) {
  PackConfig config;
  config.has_heater = true;
  BmsRig rig(config);
  ASSERT_TRUE(rig.bms.set_param(ParamId::heater_enable, 1).ok());
  rig.board.set_temperatures(-80);  // too cold to charge: the protection holds the charge FET
  rig.run_until_running();
  ASSERT_TRUE(rig.status().protection.protect_on(I::ChargeUt));
  EXPECT_TRUE(rig.status().limits.charge_enable) << "no charger power, no heat";
  EXPECT_EQ(rig.status().limits.charge_current_limit_mA, 3000);
  EXPECT_FALSE(rig.board.switches.charge_fet) << "the power goes to the film, not the cells";
  ASSERT_TRUE(rig.bms.set_param(ParamId::heater_enable, 0).ok());
  rig.tick();
  EXPECT_FALSE(rig.status().limits.charge_enable);
}

TEST(PK_5_heater, pipeline_pack_without_film_never_heats) {
  BmsRig rig;  // has_heater = false
  ASSERT_TRUE(rig.bms.set_param(ParamId::heater_enable, 1).ok());
  rig.board.set_temperatures(-30);
  rig.run_until_running();
  rig.board.pin_terminals(16 * 3300 + 3000);
  rig.run_ms(1000);
  EXPECT_FALSE(rig.board.switches.heater);
}

// --- PK-6: charge-current limiter -----------------------------------------------------------

struct LimiterCase {
  ParamSet params{16};
  ChargeLimiter limiter;
  std::int32_t enter_mA() const { return params.get(ParamId::chg_oc_alarm_mA); }
  ChargeLimiter::Change at(TimeMs now, std::int32_t mA, bool allowed = true) {
    return limiter.update(now, mA, allowed, params);
  }
};

TEST(PK_6_limiter, engages_at_the_level_after_its_delay_not_one_tick_before) {
  LimiterCase c;
  c.at(0, c.enter_mA());
  EXPECT_EQ(c.at(kLimiterEnterDelay_ms - kTickMs, c.enter_mA()), ChargeLimiter::Change::None);
  EXPECT_EQ(c.at(kLimiterEnterDelay_ms, c.enter_mA()), ChargeLimiter::Change::On);
  EXPECT_TRUE(c.limiter.active());
}

TEST(PK_6_limiter, one_milliamp_below_the_level_never_engages) {
  LimiterCase c;
  for (TimeMs t = 0; t <= 10000; t += kTickMs) c.at(t, c.enter_mA() - 1);
  EXPECT_FALSE(c.limiter.active());
}

TEST(PK_6_limiter, zero_turns_it_off) {
  LimiterCase c;
  ASSERT_TRUE(c.params.write(ParamId::charge_limit_mA, 0).ok());
  for (TimeMs t = 0; t <= 5000; t += kTickMs) c.at(t, c.enter_mA() + 10000);
  EXPECT_FALSE(c.limiter.active());
}

TEST(PK_6_limiter, retries_the_normal_path_after_the_retry_time) {
  LimiterCase c;
  c.at(0, c.enter_mA());
  c.at(kLimiterEnterDelay_ms, c.enter_mA());
  const TimeMs retry = static_cast<TimeMs>(c.params.get(ParamId::limiter_retry_s)) * 1000;
  EXPECT_EQ(c.at(kLimiterEnterDelay_ms + retry - kTickMs, 20000), ChargeLimiter::Change::None);
  EXPECT_EQ(c.at(kLimiterEnterDelay_ms + retry, 20000), ChargeLimiter::Change::Off);
}

TEST(PK_6_limiter, discharge_current_or_a_charge_block_leaves_it) {
  LimiterCase c;
  c.at(0, c.enter_mA());
  c.at(kLimiterEnterDelay_ms, c.enter_mA());
  EXPECT_EQ(c.at(kLimiterEnterDelay_ms + kTickMs, -1000), ChargeLimiter::Change::Off);
  c.at(2000, c.enter_mA());
  c.at(3000, c.enter_mA());
  ASSERT_TRUE(c.limiter.active());
  EXPECT_EQ(c.at(3100, 20000, false), ChargeLimiter::Change::Off);
}

TEST(PK_6_limiter, pipeline_limits_instead_of_tripping) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_current(126000);  // a charger pushing more than the alarm level
  rig.run_ms(1100);
  EXPECT_TRUE(rig.status().limiter_active);
  EXPECT_FALSE(rig.board.switches.charge_fet);
  EXPECT_TRUE(rig.board.switches.charge_limiter);
  EXPECT_EQ(rig.log.count(SystemEvent::LimiterOn), 1u);
  rig.board.set_current(20000);  // the limiting path holds the current at its 20 A
  rig.run_ms(30000);
  EXPECT_FALSE(rig.status().protection.protect_on(I::ChargeOc));
  EXPECT_TRUE(rig.board.switches.charge_limiter);
}

// --- PR-19: the charge end by the highest cell ------------------------------------------------

TEST(PR_19_cell_end, the_highest_cell_at_the_charge_voltage_ends_the_charge) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_cells(3400);    // 54.4 V: far below 56.0 V - 0.2 V ...
  rig.board.set_cell(4, 3500);  // ... but one cell is at 3.50 V, CVL / 16
  rig.run_ms(301000);
  EXPECT_TRUE(rig.status().protection.protect_on(I::FullCharge));
  EXPECT_GE(rig.bms.estimates().soc().estimate_pptt(), 9990);
  // The reported SOC follows at most 1 % a minute and gets there, less what balancing bleeds
  // off the highest cell meanwhile (the pack is full when that cell is).
  rig.run_ms(3600000);
  EXPECT_GE(rig.status().soc_pptt, 9950);
}

TEST(PR_19_cell_end, one_millivolt_below_does_not) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_cells(3400);
  rig.board.set_cell(4, 3499);
  rig.run_ms(400000);
  EXPECT_FALSE(rig.status().protection.protect_on(I::FullCharge));
}

// --- CH-3: force charge ---------------------------------------------------------------------

struct ForceCase {
  ParamSet params{16};
  ForceCharge force;
  std::uint32_t after_s() const {
    return static_cast<std::uint32_t>(params.get(ParamId::force_charge_after_s));
  }
  std::uint32_t restart_mV() const {
    return static_cast<std::uint32_t>(params.get(ParamId::restart_voltage_mV));
  }
};

TEST(CH_3_force_charge, after_the_standby_time_below_the_restart_voltage) {
  ForceCase c;
  EXPECT_EQ(c.after_s(), 2u * 24 * 3600);
  EXPECT_EQ(c.force.update({c.after_s() - 1, c.restart_mV() - 1, false, false}, c.params),
            ForceCharge::Change::None);
  EXPECT_EQ(c.force.update({c.after_s(), c.restart_mV(), false, false}, c.params),
            ForceCharge::Change::None)
      << "at the re-start voltage it has recovered";
  EXPECT_EQ(c.force.update({c.after_s(), c.restart_mV() - 1, false, false}, c.params),
            ForceCharge::Change::On);
  EXPECT_TRUE(c.force.requested());
}

TEST(CH_3_force_charge, a_low_voltage_alarm_requests_it_at_once) {
  ForceCase c;
  EXPECT_EQ(c.force.update({0, 40000, true, false}, c.params), ForceCharge::Change::On);
}

TEST(CH_3_force_charge, holds_until_full_then_ends) {
  ForceCase c;
  c.force.update({0, 40000, true, false}, c.params);
  EXPECT_EQ(c.force.update({0, 56000, false, false}, c.params), ForceCharge::Change::None);
  EXPECT_TRUE(c.force.requested()) << "until full, not until the alarm clears";
  EXPECT_EQ(c.force.update({0, 56000, false, true}, c.params), ForceCharge::Change::Off);
}

TEST(CH_3_force_charge, disabled_by_its_parameter) {
  ForceCase c;
  c.force.update({0, 40000, true, false}, c.params);
  ASSERT_TRUE(c.params.write(ParamId::force_charge_enable, 0).ok());
  EXPECT_EQ(c.force.update({0, 40000, true, false}, c.params), ForceCharge::Change::Off);
  EXPECT_EQ(c.force.update({c.after_s(), 40000, true, false}, c.params), ForceCharge::Change::None);
}

TEST(CH_3_force_charge, pipeline_requests_charging_after_the_standby_time) {
  BmsRig rig;
  ASSERT_TRUE(rig.bms.set_param(ParamId::force_charge_after_s, 3600).ok());
  rig.board.set_cells(3200);  // 51.2 V: below the 52 V re-start voltage
  BmsInputs linked;
  linked.comm_activity = true;  // an inverter polls the pack: it stays awake
  rig.run_ms(3600 * 1000 - 1000, linked);
  EXPECT_FALSE(rig.status().force_charge);
  rig.run_ms(1100, linked);
  EXPECT_TRUE(rig.status().force_charge);
  EXPECT_TRUE(rig.status().limits.force_charge);
  EXPECT_EQ(rig.log.count(SystemEvent::ForceChargeOn), 1u);
}

}  // namespace
}  // namespace lfpbms::testing
