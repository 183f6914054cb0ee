#include "sim/report/report_html.hpp"

#include <span>
#include <string_view>

#include "sim/report/report_assets.hpp"
#include "sim/report/report_json.hpp"

namespace lfpbms::sim {
namespace {

constexpr std::size_t kSummaryRowsInOneColumn = 8;

void append_chunks(std::string& out, std::span<const std::string_view> chunks) {
  for (const std::string_view c : chunks) out += c;
}

void append_escaped(std::string& out, std::string_view s) {
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

// The licence travels with the bundle; "--" would end an HTML comment early.
void append_license_comment(std::string& out) {
  std::string text = "uPlot " + std::string(report_assets::uplot_version()) + "\n";
  append_chunks(text, report_assets::uplot_license());
  for (std::size_t i = text.find("--"); i != std::string::npos; i = text.find("--", i)) {
    text.replace(i, 2, "- -");
  }
  out += "<!--\n" + text + "\n-->\n";
}

// The policy makes "no request leaves the page" hold in the browser, not only in our tests.
void append_head(std::string& out, const ReportData& data) {
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "script-src 'unsafe-inline'; style-src 'unsafe-inline'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  append_escaped(out, data.title.empty() ? std::string_view("Simulation") : data.title);
  out += " \xE2\x80\x94 lfpbms report</title>\n<style>\n";
  append_chunks(out, report_assets::uplot_css());
  out += "\n</style>\n<style>\n";
  append_chunks(out, report_assets::page_css());
  out += "\n</style>\n</head>\n";
}

void append_summary(std::string& out, const ReportData& data) {
  out += "<section id=\"summary\">\n<h2>Summary</h2>\n";
  if (data.summary.empty()) {
    out += "<p class=\"empty\">No summary values.</p>\n</section>\n";
    return;
  }
  // A long summary (the twin writes about 20 rows) flows into columns instead of one tall strip.
  out += data.summary.size() > kSummaryRowsInOneColumn ? "<table class=\"summary columns\">"
                                                       : "<table class=\"summary\">";
  out += "<tbody>\n";
  for (const auto& [key, value] : data.summary) {
    out += "<tr><th scope=\"row\">";
    append_escaped(out, key);
    out += "</th><td>";
    append_escaped(out, value);
    out += "</td></tr>\n";
  }
  out += "</tbody></table>\n</section>\n";
}

// Charts and the events table are filled in by the page's script from the JSON below them.
void append_body(std::string& out, const ReportData& data) {
  out += "<body>\n<header>\n<h1>";
  append_escaped(out, data.title);
  out += "</h1>\n<p class=\"subtitle\">";
  append_escaped(out, data.subtitle);
  out += "</p>\n</header>\n<main>\n";
  append_summary(out, data);
  out +=
      "<section id=\"plots\">\n<h2>Time series</h2>\n"
      "<p class=\"hint\">Time is simulated time since the start: d2 14:00 is 2 days 14 hours in. "
      "Drag across a chart to zoom in, double-click to zoom out; click a legend entry to hide "
      "a series.</p>\n<div id=\"charts\"></div>\n</section>\n"
      "<section id=\"events\">\n<h2>Events</h2>\n<div id=\"event-filters\"></div>\n"
      "<div id=\"event-list\"></div>\n</section>\n</main>\n<footer>lfpbms simulator report "
      "\xC2\xB7 charts drawn with uPlot ";
  out += report_assets::uplot_version();
  out += " (MIT licence)</footer>\n";
}

void append_scripts(std::string& out, const ReportData& data) {
  out += "<script type=\"application/json\" id=\"report-data\">";
  report_json::append_report(out, data);
  out += "</script>\n";
  append_license_comment(out);
  out += "<script>\n";
  append_chunks(out, report_assets::uplot_js());
  out += "\n</script>\n<script>\n";
  append_chunks(out, report_assets::page_js());
  out += "\n</script>\n</body>\n</html>\n";
}

std::size_t size_hint(const ReportData& data) {
  std::size_t values = data.t_s.size();
  for (const auto& p : data.panels) values += p.series.size() * data.t_s.size();
  return std::size_t{128} * 1024 + values * 8 + data.events.size() * 128;
}

}  // namespace

void write_report_html(const ReportData& data, std::ostream& out) {
  std::string page;
  page.reserve(size_hint(data));
  append_head(page, data);
  append_body(page, data);
  append_scripts(page, data);
  out.write(page.data(), static_cast<std::streamsize>(page.size()));
}

}  // namespace lfpbms::sim
