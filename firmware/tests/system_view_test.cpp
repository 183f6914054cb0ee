// PA-2: the system values the master computes from the packs' summaries.
#include <gtest/gtest.h>

#include "parallel/system_view.hpp"
#include "state/state_machine.hpp"

namespace lfpbms::testing {
namespace {

using protocol::MemberBlock;

MemberBlock pack(std::uint16_t soc_pptt, std::int32_t full_mAh, std::int32_t ccl_mA,
                 std::int32_t dcl_mA) {
  MemberBlock b;
  b.state = static_cast<std::uint8_t>(ReportedState::Standby);
  b.flags = protocol::kMemberChargeEnable | protocol::kMemberDischargeEnable;
  b.soc_pptt = soc_pptt;
  b.full_capacity_mAh = full_mAh;
  b.remaining_mAh = full_mAh * soc_pptt / 10000;
  b.design_capacity_mAh = 100000;
  b.pack_voltage_mV = 53000;
  b.charge_voltage_mV = 56000;
  b.discharge_voltage_mV = 48000;
  b.charge_current_limit_mA = ccl_mA;
  b.discharge_current_limit_mA = dcl_mA;
  b.min_cell_mV = 3300;
  b.max_cell_mV = 3320;
  b.min_temperature_dC = 200;
  b.max_temperature_dC = 250;
  b.series_count = 16;
  return b;
}

// A master's slots filled by hand, as if each slave had answered its polls.
struct Bank {
  void slave(std::uint8_t address, const MemberBlock& b) {
    MemberSlot& s = slots[address - 1];
    s.known = true;
    s.member = b;
  }
  protocol::SystemBlock view(std::int32_t wiring_cap_mA = 0) {
    SystemInputs in;
    in.role = BankRole::Master;
    in.own = &own;
    in.slots = slots;
    in.wiring_cap_mA = wiring_cap_mA;
    return system_view(in);
  }
  MemberBlock own = pack(5000, 100000, 70000, 100000);
  MemberSlot slots[protocol::kMaxBankPacks];
};

TEST(PA_2_system_view, soc_is_weighted_by_each_packs_capacity) {
  Bank b;
  b.own = pack(8000, 100000, 70000, 100000);
  b.slave(2, pack(2000, 200000, 70000, 100000));
  const auto s = b.view();
  EXPECT_EQ(s.soc_pptt, (8000 * 100 + 2000 * 200) / 300);
  EXPECT_EQ(s.full_capacity_mAh, 300000);
  EXPECT_EQ(s.remaining_mAh, 80000 + 40000);
  EXPECT_EQ(s.healthy_count, 2);
  EXPECT_EQ(s.member_count, 2);
}

TEST(PA_2_system_view, limits_are_the_sum_over_healthy_packs) {
  Bank b;
  b.slave(2, pack(5000, 100000, 50000, 80000));
  b.slave(3, pack(5000, 100000, 60000, 90000));
  const auto s = b.view();
  EXPECT_EQ(s.charge_current_limit_mA, 70000 + 50000 + 60000);
  EXPECT_EQ(s.discharge_current_limit_mA, 100000 + 80000 + 90000);
  EXPECT_EQ(s.limit_flags & protocol::kSystemChargeEnable, protocol::kSystemChargeEnable);
}

TEST(PA_3_system_view, lost_failed_sleeping_and_conflicting_packs_are_left_out) {
  Bank b;
  for (std::uint8_t a = 2; a <= 5; ++a) b.slave(a, pack(5000, 100000, 50000, 50000));
  b.slots[1].lost = true;
  b.slots[2].member.flags |= protocol::kMemberFailure;
  b.slots[3].member.state = static_cast<std::uint8_t>(ReportedState::Sleep);
  b.slots[4].conflict = true;
  const auto s = b.view();
  EXPECT_EQ(s.healthy_count, 1);
  EXPECT_EQ(s.charge_current_limit_mA, 70000);
  EXPECT_EQ(s.lost_mask, 1u << 1);
  EXPECT_EQ(s.conflict_mask, 1u << 4);
  EXPECT_EQ(s.members[2].flags & protocol::kBankFailure, protocol::kBankFailure);
}

TEST(PA_2_system_view, charge_voltage_is_the_lowest_of_the_packs_that_take_charge) {
  Bank b;
  MemberBlock full = pack(10000, 100000, 0, 100000);
  full.charge_voltage_mV = 54600;  // float
  full.flags = protocol::kMemberDischargeEnable;
  b.slave(2, full);
  MemberBlock low = pack(5000, 100000, 70000, 100000);
  low.charge_voltage_mV = 55800;
  b.slave(3, low);
  EXPECT_EQ(b.view().charge_voltage_mV, 55800) << "a pack that takes no charge sets nothing";
  b.slots[2].member.flags = protocol::kMemberDischargeEnable;
  b.own.flags = protocol::kMemberDischargeEnable;
  EXPECT_EQ(b.view().charge_voltage_mV, 54600) << "none takes charge: the lowest of all";
}

TEST(PA_2_system_view, flags_and_extremes_are_the_worst_case) {
  Bank b;
  MemberBlock hot = pack(5000, 100000, 70000, 100000);
  hot.max_temperature_dC = 480;
  hot.min_cell_mV = 3010;
  hot.alarm_flags = 0x0010;
  hot.protect_flags = 0x0200;
  b.slave(2, hot);
  const auto s = b.view();
  EXPECT_EQ(s.max_temperature_dC, 480);
  EXPECT_EQ(s.min_cell_mV, 3010);
  EXPECT_EQ(s.alarm_flags, 0x0010);
  EXPECT_EQ(s.protect_flags, 0x0200u);
}

TEST(CH_2_system_view, daisy_chained_wiring_caps_the_system_at_one_cable) {
  Bank b;
  b.slave(2, pack(5000, 100000, 70000, 100000));
  const auto s = b.view(100000);
  EXPECT_EQ(s.charge_current_limit_mA, 100000);
  EXPECT_EQ(s.discharge_current_limit_mA, 100000);
}

TEST(PA_4_system_view, no_pack_gets_more_than_its_limit_at_its_share_of_the_current) {
  Bank b;
  b.own.current_mA = -60000;  // takes 60 % of the load: lower resistance
  b.slave(2, pack(5000, 100000, 70000, 100000));
  b.slots[1].member.current_mA = -40000;
  // Sum 200 A, but pack 1 reaches its 100 A at 100 / 0.6 = 166.7 A.
  EXPECT_EQ(b.view().discharge_current_limit_mA, 166666);
  EXPECT_EQ(b.view().charge_current_limit_mA, 140000) << "charge: nothing flows, the sum";
}

TEST(PA_4_system_view, small_currents_leave_the_sum_alone) {
  Bank b;
  b.own.current_mA = -6000;  // 30 A of a 200 A limit: noise-level shares
  b.slave(2, pack(5000, 100000, 70000, 100000));
  b.slots[1].member.current_mA = -1000;
  EXPECT_EQ(b.view().discharge_current_limit_mA, 200000);
}

TEST(PA_6_system_view, another_size_or_series_count_is_flagged) {
  Bank b;
  MemberBlock big = pack(5000, 200000, 70000, 100000);
  big.design_capacity_mAh = 200000;
  b.slave(2, big);
  MemberBlock other = pack(5000, 100000, 70000, 100000);
  other.series_count = 15;
  b.slave(3, other);
  const auto s = b.view();
  EXPECT_EQ(s.mismatch_mask, (1u << 1) | (1u << 2));
  EXPECT_EQ(s.healthy_count, 2) << "another size shares the bus; another series count cannot";
}

TEST(PA_1_system_view, a_pack_alone_is_its_own_system) {
  SystemInputs in;
  const MemberBlock own = pack(6000, 100000, 70000, 100000);
  in.own = &own;
  const auto s = system_view(in);
  EXPECT_EQ(s.soc_pptt, 6000);
  EXPECT_EQ(s.charge_current_limit_mA, 70000);
  EXPECT_EQ(s.discharge_current_limit_mA, 100000);
  EXPECT_EQ(s.charge_voltage_mV, 56000);
  EXPECT_EQ(s.member_count, 1);
}

}  // namespace
}  // namespace lfpbms::testing
