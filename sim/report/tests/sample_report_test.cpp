// Size and speed at the twin's scale, and a sample page left in the build tree to look at.
#include <chrono>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "sim/report/tests/page_parts.hpp"
#include "sim/report/tests/sample_report.hpp"

namespace lfpbms::sim {
namespace {

TEST(TWIN_report_sample, WritesABatteryLikePage) {
  const ReportData data = report_test::make_sample_report(3, 60);
  std::ofstream file(LFPBMS_REPORT_SAMPLE_PATH, std::ios::binary);
  ASSERT_TRUE(file) << LFPBMS_REPORT_SAMPLE_PATH;
  write_report_html(data, file);
  file.close();
  ASSERT_TRUE(file);
  const auto json = report_test::embedded_json(report_test::render(data));
  EXPECT_EQ(json["t"].size(), 3u * 1440 + 1);
  EXPECT_GE(json["events"].size(), 10u);
  std::cout << "sample page: " << LFPBMS_REPORT_SAMPLE_PATH << "\n";
}

// 10,000 points x 20 series must stay a few MB and be written well within 0.5 s; the bound here
// leaves room for a loaded CI machine.
TEST(TWIN_report_sample, TenThousandPointsByTwentySeriesAreSmallAndQuick) {
  const ReportData data = report_test::make_bulk_report(10000, 20);
  std::ostringstream out;
  const auto start = std::chrono::steady_clock::now();
  write_report_html(data, out);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  const std::size_t bytes = out.str().size();
  std::cout << "10000 x 20: " << bytes << " bytes in " << took.count() * 1000 << " ms\n";
  EXPECT_LT(bytes, 3u * 1024 * 1024);
  EXPECT_LT(took.count(), 1.5);
}

}  // namespace
}  // namespace lfpbms::sim
