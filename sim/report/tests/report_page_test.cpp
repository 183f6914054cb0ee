// The page as a whole: one self-contained HTML document that loads nothing from anywhere.
#include <gtest/gtest.h>

#include "sim/report/report_assets.hpp"
#include "sim/report/tests/page_parts.hpp"
#include "sim/report/tests/sample_report.hpp"

namespace lfpbms::sim {
namespace {

using report_test::count;
using report_test::embedded_json;
using report_test::render;

std::string joined(std::span<const std::string_view> chunks) {
  std::string s;
  for (const auto c : chunks) s += c;
  return s;
}

void expect_one_document(const std::string& page) {
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_TRUE(page.ends_with("</html>\n"));
  for (const char* tag : {"<head>", "</head>", "<body>", "</body>", "<title>", "</title>"}) {
    EXPECT_EQ(count(page, tag), 1u) << tag;
  }
  // The data, uPlot, the page's script: each element closes once, nothing else closes one.
  EXPECT_EQ(count(page, "<script"), 3u);
  EXPECT_EQ(count(page, "</script>"), 3u);
}

TEST(TWIN_report_page, EmbedsTheUplotBundleAndStyles) {
  const std::string page = render(report_test::make_sample_report(1, 600));
  const std::string js = joined(report_assets::uplot_js());
  EXPECT_GT(js.size(), 30000u);  // the whole minified library, not a stub
  EXPECT_EQ(js.rfind("var uPlot=", 0), 0u);
  EXPECT_NE(page.find(js), std::string::npos);
  EXPECT_NE(page.find(joined(report_assets::uplot_css())), std::string::npos);
  EXPECT_NE(page.find(joined(report_assets::page_js())), std::string::npos);
  EXPECT_EQ(report_assets::uplot_version().rfind("1.6.", 0), 0u);
  EXPECT_NE(page.find("Permission is hereby granted"), std::string::npos);  // uPlot's licence
}

TEST(TWIN_report_page, LoadsNothingFromOutside) {
  const std::string page = render(report_test::make_sample_report(1, 600));
  for (const char* ref : {"http://", "https://", "src=", "href=", "<link", "@import", "url(",
                          "\"//", "'//", "(//", "import(", "fetch("}) {
    EXPECT_EQ(count(page, ref), 0u) << ref;
  }
  EXPECT_NE(page.find("Content-Security-Policy\" content=\"default-src 'none';"),
            std::string::npos);
}

TEST(TWIN_report_page, IsOneDocumentWithTitleSummaryAndChartsPlace) {
  const std::string page = render(report_test::make_sample_report(1, 600));
  expect_one_document(page);
  EXPECT_NE(page.find("<h1>Sample: daily cycle</h1>"), std::string::npos);
  EXPECT_NE(page.find("<table class=\"summary\">"), std::string::npos);
  EXPECT_NE(page.find("<div id=\"charts\"></div>"), std::string::npos);
  // The data comes before the script that reads it.
  EXPECT_LT(page.find("id=\"report-data\""), page.find(joined(report_assets::page_js())));
}

TEST(TWIN_report_page, EscapesMarkupInTitleAndSummary) {
  ReportData data;
  data.title = "<b>A & B</b>";
  data.subtitle = "seed \"7\"";
  data.summary = {{"<i>key</i>", "</table>"}};
  const std::string page = render(data);
  EXPECT_NE(page.find("<h1>&lt;b&gt;A &amp; B&lt;/b&gt;</h1>"), std::string::npos);
  EXPECT_NE(page.find("seed &quot;7&quot;"), std::string::npos);
  EXPECT_NE(page.find("<th scope=\"row\">&lt;i&gt;key&lt;/i&gt;</th><td>&lt;/table&gt;</td>"),
            std::string::npos);
  EXPECT_EQ(count(page, "<b>"), 0u);
}

TEST(TWIN_report_page, EmptyDataMakesAValidPage) {
  std::string page;
  ASSERT_NO_THROW(page = render(ReportData{}));
  expect_one_document(page);
  EXPECT_NE(page.find("No summary values."), std::string::npos);
  const auto json = embedded_json(page);
  EXPECT_TRUE(json["t"].empty());
  EXPECT_TRUE(json["panels"].empty());
  EXPECT_TRUE(json["events"].empty());
}

TEST(TWIN_report_page, PanelsWithoutTimePointsStillWork) {
  ReportData data;
  data.panels.push_back({"Pack voltage", "V", {{"pack", {}, false}, {"x", {1.0, 2.0}, true}}});
  std::string page;
  ASSERT_NO_THROW(page = render(data));
  const auto json = embedded_json(page);
  ASSERT_EQ(json["panels"].size(), 1u);
  EXPECT_TRUE(json["panels"][0]["series"][1]["values"].empty());  // cut to the 0 time points
}

}  // namespace
}  // namespace lfpbms::sim
