// Charge/discharge gating pieces one at a time: pre-charge and the body-diode rule (PK-4), the
// heater (PK-5), the charge-current limiter (PK-6) and force charge (CH-3), each at the
// boundaries of its levels and delays, then through the whole pipeline on the fake board.
#include <gtest/gtest.h>

#include "bms_rig.hpp"

namespace lfpbms::testing {
namespace {

using I = ProtectionId;

constexpr std::uint32_t kPack_mV = 16 * 3300;
constexpr std::int32_t kDone_mV = 16 * 125;  // precharge_done_mV per cell at 16S

// --- PK-4: pre-charge ---------------------------------------------------------------------

struct PrechargeCase {
  ParamSet params{16};
  Precharge pre;
  Precharge::Output at(TimeMs now, std::int32_t terminal_mV, bool want = true) {
    return pre.update(now, want, kPack_mV, terminal_mV, params);
  }
};

TEST(PK_4_precharge, closes_at_once_when_the_link_is_already_charged) {
  PrechargeCase c;
  const auto out = c.at(0, static_cast<std::int32_t>(kPack_mV) - kDone_mV);
  EXPECT_TRUE(out.discharge_fet);
  EXPECT_FALSE(out.precharge);
}

TEST(PK_4_precharge, charges_the_link_until_within_the_done_gap) {
  PrechargeCase c;
  const auto low = static_cast<std::int32_t>(kPack_mV) - kDone_mV - 1;
  auto out = c.at(0, 0);
  EXPECT_TRUE(out.precharge);
  EXPECT_FALSE(out.discharge_fet);
  out = c.at(100, low);  // one millivolt short of the done gap
  EXPECT_TRUE(out.precharge);
  EXPECT_FALSE(out.discharge_fet);
  out = c.at(200, low + 1);
  EXPECT_TRUE(out.discharge_fet);
  EXPECT_FALSE(out.precharge);
  EXPECT_TRUE(c.at(300, 0).discharge_fet) << "closed stays closed while requested";
}

TEST(PK_4_precharge, times_out_once_and_waits_for_the_request_to_go) {
  PrechargeCase c;
  const TimeMs timeout = static_cast<TimeMs>(c.params.get(ParamId::precharge_timeout_ms));
  c.at(0, 0);
  auto out = c.at(timeout - kTickMs, 0);
  EXPECT_TRUE(out.precharge);
  EXPECT_FALSE(out.failed);
  out = c.at(timeout, 0);
  EXPECT_TRUE(out.failed);
  EXPECT_FALSE(out.precharge);
  out = c.at(timeout + kTickMs, static_cast<std::int32_t>(kPack_mV));
  EXPECT_FALSE(out.failed) << "reported once";
  EXPECT_FALSE(out.discharge_fet) << "no retry until the request is taken away";
  c.at(timeout + 2 * kTickMs, 0, false);
  EXPECT_TRUE(c.at(timeout + 3 * kTickMs, static_cast<std::int32_t>(kPack_mV)).discharge_fet);
}

TEST(PK_4_precharge, pipeline_precharges_an_inverter_link_before_the_discharge_fet) {
  BmsRig rig;
  rig.board.pin_terminals(0);  // an empty DC link behind the terminals
  rig.run_until_running();
  EXPECT_TRUE(rig.board.switches.precharge);
  EXPECT_FALSE(rig.board.switches.discharge_fet);
  EXPECT_TRUE(rig.board.switches.charge_fet);
  rig.board.pin_terminals(static_cast<std::int32_t>(kPack_mV) - 500);
  rig.tick();
  EXPECT_TRUE(rig.board.switches.discharge_fet);
  EXPECT_FALSE(rig.board.switches.precharge);
}

TEST(PK_4_precharge, pipeline_timeout_is_the_pre_cha_fault) {
  BmsRig rig;
  rig.board.pin_terminals(0);  // a short or a load too big to pre-charge
  rig.run_until_running();
  rig.run_ms(5200);
  EXPECT_TRUE(rig.status().protection.protect_on(I::Precharge));
  EXPECT_EQ(rig.status().fault_code, 16);
  EXPECT_FALSE(rig.board.switches.discharge_fet);
  EXPECT_FALSE(rig.board.switches.precharge);
  EXPECT_TRUE(rig.board.switches.charge_fet) << "PRE_CHA opens the discharge side only";
}

// --- PK-4: each FET decided separately, the body-diode rule ----------------------------------

struct GateCase {
  ParamSet params{16};
  FetGate gate;
  ProtectionStatus p;
  GateInputs in;
  GateCase() {
    in.fets_allowed = true;
    in.protection = &p;
    in.pack_voltage_mV = kPack_mV;
    in.terminal_voltage_mV = static_cast<std::int32_t>(kPack_mV);
  }
  GateDecision at(TimeMs now) { return gate.update(now, in, params); }
};

TEST(PK_4_gate, a_charge_protection_opens_only_the_charge_fet) {
  GateCase c;
  c.p.protect = bit(I::ChargeOt);
  const auto d = c.at(0);
  EXPECT_FALSE(d.charge_allowed);
  EXPECT_TRUE(d.discharge_allowed);
  EXPECT_FALSE(d.command.charge_fet);
  EXPECT_TRUE(d.command.discharge_fet);
}

TEST(PK_4_gate, a_discharge_protection_opens_only_the_discharge_fet) {
  GateCase c;
  c.p.protect = bit(I::DischargeUt);
  const auto d = c.at(0);
  EXPECT_TRUE(d.command.charge_fet);
  EXPECT_FALSE(d.command.discharge_fet);
}

TEST(PK_4_body_diode, discharge_current_closes_a_charge_fet_held_by_a_charge_protection) {
  GateCase c;
  c.p.protect = bit(I::CellOv);
  c.in.current_mA = -500;  // just past the dead band: discharge flows through the body diode
  const auto d = c.at(0);
  EXPECT_FALSE(d.charge_allowed) << "charging itself stays forbidden";
  EXPECT_TRUE(d.command.charge_fet);
  c.in.current_mA = 0;
  EXPECT_FALSE(c.at(kTickMs).command.charge_fet);
}

TEST(PK_4_body_diode, charge_current_closes_a_discharge_fet_held_by_a_discharge_protection) {
  GateCase c;
  c.p.protect = bit(I::CellUv);
  c.in.current_mA = 1000;
  const auto d = c.at(0);
  EXPECT_FALSE(d.discharge_allowed);
  EXPECT_TRUE(d.command.discharge_fet);
}

TEST(PK_4_body_diode, never_across_a_failure_or_a_both_fet_protection) {
  GateCase c;
  c.in.current_mA = -5000;
  c.p.protect = bit(I::MosOt);
  EXPECT_FALSE(c.at(0).command.charge_fet);
  c.p = {};
  c.p.fault = true;
  auto d = c.at(kTickMs);
  EXPECT_FALSE(d.command.charge_fet || d.command.discharge_fet);
  c.p = {};
  c.in.measurements_invalid = true;
  d = c.at(2 * kTickMs);
  EXPECT_FALSE(d.command.charge_fet || d.command.discharge_fet);
}

TEST(PK_4_body_diode, pipeline_over_voltage_lets_the_pack_discharge) {
  BmsRig rig;
  rig.run_until_running();
  rig.board.set_cell(0, 3700);
  rig.run_ms(1100);
  ASSERT_TRUE(rig.status().protection.protect_on(I::CellOv));
  EXPECT_FALSE(rig.board.switches.charge_fet);
  EXPECT_TRUE(rig.board.switches.discharge_fet);
  rig.board.set_current(-3000);
  rig.tick();
  EXPECT_TRUE(rig.board.switches.charge_fet) << "discharge must not heat the body diode";
  EXPECT_FALSE(rig.status().limits.charge_enable);
}

}  // namespace
}  // namespace lfpbms::testing

