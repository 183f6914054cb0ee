// HT-4: parameter files are checked whole before anything is written.
#include <gtest/gtest.h>

#include "host/params/param_file.hpp"

namespace lfpbms::host {
namespace {

// What a pack answers to F2: every parameter at its 16S default with the table's range.
std::vector<ParamEntry> pack_params() {
  std::vector<ParamEntry> out;
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const auto id = static_cast<ParamId>(i);
    out.push_back({id, param_default(id, 16), param_min(id, 16), param_max(id, 16)});
  }
  return out;
}

bool mentions(const ParamFileCheck& c, const std::string& text) {
  for (const std::string& p : c.problems) {
    if (p.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(HT_4_param_file, export_then_import_changes_nothing) {
  const auto pack = pack_params();
  const std::string text = param_file_text(pack, {"address 1", "2026-11-25T14:30:05Z", "FW0.7.0"});
  EXPECT_NE(text.find("[params]"), std::string::npos);
  EXPECT_NE(text.find("# firmware: FW0.7.0"), std::string::npos);
  const ParamFileCheck c = check_param_file(text, "p.toml", pack);
  EXPECT_TRUE(c.ok());
  EXPECT_TRUE(c.changes.empty());
}

TEST(HT_4_param_file, only_values_that_differ_are_written) {
  const ParamFileCheck c = check_param_file(
      "[params]\ncell_ov_alarm_mV = 3550\ncell_ov_delay_ms = 1000\n", "p.toml", pack_params());
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c.changes.size(), 1u);
  EXPECT_EQ(c.changes[0].id, ParamId::cell_ov_alarm_mV);
  EXPECT_EQ(c.changes[0].value, 3550);
}

TEST(HT_4_param_file, any_problem_means_nothing_is_written) {
  const ParamFileCheck c = check_param_file(
      "[params]\ncell_ov_alarm_mV = 3550\nno_such_mV = 1\ncell_ov_delay_ms = 1.5\n"
      "cell_ov_protect_mV = 9000\ncell_uv_alarm_mV = \"low\"\n",
      "p.toml", pack_params());
  EXPECT_FALSE(c.ok());
  EXPECT_TRUE(c.changes.empty());
  EXPECT_TRUE(mentions(c, "line 3: no_such_mV is not a parameter"));
  EXPECT_TRUE(mentions(c, "line 4: cell_ov_delay_ms is not an integer"));
  EXPECT_TRUE(mentions(c, "cell_ov_protect_mV = 9000 is outside 1000...4500 mV"));
  EXPECT_TRUE(mentions(c, "cell_uv_alarm_mV is not an integer"));
  EXPECT_EQ(c.problems.front().rfind("line 3", 0), 0u);  // in the file's order
}

TEST(HT_4_param_file, the_packs_own_range_is_the_limit) {
  auto pack = pack_params();
  pack[index(ParamId::cell_ov_alarm_mV)].max = 3650;  // a pack that allows less than the table
  const ParamFileCheck c = check_param_file("[params]\ncell_ov_alarm_mV = 3660\n", "p.toml", pack);
  EXPECT_TRUE(mentions(c, "outside 1000...3650"));
}

TEST(HT_4_param_file, orderings_between_levels_are_checked) {
  const ParamFileCheck c =
      check_param_file("[params]\ncell_ov_alarm_mV = 3800\n", "p.toml", pack_params());
  EXPECT_TRUE(mentions(c, "cell_ov_alarm_mV = 3800 must be"));
}

TEST(HT_4_param_file, syntax_errors_and_a_missing_table_are_reported) {
  EXPECT_TRUE(mentions(check_param_file("[params\n", "p.toml", pack_params()), "line 1"));
  EXPECT_TRUE(mentions(check_param_file("x = 1\n", "p.toml", pack_params()), "no [params] table"));
}

TEST(HT_4_param_file, command_line_assignments) {
  const ParamWrite w = parse_assignment("cell_ov_alarm_mV=3550");
  EXPECT_EQ(w.id, ParamId::cell_ov_alarm_mV);
  EXPECT_EQ(w.value, 3550);
  EXPECT_EQ(parse_assignment(" chg_ot_alarm_dC = -50 ").value, -50);
  EXPECT_THROW(parse_assignment("cell_ov_alarm_mV"), std::invalid_argument);
  EXPECT_THROW(parse_assignment("cell_ov_alarm_mV=3.5"), std::invalid_argument);
  EXPECT_THROW(parse_assignment("nothing_mV=3"), std::invalid_argument);
}

}  // namespace
}  // namespace lfpbms::host
