#pragma once
// The report's data as compact JSON, made to sit inside <script type="application/json">: every
// '<' in a string is written as \u003c so no "</script>" or "<!--" can end or confuse the
// element; NaN and infinities become null. Values keep 5 significant digits (0.1 mV at 3.3 V),
// times 10 (a second over years).
#include <string>
#include <string_view>

#include "sim/report/report_html.hpp"

namespace lfpbms::sim::report_json {

inline constexpr int kValueDigits = 5;
inline constexpr int kTimeDigits = 10;

void append_number(std::string& out, double v, int digits);
void append_string(std::string& out, std::string_view s);

// {"title","subtitle","summary":[[k,v]],"t":[..],"panels":[{"title","unit","series":
// [{"name","step","values":[..]}]}],"events":[{"t","kind","text"}]}. A series is cut or padded
// with null to the length of t, as the charts need one value per time point.
void append_report(std::string& out, const ReportData& data);

}  // namespace lfpbms::sim::report_json
