// [bank] and [[bank.pack]]: every key read and defaulted, every mistake refused at its line and
// dotted key, the lines of the nested [[bank.pack]] tables right wherever they stand in the file
// (SPEC §6). The faults' `pack` and the bank's addressing and wiring have files of their own.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/tests/docs_example.hpp"
#include "sim/scenario/tests/scenario_bank_refusal.hpp"

namespace lfpbms::sim {
namespace {

using scenario_test::kFile;
using scenario_test::refused;

// Lines: 2 [bank], 11 and 21 the [[bank.pack]] headers.
constexpr const char* kBank = R"toml(days = 3
[bank]
packs = 15
addressing = "dip"
cable_mOhm = 2.5
cable_spread_pct = 20
soc_spread_pct = 5
soh_spread_pct = 3
wiring = "daisy"

[[bank.pack]]
index = 3
initial_soc = 0.2
soh_pct = 80
capacity_Ah = 200
cable_mOhm = 0.5
temperature_C = 25
address = 2
joins_at = "2d 10:00"

[[bank.pack]]
index = 15
)toml";

TEST(TWIN_scenario_bank, every_key_reads_into_the_struct) {
  const Scenario s = parse_scenario(kBank, kFile);
  const BankSetup& b = s.bank;
  EXPECT_EQ(b.packs, 15);
  EXPECT_EQ(b.addressing, Addressing::Dip);
  EXPECT_EQ(b.cable_mOhm, 2.5);
  EXPECT_EQ(b.cable_spread_pct, 20.0);
  EXPECT_EQ(b.soc_spread_pct, 5.0);
  EXPECT_EQ(b.soh_spread_pct, 3.0);
  EXPECT_TRUE(b.daisy_chain);
  ASSERT_EQ(b.packs_setup.size(), 2u);
  const BankPackSetup& p = b.packs_setup[0];
  EXPECT_EQ(p.index, 3);
  EXPECT_EQ(p.initial_soc, 0.2);
  EXPECT_EQ(p.soh_pct, 80.0);
  EXPECT_EQ(p.capacity_Ah, 200.0);
  EXPECT_EQ(p.cable_mOhm, 0.5);
  EXPECT_EQ(p.temperature_C, 25.0);
  EXPECT_EQ(p.address, 2);
  EXPECT_EQ(p.joins_at_s, 2 * 86400.0 + 10 * 3600.0);
  EXPECT_EQ(p.where, "bank.toml:11");
  EXPECT_EQ(b.packs_setup[1].index, 15);
  EXPECT_EQ(b.packs_setup[1].where, "bank.toml:21");
}

TEST(TWIN_scenario_bank, an_empty_file_is_one_stand_alone_pack) {
  const Scenario s = parse_scenario("", kFile);
  const BankSetup d;
  EXPECT_EQ(s.bank.packs, 1);
  EXPECT_FALSE(s.bank.addressing) << "the profile's";
  EXPECT_EQ(s.bank.cable_mOhm, 1.5);
  EXPECT_EQ(s.bank.cable_spread_pct, 10.0);
  EXPECT_EQ(s.bank.soc_spread_pct, 0.0);
  EXPECT_EQ(s.bank.soh_spread_pct, 0.0);
  EXPECT_FALSE(s.bank.daisy_chain);
  EXPECT_TRUE(s.bank.packs_setup.empty());
  EXPECT_EQ(s.bank.cable_mOhm, d.cable_mOhm);
  EXPECT_EQ(s.bank.cable_spread_pct, d.cable_spread_pct);
}

TEST(TWIN_scenario_bank, packs_1_is_the_same_as_no_bank) {
  const Scenario none = parse_scenario("", kFile);
  const Scenario one = parse_scenario("[bank]\npacks = 1\n", kFile);
  EXPECT_EQ(one.bank.packs, none.bank.packs);
  EXPECT_EQ(one.bank.addressing, none.bank.addressing);
  EXPECT_EQ(one.bank.cable_mOhm, none.bank.cable_mOhm);
  EXPECT_EQ(one.bank.cable_spread_pct, none.bank.cable_spread_pct);
  EXPECT_EQ(one.bank.soc_spread_pct, none.bank.soc_spread_pct);
  EXPECT_EQ(one.bank.soh_spread_pct, none.bank.soh_spread_pct);
  EXPECT_EQ(one.bank.daisy_chain, none.bank.daisy_chain);
  EXPECT_TRUE(one.bank.packs_setup.empty());
  // An empty [bank] is the same too.
  EXPECT_EQ(parse_scenario("[bank]\n", kFile).bank.packs, 1);
}

TEST(TWIN_scenario_bank, keys_left_out_keep_their_defaults) {
  const Scenario s = parse_scenario("[bank]\npacks = 4\n[[bank.pack]]\nindex = 2\n", kFile);
  const BankSetup d;
  EXPECT_EQ(s.bank.packs, 4);
  EXPECT_FALSE(s.bank.addressing);
  EXPECT_EQ(s.bank.cable_mOhm, d.cable_mOhm);
  EXPECT_EQ(s.bank.cable_spread_pct, d.cable_spread_pct);
  EXPECT_EQ(s.bank.soc_spread_pct, d.soc_spread_pct);
  EXPECT_EQ(s.bank.soh_spread_pct, d.soh_spread_pct);
  EXPECT_EQ(s.bank.daisy_chain, d.daisy_chain);
  ASSERT_EQ(s.bank.packs_setup.size(), 1u);
  const BankPackSetup& p = s.bank.packs_setup[0];
  EXPECT_EQ(p.index, 2);
  EXPECT_FALSE(p.initial_soc);
  EXPECT_FALSE(p.soh_pct);
  EXPECT_FALSE(p.capacity_Ah);
  EXPECT_FALSE(p.cable_mOhm);
  EXPECT_FALSE(p.temperature_C);
  EXPECT_FALSE(p.address);
  EXPECT_FALSE(p.joins_at_s);
  EXPECT_EQ(p.where, "bank.toml:3");
}

TEST(TWIN_scenario_bank, spreads_take_their_bounds) {
  const Scenario low = parse_scenario("[bank]\nsoc_spread_pct = 0\nsoh_spread_pct = 0\n", kFile);
  EXPECT_EQ(low.bank.soc_spread_pct, 0.0);
  EXPECT_EQ(low.bank.soh_spread_pct, 0.0);
  const Scenario high =
      parse_scenario("[bank]\nsoc_spread_pct = 30\nsoh_spread_pct = 20.0\n", kFile);
  EXPECT_EQ(high.bank.soc_spread_pct, 30.0);
  EXPECT_EQ(high.bank.soh_spread_pct, 20.0);
  EXPECT_TRUE(
      refused("[bank]\nsoc_spread_pct = 31\n", "2: bank.soc_spread_pct", "must be 0...30, not 31"));
  EXPECT_TRUE(refused("[bank]\nsoc_spread_pct = -1\n", "2: bank.soc_spread_pct", "0...30"));
  EXPECT_TRUE(
      refused("[bank]\nsoh_spread_pct = 21\n", "2: bank.soh_spread_pct", "must be 0...20, not 21"));
  EXPECT_TRUE(
      refused("[bank]\nsoh_spread_pct = \"5\"\n", "2: bank.soh_spread_pct", "must be a number"));
}

TEST(TWIN_scenario_bank, pack_keys_take_their_bounds) {
  const std::string head = "[bank]\npacks = 2\n[[bank.pack]]\nindex = 2\n";  // key on line 5
  const Scenario low = parse_scenario(head +
                                          "initial_soc = 0\nsoh_pct = 50\ncapacity_Ah = 0.5\n"
                                          "temperature_C = -40\n",
                                      kFile);
  EXPECT_EQ(low.bank.packs_setup[0].initial_soc, 0.0);
  EXPECT_EQ(low.bank.packs_setup[0].soh_pct, 50.0);
  EXPECT_EQ(low.bank.packs_setup[0].capacity_Ah, 0.5);
  EXPECT_EQ(low.bank.packs_setup[0].temperature_C, -40.0);
  const Scenario high = parse_scenario(head +
                                           "initial_soc = 1\nsoh_pct = 100\ncapacity_Ah = 2000\n"
                                           "temperature_C = 60\n",
                                       kFile);
  EXPECT_EQ(high.bank.packs_setup[0].initial_soc, 1.0);
  EXPECT_EQ(high.bank.packs_setup[0].soh_pct, 100.0);
  EXPECT_EQ(high.bank.packs_setup[0].capacity_Ah, 2000.0);
  EXPECT_EQ(high.bank.packs_setup[0].temperature_C, 60.0);

  EXPECT_TRUE(refused(head + "initial_soc = 1.5\n", "5: bank.pack[1].initial_soc",
                      "must be 0...1, not 1.5"));
  EXPECT_TRUE(refused(head + "soh_pct = 45\n", "5: bank.pack[1].soh_pct", "50...100"));
  EXPECT_TRUE(refused(head + "soh_pct = 0.8\n", "5: bank.pack[1].soh_pct", "50...100"));
  EXPECT_TRUE(
      refused(head + "capacity_Ah = 0\n", "5: bank.pack[1].capacity_Ah", "> 0 and <= 2000"));
  EXPECT_TRUE(
      refused(head + "capacity_Ah = 2001\n", "5: bank.pack[1].capacity_Ah", "> 0 and <= 2000"));
  EXPECT_TRUE(refused(head + "temperature_C = -41\n", "5: bank.pack[1].temperature_C", "-40...60"));
  EXPECT_TRUE(refused(head + "temperature_C = 61\n", "5: bank.pack[1].temperature_C", "-40...60"));
  EXPECT_TRUE(
      refused(head + "initial_soc = \"0.2\"\n", "5: bank.pack[1].initial_soc", "must be a number"));
}

TEST(TWIN_scenario_bank, unknown_keys_are_refused_with_a_suggestion) {
  EXPECT_TRUE(refused("[bank]\npacks = 2\npack_count = 2\n", "3: bank.pack_count", "unknown key"));
  EXPECT_TRUE(refused("[bank]\nsoc_spread = 5\n", "2: bank.soc_spread",
                      "unknown key (did you mean soc_spread_pct?)"));
  EXPECT_TRUE(refused("[bank]\ncable_mohm = 1\n", "2: bank.cable_mohm",
                      "unknown key (did you mean cable_mOhm?)"));
  EXPECT_TRUE(
      refused("[bank]\npacks = 2\n[[bank.pack]]\nindex = 1\n[[bank.pack]]\nindex = 2\n"
              "inital_soc = 0.5\n",
              "7: bank.pack[2].inital_soc", "unknown key (did you mean initial_soc?)"));
  EXPECT_TRUE(refused("[bank]\npacks = 2\n[[bank.pack]]\nindex = 1\nsoh = 80\n",
                      "5: bank.pack[1].soh", "unknown key (did you mean soh_pct?)"));
  EXPECT_TRUE(refused("[bank]\n[[bank.pack]]\nindex = 1\njoins = \"1h\"\n", "4: bank.pack[1].joins",
                      "unknown key (did you mean joins_at?)"));
  // `[banks]` at the top level: the root's own unknown key.
  EXPECT_TRUE(refused("[banks]\npacks = 2\n", "1: banks", "unknown key (did you mean bank?)"));
}

TEST(TWIN_scenario_bank, bank_and_its_packs_must_be_tables) {
  EXPECT_TRUE(refused("bank = 4\n", "1: bank", "must be a table"));
  EXPECT_TRUE(refused("[bank]\npack = 4\n", "2: bank.pack", "must be an array of tables"));
  EXPECT_TRUE(refused("[bank]\n[bank.pack]\nindex = 1\n", "2: bank.pack",
                      "must be an array of tables: [[bank.pack]]"));
  EXPECT_TRUE(refused("[bank]\npack = [1, 2]\n", "2: bank.pack[1]", "must be a table"));
}

TEST(TWIN_scenario_bank, index_is_required) {
  EXPECT_TRUE(refused("days = 2\n[bank]\npacks = 4\n\n[[bank.pack]]\ninitial_soc = 0.5\n",
                      "5: bank.pack[1].index", "missing: which pack, 1...4 (bank.packs = 4)"));
  EXPECT_TRUE(refused("[[bank.pack]]\nsoh_pct = 90\n", "1: bank.pack[1].index",
                      "missing: which pack, 1 (bank.packs = 1)"));
}

TEST(TWIN_scenario_bank, index_is_within_the_bank) {
  EXPECT_TRUE(refused("[bank]\npacks = 4\n[[bank.pack]]\nindex = 5\n", "4: bank.pack[1].index",
                      "must be 1...4 (bank.packs = 4), not 5"));
  EXPECT_TRUE(refused("[bank]\npacks = 4\n[[bank.pack]]\nindex = 0\n", "4: bank.pack[1].index",
                      "must be 1...4 (bank.packs = 4), not 0"));
  EXPECT_TRUE(
      refused("[bank]\npacks = 4\n[[bank.pack]]\nindex = -2\n", "4: bank.pack[1].index", "not -2"));
  // Without packs, the bank is one pack.
  EXPECT_TRUE(refused("[bank]\n[[bank.pack]]\nindex = 2\n", "3: bank.pack[1].index",
                      "must be 1 (bank.packs = 1), not 2"));
  EXPECT_TRUE(refused("[bank]\npacks = 4\n[[bank.pack]]\nindex = 2.0\n", "4: bank.pack[1].index",
                      "must be an integer"));
  EXPECT_TRUE(refused("[bank]\npacks = 4\n[[bank.pack]]\nindex = \"2\"\n", "4: bank.pack[1].index",
                      "must be an integer"));
  // [bank] written after its packs: packs still counts.
  EXPECT_TRUE(refused("[[bank.pack]]\nindex = 3\n[bank]\npacks = 2\n", "2: bank.pack[1].index",
                      "must be 1...2 (bank.packs = 2), not 3"));
  const Scenario ok = parse_scenario("[[bank.pack]]\nindex = 3\n[bank]\npacks = 3\n", kFile);
  ASSERT_EQ(ok.bank.packs_setup.size(), 1u);
  EXPECT_EQ(ok.bank.packs_setup[0].index, 3);
}

TEST(TWIN_scenario_bank, each_index_at_most_once) {
  EXPECT_TRUE(
      refused("[bank]\npacks = 4\n\n[[bank.pack]]\nindex = 2\n\n[[bank.pack]]\nindex = 3\n"
              "\n[[bank.pack]]\nsoh_pct = 90\nindex = 2\n",
              "12: bank.pack[3].index", "pack 2 already has its [[bank.pack]] at line 4"));
  // Every index once, in any order.
  const Scenario s = parse_scenario(
      "[bank]\npacks = 3\n[[bank.pack]]\nindex = 3\n[[bank.pack]]\nindex = 1\n"
      "[[bank.pack]]\nindex = 2\n",
      kFile);
  ASSERT_EQ(s.bank.packs_setup.size(), 3u);
  EXPECT_EQ(s.bank.packs_setup[0].index, 3);
  EXPECT_EQ(s.bank.packs_setup[1].index, 1);
  EXPECT_EQ(s.bank.packs_setup[2].index, 2);
}

TEST(TWIN_scenario_bank, joins_at_is_a_time_inside_the_run) {
  const std::string head = "days = 3\n[bank]\npacks = 2\n[[bank.pack]]\nindex = 2\n";  // line 6
  EXPECT_EQ(parse_scenario(head + "joins_at = \"90m\"\n", kFile).bank.packs_setup[0].joins_at_s,
            5400.0);
  EXPECT_EQ(parse_scenario(head + "joins_at = 600\n", kFile).bank.packs_setup[0].joins_at_s, 600.0);
  EXPECT_EQ(
      parse_scenario(head + "joins_at = \"2d 23:59\"\n", kFile).bank.packs_setup[0].joins_at_s,
      2 * 86400.0 + 23 * 3600.0 + 59 * 60.0);
  EXPECT_TRUE(refused(head + "joins_at = \"3d\"\n", "6: bank.pack[1].joins_at",
                      "3d 00:00 is not before the end of the run, 3d 00:00"));
  EXPECT_TRUE(refused(head + "joins_at = \"5d 10:00\"\n", "6: bank.pack[1].joins_at",
                      "is not before the end of the run"));
  EXPECT_TRUE(
      refused(head + "joins_at = \"2 days\"\n", "6: bank.pack[1].joins_at", "bad time \"2 days\""));
  EXPECT_TRUE(refused(head + "joins_at = -1\n", "6: bank.pack[1].joins_at", ">= 0"));
  EXPECT_TRUE(refused(head + "joins_at = true\n", "6: bank.pack[1].joins_at", "must be a time"));
}

// toml++ gives each table of a [[bank.pack]] array the line of its own header, whether [bank]
// stands before, after or not at all, with comments, indentation and other tables in between.
TEST(TWIN_scenario_bank, nested_tables_report_their_own_lines) {
  const Scenario s = parse_scenario(R"toml(days = 2
description = """
two
lines"""

[[bank.pack]]   # before [bank]
index = 1

  [[bank.pack]]
  # a comment

  index = 2

[[fault]]
at = 0
kind = "link_down"

[[bank.pack]]
index = 4

[bank]
packs = 4
)toml",
                                    kFile);
  ASSERT_EQ(s.bank.packs_setup.size(), 3u);
  EXPECT_EQ(s.bank.packs_setup[0].where, "bank.toml:6");
  EXPECT_EQ(s.bank.packs_setup[1].where, "bank.toml:9");
  EXPECT_EQ(s.bank.packs_setup[2].where, "bank.toml:18");
  EXPECT_EQ(s.bank.packs, 4);