namespace lfpbms::testing {
namespace {

// --- PA-4: joining a bank below its voltage ---------------------------------------------------

// In a bank whose bus stands 2.5 V above the pack's cells.
struct JoinCase : GateCase {
  JoinCase() {
    in.pack_voltage_mV = 51000;
    in.terminal_voltage_mV = 53500;
    in.join_gap = true;
  }
};

TEST(PA_4_join, far_below_the_bus_the_limiter_charges_instead_of_the_charge_fet) {
  JoinCase c;
  const auto d = c.gate.update(0, c.in, c.params);
  EXPECT_FALSE(d.command.charge_fet);
  EXPECT_TRUE(d.command.charge_limiter);
  EXPECT_TRUE(d.command.discharge_fet) << "the bus is above: closing it moves nothing";
  c.in.join_gap = false;  // charged up to within the gap
  EXPECT_TRUE(c.gate.update(100, c.in, c.params).command.charge_fet);
}

TEST(PA_4_join, judged_only_before_the_charge_fet_closes) {
  JoinCase c;
  c.in.join_gap = false;
  EXPECT_TRUE(c.gate.update(0, c.in, c.params).command.charge_fet);
  c.in.join_gap = true;  // a charging surge lifts the terminals: no reason to open
  EXPECT_TRUE(c.gate.update(100, c.in, c.params).command.charge_fet);
}

TEST(PA_4_join, without_a_limiter_the_charge_fet_closes_as_before) {
  JoinCase c;
  ASSERT_TRUE(c.params.write(ParamId::charge_limit_mA, 0).ok());
  EXPECT_TRUE(c.gate.update(0, c.in, c.params).command.charge_fet);
}

}  // namespace
}  // namespace lfpbms::testing
