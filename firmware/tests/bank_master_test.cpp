// PA-2, PA-3: the master polls the slaves over the internal bus and speaks for the bank; lost
// slaves, shared addresses and a missing master are found and reported.
#include <gtest/gtest.h>

#include "bank_rig.hpp"
#include "protocol/pack_blocks.hpp"

namespace lfpbms::testing {
namespace {

using protocol::SystemBlock;

TEST(PA_2_master, polls_every_slave_and_sums_their_limits) {
  BankRig bank({1, 2, 3});
  bank.run_ms(9000);
  const SystemBlock& s = bank.node(0).system_view();
  EXPECT_EQ(s.member_count, 3);
  EXPECT_EQ(s.healthy_count, 3);
  std::int32_t ccl = 0;
  for (std::size_t i = 0; i < 3; ++i) ccl += bank.status(i).limits.charge_current_limit_mA;
  EXPECT_GT(ccl, 0);
  EXPECT_EQ(s.charge_current_limit_mA, ccl);
  EXPECT_EQ(bank.bus.collisions, 0u);
}

TEST(PA_2_master, only_the_master_speaks_for_the_system) {
  BankRig bank({1, 2});
  bank.run_ms(9000);
  protocol::SystemBlock out;
  EXPECT_TRUE(bank.node(0).system(out));
  EXPECT_FALSE(bank.node(1).system(out));
}

TEST(CO_3_internal_bus, each_slave_is_polled_every_second) {
  BankRig bank({1, 2});
  bank.run_ms(9000);
  const std::size_t before = bank.bus.frames;
  bank.run_ms(10000);
  // Per second: the slave's summary (2 frames), its 42 and 44 (4), one empty address asked.
  EXPECT_GE(bank.bus.frames - before, 10u * 6);
  EXPECT_FALSE(bank.node(1).master_lost());
}

TEST(PA_3_lost, a_slave_that_stops_answering_is_lost_and_the_system_recomputed) {
  BankRig bank({1, 2, 3});
  bank.run_ms(9000);
  const std::int32_t before = bank.node(0).system_view().charge_current_limit_mA;
  bank.packs[2]->port.cut = true;
  bank.run_ms(5000);
  const SystemBlock& s = bank.node(0).system_view();
  EXPECT_TRUE(bank.node(0).master().slot(3).lost);
  EXPECT_EQ(s.lost_mask, 1u << 2);
  EXPECT_EQ(s.healthy_count, 2);
  EXPECT_EQ(s.charge_current_limit_mA, before - bank.status(2).limits.charge_current_limit_mA);
  EXPECT_TRUE(bank.protect(0, ProtectionId::IdTimeout)) << "ID_OVER at the master";
  bank.packs[2]->port.cut = false;
  bank.run_ms(5000);
  EXPECT_FALSE(bank.node(0).master().slot(3).lost);
  EXPECT_FALSE(bank.protect(0, ProtectionId::IdTimeout));
  EXPECT_EQ(bank.node(0).system_view().healthy_count, 3);
}

TEST(PA_3_lost, a_slave_without_its_master_reports_master_lost) {
  BankRig bank({1, 2});
  bank.run_ms(9000);
  bank.packs[0]->port.cut = true;
  bank.run_ms(9000);
  EXPECT_FALSE(bank.node(1).master_lost()) << "not before 10 s of silence";
  bank.run_ms(2000);
  EXPECT_TRUE(bank.node(1).master_lost());
  bank.run_ms(200);
  EXPECT_TRUE(bank.protect(1, ProtectionId::MasterLost));
  EXPECT_TRUE(bank.status(1).switches.discharge_fet) << "it still protects and serves itself";
}

TEST(PA_3_conflict, two_packs_on_one_address_are_found_by_both_and_by_the_master) {
  BankRig bank({1, 2, 3, 3});
  bank.run_ms(9000);
  EXPECT_GT(bank.bus.collisions, 0u);
  EXPECT_TRUE(bank.node(2).address_conflict());
  EXPECT_TRUE(bank.node(3).address_conflict());
  EXPECT_FALSE(bank.node(1).address_conflict());
  bank.run_ms(300);
  EXPECT_TRUE(bank.protect(2, ProtectionId::AddressConflict));
  EXPECT_TRUE(bank.protect(3, ProtectionId::AddressConflict));
  const SystemBlock& s = bank.node(0).system_view();
  EXPECT_EQ(s.conflict_mask, 1u << 2);
  EXPECT_EQ(s.healthy_count, 2) << "the system counts the master and address 2 only";
  EXPECT_TRUE(bank.protect(0, ProtectionId::AddressConflict));
  const std::size_t collisions = bank.bus.collisions;
  bank.run_ms(5000);
  EXPECT_EQ(bank.bus.collisions, collisions) << "the two keep quiet once they know";
}

TEST(PA_3_conflict, two_masters_find_each_other) {
  BankRig bank({1, 1, 2});
  bank.run_ms(9000);
  EXPECT_TRUE(bank.node(0).address_conflict());
  EXPECT_TRUE(bank.node(1).address_conflict());
  EXPECT_EQ(bank.node(0).system_view().member_count, 1) << "alone again, speaking for itself";
}

TEST(PA_2_all_packs, the_masters_host_link_answers_ff_with_every_pack) {
  BankRig bank({1, 2, 3});
  bank.run_ms(9000);
  EXPECT_EQ(bank.node(0).pack_count(), 3);
  protocol::AnalogBlock a;
  ASSERT_TRUE(bank.node(0).analog(1, a));
  EXPECT_EQ(a.cell_count, 16);
  EXPECT_EQ(a.pack_voltage_mV, bank.status(1).measurements.pack_voltage_mV);
  EXPECT_EQ(bank.node(0).address(2), 3);
  EXPECT_EQ(bank.node(1).pack_count(), 1) << "a slave speaks for itself";
}

}  // namespace
}  // namespace lfpbms::testing
