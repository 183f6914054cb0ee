#pragma once
// Helpers the report tests share: render a page, cut out its parts, count substrings.
#include <cstddef>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/report/report_html.hpp"

namespace lfpbms::sim::report_test {

inline std::string render(const ReportData& data) {
  std::ostringstream out;
  write_report_html(data, out);
  return out.str();
}

inline std::size_t count(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (auto i = text.find(needle); i != std::string_view::npos; i = text.find(needle, i + 1)) ++n;
  return n;
}

// The text of <script type="application/json" id="report-data">, as the browser would read it.
inline std::string embedded_json_text(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"report-data\">";
  const auto begin = page.find(open);
  if (begin == std::string::npos) return {};
  const auto from = begin + open.size();
  return page.substr(from, page.find("</script>", from) - from);
}

inline nlohmann::json embedded_json(const std::string& page) {
  return nlohmann::json::parse(embedded_json_text(page));
}

}  // namespace lfpbms::sim::report_test
