#pragma once
// A battery-like report without the twin: a 16-cell LFP pack on a daily solar charge and
// evening load, with protection cutting the charge at the top. For the report's tests and for
// looking at the page (the sample test writes one into the build tree).
#include <cstddef>

#include "sim/report/report_html.hpp"

namespace lfpbms::sim::report_test {

ReportData make_sample_report(int days, double step_s);

// points x series of noisy cell-like values, the size the twin hands over.
ReportData make_bulk_report(std::size_t points, std::size_t series);

}  // namespace lfpbms::sim::report_test
