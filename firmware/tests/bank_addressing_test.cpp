// PA-1: addresses by DIP switch and along the Link IN/OUT chain, master and slave roles.
#include <gtest/gtest.h>

#include "bank_rig.hpp"

namespace lfpbms::testing {
namespace {

TEST(PA_1_dip, the_switch_sets_address_and_role) {
  BankRig bank({0, 1, 5});
  EXPECT_EQ(bank.node(0).role(), BankRole::Alone);
  EXPECT_EQ(bank.node(1).role(), BankRole::Master);
  EXPECT_EQ(bank.node(2).role(), BankRole::Slave);
  EXPECT_EQ(bank.node(2).address(), 5);
  EXPECT_EQ(bank.packs[2]->device.address, 5) << "the host link answers at the bank address";
}

TEST(PA_1_dip, switch_1_is_bit_0) {
  BankRig bank({1, 0b1010});
  EXPECT_EQ(bank.node(1).address(), 10);
}

TEST(PA_1_dip, a_switch_moved_while_running_is_the_ads_fault_and_the_address_stays) {
  BankRig bank({1, 3});
  bank.run_ms(7000);
  bank.packs[1]->port.dip = 4;
  bank.run_ms(300);
  EXPECT_TRUE(bank.protect(1, ProtectionId::DipFault));
  EXPECT_EQ(bank.node(1).address(), 3);
  EXPECT_EQ(bank.status(1).fault_code, 6) << "[000 §5.3] code 06, ADS dialer";
  EXPECT_TRUE(bank.status(1).switches.discharge_fet) << "a notice: no FET opened";
}

TEST(PA_1_chain, addresses_follow_the_chain_up_to_32_and_settle_within_10_s) {
  std::vector<std::uint8_t> none(32, 0);
  BankRig bank(none, true);
  TimeMs settled = 0;
  for (TimeMs t = 0; t < 10000 && settled == 0; t += kTickMs) {
    bank.run_ms(kTickMs);
    bool all = true;
    for (std::size_t i = 0; i < 32; ++i) all = all && bank.node(i).role() != BankRole::Unassigned;
    if (all) settled = t + kTickMs;
  }
  ASSERT_GT(settled, 0u) << "not every pack had its address within 10 s";
  EXPECT_EQ(bank.node(0).role(), BankRole::Master) << "nothing on its Link IN";
  for (std::size_t i = 1; i < 32; ++i) {
    EXPECT_EQ(bank.node(i).role(), BankRole::Slave);
    EXPECT_EQ(bank.node(i).address(), i + 1);
  }
  bank.run_ms(3000);
  // [003 §5.6.2]: after 10 s only the master's M/S LED is on.
  EXPECT_EQ(bank.status(0).indicators.master, hal::LedPattern::On);
  for (std::size_t i = 1; i < 32; ++i)
    EXPECT_EQ(bank.status(i).indicators.master, hal::LedPattern::Off);
  EXPECT_EQ(bank.node(0).master().chain_count(), 32);
  EXPECT_EQ(bank.node(0).system_view().member_count, 32);
  EXPECT_EQ(bank.node(0).system_view().healthy_count, 32);
}

TEST(PA_1_chain, a_pack_alone_on_the_chain_is_its_own_master) {
  BankRig bank({0}, true);
  bank.run_ms(5000);
  EXPECT_EQ(bank.node(0).role(), BankRole::Master);
  EXPECT_EQ(bank.node(0).master().chain_count(), 1);
  EXPECT_EQ(bank.node(0).system_view().member_count, 1);
  EXPECT_EQ(bank.status(0).indicators.master, hal::LedPattern::Off) << "single mode: M/S off";
}

TEST(PA_1_chain, a_pack_whose_bus_cable_comes_later_gets_the_next_address) {
  std::vector<std::uint8_t> three(3, 0);
  BankRig bank(three, true);
  bank.packs[2]->port.cut = true;  // its bus cable not plugged yet
  bank.run_ms(5000);
  EXPECT_EQ(bank.node(0).master().chain_count(), 2);
  EXPECT_EQ(bank.node(2).role(), BankRole::Unassigned);
  bank.packs[2]->port.cut = false;
  bank.run_ms(12000);
  EXPECT_EQ(bank.node(2).address(), 3);
  EXPECT_EQ(bank.node(0).master().chain_count(), 3);
}

TEST(PA_1_chain, a_slave_that_restarts_takes_its_address_back_and_is_silent_until_then) {
  std::vector<std::uint8_t> four(4, 0);
  BankRig bank(four, true);
  bank.run_ms(5000);
  ASSERT_EQ(bank.node(0).master().chain_count(), 4);
  BankPack& second = *bank.packs[1];
  bank.restart_node(1);
  EXPECT_EQ(second.node.role(), BankRole::Unassigned);
  EXPECT_EQ(second.device.address, protocol::kUnaddressed) << "no answers to the host yet";
  bank.run_ms(3000);
  EXPECT_EQ(second.node.role(), BankRole::Slave);
  EXPECT_EQ(second.node.address(), 2) << "its place in the chain, not a new address";
  EXPECT_EQ(second.device.address, 2);
  EXPECT_EQ(bank.node(0).master().chain_count(), 4);
  EXPECT_FALSE(bank.node(0).master().slot(2).lost) << "back before it counted as lost";
  EXPECT_FALSE(bank.status(0).protection.protect_on(ProtectionId::IdTimeout));
  bank.run_ms(3000);
  EXPECT_EQ(bank.node(0).system_view().healthy_count, 4);
}

// The worst moment: the slave restarts just as the master offers the next address (its last
// answer already in): it takes the new address, and the master sends it back to its own.
TEST(PA_1_chain, a_slave_that_restarts_as_a_new_address_is_offered_is_sent_back) {
  std::vector<std::uint8_t> four(4, 0);
  BankRig bank(four, true);
  bank.run_ms(5000);
  ASSERT_EQ(bank.node(0).master().chain_count(), 4);
  // ADR 00, FC, then LENGTH (4 characters) and INFO 05.
  auto offers_5 = [](const std::string& f) {
    return f.rfind("~250046FC", 0) == 0 && f.compare(13, 2, "05") == 0;
  };
  bool restarted = false;
  bank.bus.tap = [&](const TestBus::Frame& f) {
    if (restarted || !offers_5(f.chars)) return;
    restarted = true;
    bank.restart_node(1);
  };
  for (TimeMs t = 0; t < 15000 && !restarted; t += kTickMs) bank.run_ms(kTickMs);
  bank.bus.tap = nullptr;
  ASSERT_TRUE(restarted) << "no offer of address 5 within 15 s";
  EXPECT_EQ(bank.node(1).address(), 5) << "it took the offer";
  bank.run_ms(5000);
  EXPECT_EQ(bank.node(1).address(), 2) << "sent back to its place";
  EXPECT_EQ(bank.node(0).master().chain_count(), 4);
  EXPECT_FALSE(bank.node(0).master().slot(2).lost);
  EXPECT_FALSE(bank.node(0).master().slot(5).known) << "no pack left at 5";
  EXPECT_FALSE(bank.status(0).protection.protect_on(ProtectionId::IdTimeout));
  bank.run_ms(2000);
  EXPECT_EQ(bank.node(0).system_view().member_count, 4);
  EXPECT_EQ(bank.node(0).system_view().healthy_count, 4);
}

TEST(SM_4_link_wake, a_pack_that_starts_pulls_the_wake_line) {
  BankRig bank({1, 2});
  EXPECT_TRUE(bank.packs[0]->port.wake_out);
  bank.run_ms(1200);
  EXPECT_FALSE(bank.packs[0]->port.wake_out) << "a pulse, not a level";
}

}  // namespace
}  // namespace lfpbms::testing
