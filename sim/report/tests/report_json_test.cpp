// The data inlined in the page: it must parse back to what was written, within the stated
// precision, whatever the strings hold.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "sim/report/report_json.hpp"
#include "sim/report/tests/page_parts.hpp"

namespace lfpbms::sim {
namespace {

using report_test::count;
using report_test::embedded_json;
using report_test::render;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

ReportData small_report() {
  ReportData d;
  d.title = "Balancing, 3 days";
  d.subtitle = "profile home-storage-16s, seed 42";
  d.summary = {{"cells", "16"}, {"min cell", "2.951 V"}};
  d.t_s = {0, 60, 120.5, 86400 * 9 + 0.25};
  d.panels = {{"Cell voltage", "V", {{"cell max", {3.287149, 3.3, 3.65, 3.4}, false}}},
              {"FETs", "", {{"charge FET", {1, 1, 0, 1}, true}}}};
  d.events = {{120.5, "protect", "cell 7 over 3.65 V: charge FET off"},
              {86400, "release", "cell 7 back below 3.40 V"}};
  return d;
}

std::string number(double v, int digits) {
  std::string s;
  report_json::append_number(s, v, digits);
  return s;
}

TEST(TWIN_report_json, RoundTripsThroughAJsonParser) {
  const ReportData d = small_report();
  const auto j = embedded_json(render(d));
  EXPECT_EQ(j["title"], d.title);
  EXPECT_EQ(j["subtitle"], d.subtitle);
  ASSERT_EQ(j["summary"].size(), 2u);
  EXPECT_EQ(j["summary"][1][0], "min cell");
  EXPECT_EQ(j["summary"][1][1], "2.951 V");
  ASSERT_EQ(j["t"].size(), d.t_s.size());
  for (std::size_t i = 0; i < d.t_s.size(); ++i) EXPECT_DOUBLE_EQ(j["t"][i], d.t_s[i]);
  ASSERT_EQ(j["panels"].size(), 2u);
  const auto& cells = j["panels"][0];
  EXPECT_EQ(cells["title"], "Cell voltage");
  EXPECT_EQ(cells["unit"], "V");
  EXPECT_EQ(cells["series"][0]["name"], "cell max");
  EXPECT_EQ(cells["series"][0]["step"], false);
  EXPECT_NEAR(cells["series"][0]["values"][0].get<double>(), 3.287149, 1e-4);
  EXPECT_EQ(j["panels"][1]["series"][0]["step"], true);
  EXPECT_EQ(j["panels"][1]["series"][0]["values"], nlohmann::json({1, 1, 0, 1}));
  ASSERT_EQ(j["events"].size(), 2u);
  EXPECT_DOUBLE_EQ(j["events"][0]["t"], 120.5);
  EXPECT_EQ(j["events"][0]["kind"], "protect");
  EXPECT_EQ(j["events"][0]["text"], d.events[0].text);
}

TEST(TWIN_report_json, NanAndInfinityBecomeNull) {
  ReportData d = small_report();
  d.panels[0].series[0].values = {kNaN, 3.3, kInf, -kInf};
  const std::string page = render(d);
  const auto values = embedded_json(page)["panels"][0]["series"][0]["values"];
  EXPECT_TRUE(values[0].is_null());
  EXPECT_EQ(values[1], 3.3);
  EXPECT_TRUE(values[2].is_null());
  EXPECT_TRUE(values[3].is_null());
  EXPECT_EQ(count(page, "NaN"), 0u);
  EXPECT_EQ(count(page, "inf,"), 0u);
}

TEST(TWIN_report_json, ScriptEndInAnEventTextIsEscaped) {
  ReportData d = small_report();
  const std::string evil = "</script><script>alert(1)</script><!-- \"quoted\" \\ \n\ttab";
  d.events.push_back({200, "fault", evil});
  d.panels[0].series[0].name = "</SCRIPT>";
  const std::string page = render(d);
  EXPECT_EQ(count(page, "</script>"), 3u);  // only the page's own three elements close
  EXPECT_EQ(count(page, "alert(1)</"), 0u);
  EXPECT_EQ(count(page, "</SCRIPT>"), 0u);
  EXPECT_EQ(count(page, "<!-- \""), 0u);
  const auto j = embedded_json(page);
  EXPECT_EQ(j["events"][2]["text"], evil);
  EXPECT_EQ(j["panels"][0]["series"][0]["name"], "</SCRIPT>");
}

TEST(TWIN_report_json, KeepsUtf8Text) {
  ReportData d = small_report();
  d.events[0].text =
      "T3 \xC2\xB0"
      "C \xE2\x80\x94 open circuit";
  EXPECT_EQ(embedded_json(render(d))["events"][0]["text"], d.events[0].text);
}

TEST(TWIN_report_json, SeriesAreFittedToTheTimeAxis) {
  ReportData d = small_report();
  d.panels[0].series[0].values = {1, 2};              // short: padded with null
  d.panels[1].series[0].values = {1, 0, 1, 0, 1, 0};  // long: cut
  const auto j = embedded_json(render(d));
  EXPECT_EQ(j["panels"][0]["series"][0]["values"], nlohmann::json({1, 2, nullptr, nullptr}));
  EXPECT_EQ(j["panels"][1]["series"][0]["values"], nlohmann::json({1, 0, 1, 0}));
}

TEST(TWIN_report_json, NumbersAreCompact) {
  EXPECT_EQ(number(3.287149, 5), "3.2871");
  EXPECT_EQ(number(3.3, 5), "3.3");
  EXPECT_EQ(number(1.0, 5), "1");
  EXPECT_EQ(number(0.0, 5), "0");
  EXPECT_EQ(number(-0.0, 5), "0");
  EXPECT_EQ(number(-12.5, 5), "-12.5");
  EXPECT_EQ(number(123456.0, 5), "1.2346e5");
  EXPECT_EQ(number(0.0000152, 5), "1.52e-5");
  EXPECT_EQ(number(86400 * 9 + 0.25, 10), "777600.25");
  EXPECT_EQ(number(kNaN, 5), "null");
}

}  // namespace
}  // namespace lfpbms::sim
