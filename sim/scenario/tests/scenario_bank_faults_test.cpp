// [[fault]] pack: which pack of a bank a fault acts in, checked against the bank wherever
// [bank] stands in the file, and the two faults only a bank has (SPEC §6).
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/tests/scenario_bank_refusal.hpp"

namespace lfpbms::sim {
namespace {

using scenario_test::kFile;
using scenario_test::refused;

TEST(TWIN_scenario_bank, fault_pack_reads_and_defaults_to_1) {
  const Scenario s = parse_scenario(R"toml(
[bank]
packs = 3
[[fault]]
at = 0
kind = "link_down"
[[fault]]
at = "1h"
kind = "cell_leak"
target = 2
value = 0.1
pack = 3
)toml",
                                    kFile);
  ASSERT_EQ(s.faults.size(), 2u);
  EXPECT_EQ(s.faults[0].pack, 1);
  EXPECT_EQ(s.faults[1].pack, 3);
  EXPECT_EQ(s.faults[1].target, 2);
}

TEST(TWIN_scenario_bank, fault_pack_is_1_to_32) {
  const std::string fault = "[[fault]]\nat = 0\nkind = \"link_down\"\n";  // pack on line 4
  EXPECT_TRUE(refused(fault + "pack = 0\n", "4: fault[1].pack", "must be 1...32, not 0"));
  EXPECT_TRUE(refused(fault + "pack = 33\n", "4: fault[1].pack", "must be 1...32, not 33"));
  EXPECT_TRUE(refused(fault + "pack = 1.0\n", "4: fault[1].pack", "must be an integer"));
  EXPECT_EQ(parse_scenario("[bank]\npacks = 32\n" + fault + "pack = 32\n", kFile).faults[0].pack,
            32);
}

TEST(TWIN_scenario_bank, fault_pack_within_the_bank_wherever_the_bank_stands) {
  // [bank] before the faults.
  EXPECT_TRUE(
      refused("[bank]\npacks = 2\n"
              "[[fault]]\nat = 0\nkind = \"link_down\"\npack = 2\n"
              "[[fault]]\nat = 0\nkind = \"dc_disconnect\"\npack = 3\n",
              "10: fault[2].pack", "must be 1...2 (bank.packs = 2), not 3"));
  // [bank] after the faults: the same.
  EXPECT_TRUE(
      refused("[[fault]]\nat = 0\nkind = \"link_down\"\npack = 2\n"
              "[[fault]]\nat = 0\nkind = \"dc_disconnect\"\npack = 3\n"
              "[bank]\npacks = 2\n",
              "8: fault[2].pack", "must be 1...2 (bank.packs = 2), not 3"));
  EXPECT_NO_THROW(
      parse_scenario("[[fault]]\nat = 0\nkind = \"dc_disconnect\"\npack = 3\n"
                     "[bank]\npacks = 3\n",
                     kFile));
  // No [bank]: one pack.
  EXPECT_TRUE(refused("[[fault]]\nat = 0\nkind = \"bus_cable_cut\"\npack = 2\n", "4: fault[1].pack",
                      "must be 1 (bank.packs = 1), not 2"));
  // A repeated fault is still the N-th [[fault]] of the file.
  EXPECT_TRUE(
      refused("days = 1\n[[fault]]\nat = 0\nkind = \"link_down\"\n"
              "[[fault]]\nat = 0\nkind = \"link_down\"\nduration = 5\nrepeat = 3\n"
              "every = \"1h\"\npack = 5\n[bank]\npacks = 4\n",
              "11: fault[2].pack", "not 5"));
}

TEST(TWIN_scenario_bank, repeats_keep_their_pack) {
  const Scenario s = parse_scenario(
      "[bank]\npacks = 2\n[[fault]]\nat = 0\nkind = \"dc_disconnect\"\nduration = 60\n"
      "repeat = 3\nevery = \"1h\"\npack = 2\n",
      kFile);
  ASSERT_EQ(s.faults.size(), 3u);
  for (const auto& f : s.faults) EXPECT_EQ(f.pack, 2);
  EXPECT_EQ(s.faults[2].at_s, 7200.0);
}

TEST(TWIN_scenario_bank, bus_cable_cut_and_dc_disconnect_parse) {
  const Scenario s = parse_scenario(R"toml(days = 2
[bank]
packs = 3
[[fault]]
at = "1d"
duration = "2h"
kind = "bus_cable_cut"
pack = 2
[[fault]]
at = "12:00"
kind = "dc_disconnect"
pack = 3
[[expect]]
event = "fault:bus_cable_cut"
[[expect]]
event = "fault:dc_disconnect"
)toml",
                                    kFile);
  ASSERT_EQ(s.faults.size(), 2u);
  EXPECT_EQ(s.faults[0].kind, FaultKind::BusCableCut);
  EXPECT_EQ(s.faults[0].at_s, 86400.0);
  EXPECT_EQ(s.faults[0].duration_s, 7200.0);
  EXPECT_EQ(s.faults[0].pack, 2);
  EXPECT_EQ(s.faults[1].kind, FaultKind::DcDisconnect);
  EXPECT_EQ(s.faults[1].at_s, 43200.0);
  EXPECT_EQ(s.faults[1].duration_s, 0.0) << "to the end of the run";
  EXPECT_EQ(s.faults[1].pack, 3);
  EXPECT_STREQ(fault_kind_name(FaultKind::BusCableCut), "bus_cable_cut");
  EXPECT_STREQ(fault_kind_name(FaultKind::DcDisconnect), "dc_disconnect");
}

TEST(TWIN_scenario_bank, bus_cable_cut_and_dc_disconnect_take_no_target_or_value) {
  for (const std::string kind : {"bus_cable_cut", "dc_disconnect"}) {
    const std::string fault = "[[fault]]\nat = 0\nkind = \"" + kind + "\"\n";  // line 4 next
    EXPECT_TRUE(refused(fault + "target = 1\n", "4: fault[1].target", kind + " takes no target"));
    EXPECT_TRUE(refused(fault + "value = 1\n", "4: fault[1].value", kind + " takes no value"));
    EXPECT_TRUE(refused("days = 1\n" + fault + "duration = \"25h\"\n", "5: fault[1].duration",
                        "after the run"));
  }
  EXPECT_TRUE(refused("[[fault]]\nat = 0\nkind = \"bus_cut\"\n", "3: fault[1].kind",
                      "bus_cable_cut, dc_disconnect"));
}

}  // namespace
}  // namespace lfpbms::sim
