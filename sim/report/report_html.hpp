#pragma once
// report.html: one self-contained page (the charting library is embedded, no network) with a
// summary table, stacked time-series panels sharing one time axis and a synchronised cursor,
// and the events marked on that axis and listed below.
#include <ostream>
#include <string>
#include <vector>

namespace lfpbms::sim {

struct ReportSeries {
  std::string name;            // legend label, e.g. "cell max"
  std::vector<double> values;  // one per ReportData::t_s; NaN = no value
  bool step = false;           // a state (FET on/off): drawn as steps
};

struct ReportPanel {
  std::string title;  // e.g. "Pack voltage"
  std::string unit;   // axis label, e.g. "V"
  std::vector<ReportSeries> series;
};

struct ReportEvent {
  double t_s = 0;
  std::string kind;  // "alarm", "protect", "release", "lock", "system", "fault", "violation"
  std::string text;
};

struct ReportData {
  std::string title;                                         // scenario name
  std::string subtitle;                                      // profile, seed, days
  std::vector<std::pair<std::string, std::string>> summary;  // key, value shown in a table
  std::vector<double> t_s;                                   // simulated seconds
  std::vector<ReportPanel> panels;
  std::vector<ReportEvent> events;
};

void write_report_html(const ReportData& data, std::ostream& out);

}  // namespace lfpbms::sim
