// PK-8: the profile loader refuses every kind of bad file with "file:line: key: message" and
// gives back nothing then; every profile in profiles/ loads and passes the firmware's check.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "sim/profile/tests/profile_files.hpp"

namespace lfpbms::sim::test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(PK_8_loader, valid_file_loads_with_spec_defaults) {
  ScratchDir dir;
  const ProductProfile p = load_profile_file(dir.write("T", kValid));
  EXPECT_EQ(p.name, "T");
  EXPECT_EQ(p.config.series_count, 16);
  EXPECT_EQ(p.config.soc_led_count, 4);
  EXPECT_EQ(p.config.indication, IndicationStyle::Standard);
  EXPECT_TRUE(p.has_contacts);
  EXPECT_EQ(p.parallel_max, 15);
  EXPECT_DOUBLE_EQ(p.capacity_Ah, 100);
  EXPECT_TRUE(p.params.empty());  // 100 Ah is the SPEC default design capacity
  EXPECT_EQ(p.config.button.wake_min_ms, ButtonTimings{}.wake_min_ms);
}

TEST(PK_8_loader, syntax_error_names_its_line) {
  EXPECT_THAT(load_error(kValid + "charge_voltage_mV = = 1\n"),
              StartsWith("T.toml:23: (syntax): "));
}

TEST(PK_8_loader, unknown_keys_are_refused_at_their_line) {
  EXPECT_THAT(load_error(edited(kValid, "ntc_count = 4\n", "ntc_count = 4\ncolour = \"red\"\n")),
              StartsWith("T.toml:9: pack.colour: unknown key (known here: "));
  EXPECT_THAT(load_error("vendor = \"x\"\n" + kValid), StartsWith("T.toml:1: vendor: unknown key"));
  EXPECT_THAT(load_error(kValid + "[extra]\nx = 1\n"), StartsWith("T.toml:23: extra: unknown key"));
}

TEST(PK_8_loader, wrong_types_are_refused) {
  EXPECT_EQ(load_error(edited(kValid, "series = 16", "series = \"16\"")),
            "T.toml:6: pack.series: expected an integer, got a string");
  EXPECT_EQ(load_error(edited(kValid, "heater = false", "heater = 0")),
            "T.toml:16: features.heater: expected a boolean (true/false), got an integer");
  EXPECT_EQ(load_error(edited(kValid, "[pack]\n", "pack = 1\n[x]\n")),
            "T.toml:5: pack: expected a table, got an integer");
  EXPECT_EQ(load_error(kValid + "charge_voltage_mV = 56.5\n"),
            "T.toml:23: params.charge_voltage_mV: expected an integer (mV, pack total at 16S), "
            "got a float");
}

TEST(PK_8_loader, missing_required_keys_point_at_their_table) {
  EXPECT_EQ(load_error(edited(kValid, "ntc_count = 4\n", "")),
            "T.toml:5: pack.ntc_count: missing (required)");
  EXPECT_EQ(load_error(edited(kValid, "name = \"T\"\n", "")), "T.toml:1: name: missing (required)");
  EXPECT_EQ(load_error(edited(kValid, "[parallel]\nmax_packs = 15\n", "")),
            "T.toml:1: parallel: missing (required)");
}

TEST(PK_8_loader, out_of_range_values_are_refused) {
  EXPECT_EQ(load_error(edited(kValid, "series = 16", "series = 17")),
            "T.toml:6: pack.series: 17 is out of range 4...16");
  EXPECT_EQ(load_error(edited(kValid, "capacity_Ah = 100", "capacity_Ah = 450")),
            "T.toml:7: pack.capacity_Ah: 450 is out of range 50...400");
  EXPECT_EQ(load_error(edited(kValid, "soc_leds = 4", "soc_leds = 5")),
            "T.toml:11: indication.soc_leds: must be 4 or 6");
  EXPECT_EQ(load_error(kValid + "charge_voltage_mV = 70000\n"),
            "T.toml:23: params.charge_voltage_mV: 70000 is out of range 40000...58400 "
            "(mV, pack total at 16S)");
  EXPECT_EQ(load_error(kValid + "chg_ot_protect_dC = 950\n"),
            "T.toml:23: params.chg_ot_protect_dC: 950 is out of range -400...900 (0.1°C)");
}

TEST(PK_8_loader, unknown_choices_and_parameters_are_refused) {
  EXPECT_EQ(load_error(edited(kValid, "\"standard\"", "\"fancy\"")),
            "T.toml:12: indication.style: \"fancy\" is not one of \"standard\", \"vtac000\", "
            "\"voltium003\", \"voltgo002\"");
  EXPECT_EQ(load_error(kValid + "charge_voltage = 58400\n"),
            "T.toml:23: params.charge_voltage: unknown parameter; did you mean charge_voltage_mV?");
  EXPECT_EQ(load_error(kValid + "design_capacity_mAh = 200000\n"),
            "T.toml:23: params.design_capacity_mAh: set by pack.capacity_Ah");
}

