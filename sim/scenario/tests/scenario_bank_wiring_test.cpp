// How a bank is addressed and wired: up to 32 packs, a 4-bit DIP switch or the Link IN/OUT chain
// (PA-1), the cables to the bus bar (PA-4), and parallel only (PA-5).
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/tests/scenario_bank_refusal.hpp"

namespace lfpbms::sim {
namespace {

using scenario_test::error_of;
using scenario_test::kFile;
using scenario_test::refused;

// ---------------------------------------------------------------------------------------------
// PA-1: a bank of up to 32 packs, addressed by a 4-bit DIP switch or automatically along the
// Link IN / Link OUT chain.

TEST(PA_1_scenario_bank, packs_are_1_to_32) {
  EXPECT_EQ(parse_scenario("[bank]\npacks = 1\n", kFile).bank.packs, 1);
  EXPECT_EQ(parse_scenario("[bank]\npacks = 32\n", kFile).bank.packs, 32);
  EXPECT_TRUE(refused("days = 1\n[bank]\npacks = 0\n", "3: bank.packs", "must be 1...32, not 0"));
  EXPECT_TRUE(refused("days = 1\n[bank]\npacks = 33\n", "3: bank.packs", "must be 1...32, not 33"));
  EXPECT_TRUE(refused("[bank]\npacks = 2.5\n", "2: bank.packs", "must be an integer"));
  EXPECT_TRUE(refused("[bank]\npacks = \"15\"\n", "2: bank.packs", "must be an integer"));
}

TEST(PA_1_scenario_bank, addressing_dip_or_auto) {
  EXPECT_EQ(parse_scenario("[bank]\naddressing = \"dip\"\n", kFile).bank.addressing,
            Addressing::Dip);
  EXPECT_EQ(parse_scenario("[bank]\naddressing = \"auto\"\n", kFile).bank.addressing,
            Addressing::Chain);
  EXPECT_FALSE(parse_scenario("[bank]\npacks = 3\n", kFile).bank.addressing) << "the profile's";
}

TEST(PA_1_scenario_bank, a_wrong_addressing_word_is_refused_with_a_suggestion) {
  EXPECT_TRUE(refused("[bank]\naddressing = \"dipp\"\n", "2: bank.addressing",
                      "must be \"dip\" or \"auto\", not \"dipp\" (did you mean dip?)"));
  EXPECT_TRUE(refused("[bank]\npacks = 3\naddressing = \"Auto\"\n", "3: bank.addressing",
                      "not \"Auto\" (did you mean auto?)"));
  EXPECT_TRUE(
      refused("[bank]\naddressing = \"chain\"\n", "2: bank.addressing", "(did you mean auto?)"));
  EXPECT_TRUE(refused("[bank]\naddressing = \"rs485\"\n", "2: bank.addressing",
                      "must be \"dip\" or \"auto\", not \"rs485\""));
  EXPECT_TRUE(refused("[bank]\naddressing = \"\"\n", "2: bank.addressing", "must not be empty"));
  EXPECT_TRUE(refused("[bank]\naddressing = 1\n", "2: bank.addressing", "must be a string"));
}

TEST(PA_5_scenario_bank, packs_in_series_are_refused) {
  EXPECT_TRUE(refused("[bank]\npacks = 4\nwiring = \"series\"\n", "3: bank.wiring",
                      "\"series\" is not supported: these packs go in parallel only"));
  EXPECT_TRUE(refused("[bank]\nwiring = \"Series\"\n", "2: bank.wiring", "(PA-5)"));
  EXPECT_EQ(error_of("[bank]\npacks = 4\nwiring = \"daisy\"\n"), "accepted");
}

TEST(PA_1_scenario_bank, address_is_the_4_bit_switch) {
  const std::string head = "[bank]\npacks = 2\n[[bank.pack]]\nindex = 2\n";  // line 5
  EXPECT_EQ(parse_scenario(head + "address = 0\n", kFile).bank.packs_setup[0].address, 0);
  EXPECT_EQ(parse_scenario(head + "address = 15\n", kFile).bank.packs_setup[0].address, 15);
  EXPECT_TRUE(
      refused(head + "address = 16\n", "5: bank.pack[1].address", "must be 0...15, not 16"));
  EXPECT_TRUE(refused(head + "address = -1\n", "5: bank.pack[1].address", "0...15"));
  EXPECT_TRUE(refused(head + "address = 1.0\n", "5: bank.pack[1].address", "must be an integer"));
}

TEST(PA_1_scenario_bank, address_only_with_dip_addressing) {
  // "dip" or unset (the runner checks the profile's): taken.
  EXPECT_EQ(parse_scenario("[bank]\npacks = 2\naddressing = \"dip\"\n[[bank.pack]]\nindex = 1\n"
                           "address = 7\n",
                           kFile)
                .bank.packs_setup[0]
                .address,
            7);
  EXPECT_EQ(parse_scenario("[bank]\npacks = 2\n[[bank.pack]]\nindex = 1\naddress = 7\n", kFile)
                .bank.packs_setup[0]
                .address,
            7);
  // "auto": the packs number themselves; the error is at the address.
  EXPECT_TRUE(
      refused("[bank]\npacks = 2\naddressing = \"auto\"\n\n[[bank.pack]]\nindex = 1\n"
              "[[bank.pack]]\nindex = 2\ncable_mOhm = 1\naddress = 3\n",
              "10: bank.pack[2].address", "only with addressing = \"dip\""));
  // ...also when [bank] is written after the pack.
  EXPECT_TRUE(refused("[[bank.pack]]\nindex = 1\naddress = 3\n[bank]\naddressing = \"auto\"\n",
                      "3: bank.pack[1].address", "only with addressing = \"dip\""));
  // Without an address an "auto" bank's packs are fine.
  EXPECT_NO_THROW(parse_scenario(
      "[bank]\npacks = 2\naddressing = \"auto\"\n[[bank.pack]]\nindex = 2\nsoh_pct = 90\n", kFile));
}

// ---------------------------------------------------------------------------------------------
// PA-4: the cables between the packs and the bus bar, and how the bank is wired.

TEST(PA_4_scenario_bank, cable_resistance_and_spread) {
  const Scenario s = parse_scenario(
      "[bank]\npacks = 2\ncable_mOhm = 0.1\ncable_spread_pct = 50\n[[bank.pack]]\nindex = 2\n"
      "cable_mOhm = 100\n",
      kFile);
  EXPECT_EQ(s.bank.cable_mOhm, 0.1);
  EXPECT_EQ(s.bank.cable_spread_pct, 50.0);
  EXPECT_EQ(s.bank.packs_setup[0].cable_mOhm, 100.0);
  EXPECT_EQ(parse_scenario("[bank]\ncable_spread_pct = 0\n", kFile).bank.cable_spread_pct, 0.0);

  EXPECT_TRUE(
      refused("[bank]\ncable_mOhm = 0.05\n", "2: bank.cable_mOhm", "must be 0.1...100, not 0.05"));
  EXPECT_TRUE(refused("[bank]\ncable_mOhm = 0\n", "2: bank.cable_mOhm", "0.1...100"));
  EXPECT_TRUE(refused("[bank]\ncable_mOhm = 1500\n", "2: bank.cable_mOhm", "0.1...100"));
  EXPECT_TRUE(refused("[bank]\ncable_spread_pct = 51\n", "2: bank.cable_spread_pct",
                      "must be 0...50, not 51"));
  EXPECT_TRUE(refused("[bank]\ncable_spread_pct = -1\n", "2: bank.cable_spread_pct", "0...50"));
  EXPECT_TRUE(refused("[bank]\npacks = 2\n[[bank.pack]]\nindex = 2\ncable_mOhm = 0.01\n",
                      "5: bank.pack[1].cable_mOhm", "0.1...100"));
  EXPECT_TRUE(refused("[bank]\npacks = 2\n[[bank.pack]]\nindex = 2\ncable_mOhm = 101\n",
                      "5: bank.pack[1].cable_mOhm", "0.1...100"));
}

TEST(PA_4_scenario_bank, wiring_busbar_or_daisy) {
  EXPECT_FALSE(parse_scenario("[bank]\nwiring = \"busbar\"\n", kFile).bank.daisy_chain);
  EXPECT_TRUE(parse_scenario("[bank]\nwiring = \"daisy\"\n", kFile).bank.daisy_chain);
  EXPECT_TRUE(refused("[bank]\nwiring = \"bus_bar\"\n", "2: bank.wiring",
                      "must be \"busbar\" or \"daisy\", not \"bus_bar\" (did you mean busbar?)"));
  EXPECT_TRUE(refused("[bank]\npacks = 4\nwiring = \"daisy_chain\"\n", "3: bank.wiring",
                      "(did you mean daisy?)"));
  EXPECT_TRUE(refused("[bank]\nwiring = true\n", "2: bank.wiring", "must be a string"));
}

}  // namespace
}  // namespace lfpbms::sim
