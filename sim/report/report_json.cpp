#include "sim/report/report_json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace lfpbms::sim::report_json {
namespace {

// "1.5e+05" -> "1.5e5", "2e-05" -> "2e-5": the same number in fewer bytes.
void append_trimmed(std::string& out, const char* first, const char* last) {
  const char* e = first;
  while (e != last && *e != 'e') ++e;
  out.append(first, e);
  if (e == last) return;
  const char* p = e + 1;
  out += 'e';
  if (*p == '-') out += '-';
  if (*p == '+' || *p == '-') ++p;
  while (p + 1 < last && *p == '0') ++p;
  out.append(p, last);
}

void append_key(std::string& out, std::string_view key) {
  append_string(out, key);
  out += ':';
}

void append_values(std::string& out, const std::vector<double>& values, std::size_t n, int digits) {
  out += '[';
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ',';
    if (i < values.size()) {
      append_number(out, values[i], digits);
    } else {
      out += "null";
    }
  }
  out += ']';
}

void append_summary(std::string& out, const ReportData& data) {
  out += '[';
  for (std::size_t i = 0; i < data.summary.size(); ++i) {
    if (i) out += ',';
    out += '[';
    append_string(out, data.summary[i].first);
    out += ',';
    append_string(out, data.summary[i].second);
    out += ']';
  }
  out += ']';
}

void append_series(std::string& out, const ReportSeries& s, std::size_t n) {
  out += '{';
  append_key(out, "name");
  append_string(out, s.name);
  out += ',';
  append_key(out, "step");
  out += s.step ? "true" : "false";
  out += ',';
  append_key(out, "values");
  append_values(out, s.values, n, kValueDigits);
  out += '}';
}

void append_panel(std::string& out, const ReportPanel& p, std::size_t n) {
  out += '{';
  append_key(out, "title");
  append_string(out, p.title);
  out += ',';
  append_key(out, "unit");
  append_string(out, p.unit);
  out += ',';
  append_key(out, "series");
  out += '[';
  for (std::size_t i = 0; i < p.series.size(); ++i) {
    if (i) out += ',';
    append_series(out, p.series[i], n);
  }
  out += "]}";
}

void append_event(std::string& out, const ReportEvent& e) {
  out += '{';
  append_key(out, "t");
  append_number(out, e.t_s, kTimeDigits);
  out += ',';
  append_key(out, "kind");
  append_string(out, e.kind);
  out += ',';
  append_key(out, "text");
  append_string(out, e.text);
  out += '}';
}

}  // namespace

void append_number(std::string& out, double v, int digits) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  if (v == 0) v = 0.0;  // cppcheck-suppress duplicateConditionalAssign ; turns -0 into 0
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, digits);
  append_trimmed(out, buf, r.ptr);
}

void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '<' || u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

void append_report(std::string& out, const ReportData& data) {
  const std::size_t n = data.t_s.size();
  out += '{';
  append_key(out, "title");
  append_string(out, data.title);
  out += ',';
  append_key(out, "subtitle");
  append_string(out, data.subtitle);
  out += ',';
  append_key(out, "summary");
  append_summary(out, data);
  out += ',';
  append_key(out, "t");
  append_values(out, data.t_s, n, kTimeDigits);
  out += ',';
  append_key(out, "panels");
  out += '[';
  for (std::size_t i = 0; i < data.panels.size(); ++i) {
    if (i) out += ',';
    append_panel(out, data.panels[i], n);
  }
  out += "],";
  append_key(out, "events");
  out += '[';
  for (std::size_t i = 0; i < data.events.size(); ++i) {
    if (i) out += ',';
    append_event(out, data.events[i]);
  }
  out += "]}";
}

}  // namespace lfpbms::sim::report_json