  // Without a [bank] header at all.
  const Scenario bare = parse_scenario("days = 1\n\n[[bank.pack]]\nindex = 1\n", kFile);
  ASSERT_EQ(bare.bank.packs_setup.size(), 1u);
  EXPECT_EQ(bare.bank.packs_setup[0].where, "bank.toml:3");
  EXPECT_TRUE(refused("days = 1\n\n[[bank.pack]]\nindex = 1\n\n[[bank.pack]]\n\nindex = 2\n",
                      "8: bank.pack[2].index", "not 2"));
  EXPECT_TRUE(refused("days = 1\n\n[[bank.pack]]\nindex = 1\n\n[[bank.pack]]\n\ncable_mOhm = 1\n",
                      "6: bank.pack[2].index", "missing"));

  // Inline tables: all on the line of the array.
  const Scenario inline_packs =
      parse_scenario("[bank]\npacks = 2\npack = [{ index = 1 }, { index = 2 }]\n", kFile);
  ASSERT_EQ(inline_packs.bank.packs_setup.size(), 2u);
  EXPECT_EQ(inline_packs.bank.packs_setup[1].where, "bank.toml:3");
}

// The example in docs/scenarios.md: the first ```toml block after "## [bank]".
TEST(TWIN_scenario_bank, the_docs_example_parses) {
  const Scenario s = parse_scenario(docs_toml_after("## [bank]"), "docs-bank.toml");
  EXPECT_EQ(s.bank.packs, 4);
  ASSERT_EQ(s.bank.packs_setup.size(), 1u);
  EXPECT_EQ(s.bank.packs_setup[0].index, 3);
  ASSERT_EQ(s.faults.size(), 1u);
  EXPECT_EQ(s.faults[0].kind, FaultKind::BusCableCut);
  EXPECT_EQ(s.faults[0].pack, 2);
}

TEST(TWIN_scenario_bank, a_file_with_one_mistake_in_the_bank_gives_nothing) {
  EXPECT_THROW(parse_scenario("days = 2\n[pack]\ninitial_soc = 0.2\n[bank]\npacks = 2\n"
                              "[[bank.pack]]\nindex = 2\nsoh_pct = 40\n",
                              kFile),
               ScenarioError);
}

}  // namespace
}  // namespace lfpbms::sim