// The firmware's batch check: the refused parameter, its line, and what it collides with.
TEST(PK_8_loader, ordering_conflicts_name_both_parameters) {
  EXPECT_EQ(load_error(kValid + "cell_ov_alarm_mV = 3750\n"),
            "T.toml:23: params.cell_ov_alarm_mV: breaks an ordering: cell_ov_alarm_mV (3750) "
            "must be at most cell_ov_protect_mV (3700)");
  // CH-1: [000]'s 58.4 V without raising the OV alarm.
  EXPECT_EQ(load_error(kValid + "float_voltage_mV = 54000\ncharge_voltage_mV = 58400\n"),
            "T.toml:24: params.charge_voltage_mV: breaks an ordering: charge_voltage_mV (58400) "
            "must be at most pack_ov_alarm_mV (57600)");
  // A pair only valid together is accepted as one batch.
  EXPECT_EQ(load_error(kValid + "cell_ov_alarm_mV = 3650\ncell_ov_protect_mV = 3650\n"), "");
}

TEST(PK_8_loader, product_consistency_is_checked) {
  EXPECT_EQ(load_error(edited(kValid, "name = \"T\"", "name = \"U\"")),
            "T.toml:1: name: \"U\" differs from the file name \"T\"");
  EXPECT_EQ(load_error(edited(kValid, "fault_code_leds = false", "fault_code_leds = true")),
            "T.toml:13: indication.fault_code_leds: fault codes need style \"vtac000\" and 6 "
            "SOC LEDs");
  EXPECT_EQ(load_error(edited(kValid, "capacity_Ah = 100",
                              "capacity_Ah = 150\ncapacities_Ah = [100, 200]")),
            "T.toml:7: pack.capacity_Ah: is not one of capacities_Ah");
  EXPECT_EQ(load_error(kValid + "[button]\nsoc_max_ms = 7000\n"),
            "T.toml:23: button.sleep_max_ms: the SOC press (soc_max_ms) must end before the "
            "sleep press");
}

TEST(PK_8_loader, failed_load_leaves_no_partial_result) {
  ScratchDir dir;
  ProductProfile p;
  p.name = "before";
  const auto bad = dir.write("T", kValid + "cell_ov_alarm_mV = 3750\n");
  EXPECT_THROW(p = load_profile_file(bad), ProfileError);
  EXPECT_EQ(p.name, "before");
  EXPECT_TRUE(p.params.empty());
  EXPECT_THROW(load_profile_file(dir.path() / "absent.toml"), ProfileError);
}

TEST(PK_8_loader, flag_parameters_take_booleans) {
  ScratchDir dir;
  const ProductProfile p = load_profile_file(dir.write("T", kValid + "buzzer_enable = true\n"));
  ASSERT_EQ(p.params.size(), 1u);
  EXPECT_EQ(p.params[0].id, ParamId::buzzer_enable);
  EXPECT_EQ(p.params[0].value, 1);
}

TEST(PK_8_loader, capacity_variants_default_to_the_first) {
  ScratchDir dir;
  const auto file =
      dir.write("T", edited(kValid, "capacity_Ah = 100", "capacities_Ah = [200, 100, 400]"));
  const ProductProfile p = load_profile_file(file);
  EXPECT_DOUBLE_EQ(p.capacity_Ah, 200);
  ParamSet set(p.config.series_count);
  ASSERT_TRUE(apply_params(p, set).ok());
  EXPECT_EQ(set.get(ParamId::design_capacity_mAh), 200000);

  const ProductProfile big = with_capacity(p, 400);
  ParamSet big_set(big.config.series_count);
  ASSERT_TRUE(apply_params(big, big_set).ok());
  EXPECT_EQ(big_set.get(ParamId::design_capacity_mAh), 400000);
  EXPECT_TRUE(with_capacity(p, 100).params.empty());  // the SPEC default needs no write
  EXPECT_THROW(with_capacity(p, 300), ProfileError);
}

TEST(PK_8_loader, profiles_dir_follows_the_environment) {
  ScratchDir dir;
  dir.write("T", kValid);
  dir.write("B", edited(kValid, "name = \"T\"", "name = \"B\""));
  ::setenv("LFPBMS_PROFILES", dir.path().c_str(), 1);
  EXPECT_EQ(profiles_dir(), dir.path());
  EXPECT_EQ(profile_names(), (std::vector<std::string>{"B", "T"}));
  EXPECT_EQ(load_profile("B").name, "B");
  EXPECT_THROW(load_profile("../T"), ProfileError);
  EXPECT_THROW(load_profile("absent"), ProfileError);
  ::unsetenv("LFPBMS_PROFILES");
  EXPECT_EQ(profiles_dir(), std::filesystem::path(LFPBMS_SOURCE_DIR) / "profiles");
}

TEST(PK_8_loader, every_profile_in_the_folder_loads) {
  const auto names = profile_names();
  EXPECT_EQ(names, (std::vector<std::string>{"BALI48", "VE-ESS-R5120", "VLRV-12", "VLRV-24",
                                             "VLRV-48", "VT-12040", "VT-12040-1"}));
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const ProductProfile p = load_profile(name);
    EXPECT_EQ(p.name, name);
    ParamSet set(p.config.series_count);
    EXPECT_TRUE(apply_params(p, set).ok());
    for (double capacity : p.capacities_Ah) {
      ParamSet variant(p.config.series_count);
      EXPECT_TRUE(apply_params(with_capacity(p, capacity), variant).ok());
    }
  }
}

}  // namespace
}  // namespace lfpbms::sim::test
