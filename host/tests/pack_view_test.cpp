// HT-6: the status list and the system view as the phone app shows them.
#include <gtest/gtest.h>

#include <algorithm>

#include "host/view/pack_view.hpp"

namespace lfpbms::host {
namespace {

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(HT_6_pack_view, protection_bits_read_as_the_manuals_status_list) {
  protocol::AnalogBlock a;
  a.full_capacity_mAh = 100000;
  a.remaining_mAh = 0;
  protocol::AlarmBlock f;
  f.protect1 = 0x41;  // cell OV, short circuit
  f.protect2 = 0x84;  // charge low T, fully charged
  f.balancing = 0x0005;
  const PackFlags p = pack_flags(a, f);
  EXPECT_TRUE(has(p.protections, "CELL OVP"));
  EXPECT_TRUE(has(p.protections, "SHORT CIRCUIT"));
  EXPECT_TRUE(has(p.protections, "CHG UTP"));
  EXPECT_TRUE(has(p.protections, "FULL CHARGE"));
  EXPECT_TRUE(has(p.protections, "FULL DISCHARGE"));
  EXPECT_EQ(p.balancing_cells, (std::vector<int>{1, 3}));
  EXPECT_STREQ(pack_state(a, f), "protection");
}

TEST(HT_6_pack_view, system_soc_is_weighted_by_capacity) {
  protocol::AnalogBlock big, small;
  big.full_capacity_mAh = 200000;
  big.remaining_mAh = 200000;
  big.current_mA = 3000;
  big.cell_count = 1;
  big.cell_voltage_mV[0] = 3400;
  small.full_capacity_mAh = 100000;
  small.remaining_mAh = 0;
  small.current_mA = -1000;
  small.cell_count = 1;
  small.cell_voltage_mV[0] = 3000;
  const SystemView s = system_view({big, small});
  EXPECT_EQ(s.soc_pptt, 6666);
  EXPECT_EQ(s.current_mA, 2000);
  EXPECT_EQ(s.max_cell_mV, 3400);
  EXPECT_EQ(s.min_cell_mV, 3000);
}

protocol::AnalogBlock pack_at(std::uint16_t mV, std::int32_t remaining_mAh) {
  protocol::AnalogBlock a;
  a.pack_voltage_mV = mV;
  a.full_capacity_mAh = 100000;
  a.remaining_mAh = remaining_mAh;
  return a;
}

TEST(PA_6_parallel_warnings, packs_more_than_1_V_or_10_percent_apart_are_named) {
  EXPECT_TRUE(parallel_warnings({pack_at(53000, 60000), pack_at(52500, 55000)}, {1, 2}).empty());
  const auto volts = parallel_warnings({pack_at(53200, 60000), pack_at(52100, 55000)}, {1, 2});
  ASSERT_EQ(volts.size(), 1u);
  EXPECT_NE(volts[0].find("packs 1 and 2 differ by 1.10 V"), std::string::npos) << volts[0];
  const auto soc = parallel_warnings(
      {pack_at(53000, 60000), pack_at(53000, 80000), pack_at(53000, 45000)}, {1, 2, 3});
  ASSERT_EQ(soc.size(), 1u);
  EXPECT_NE(soc[0].find("packs 2 and 3 differ by 35.0 % SOC"), std::string::npos) << soc[0];
  EXPECT_TRUE(parallel_warnings({pack_at(50000, 0)}, {1}).empty()) << "one pack: nothing to match";
}

TEST(HT_6_pack_view, temperatures_are_named_in_the_analog_order) {
  EXPECT_EQ(temperature_name(0, 6), "cell NTC 1");
  EXPECT_EQ(temperature_name(3, 6), "cell NTC 4");
  EXPECT_EQ(temperature_name(4, 6), "MOSFET");
  EXPECT_EQ(temperature_name(5, 6), "ambient");
}

}  // namespace
}  // namespace lfpbms::host
