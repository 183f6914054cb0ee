#pragma once
// The report page's front-end assets, embedded at build time (sim/report/embed_assets.cmake
// writes their definitions into the build tree). Each asset is a list of chunks to write in
// order; together they are the file's bytes.
#include <span>
#include <string_view>

namespace lfpbms::sim::report_assets {

std::span<const std::string_view> uplot_js();       // uPlot's minified IIFE bundle
std::span<const std::string_view> uplot_css();      // uPlot's styles
std::span<const std::string_view> uplot_license();  // uPlot's MIT licence text
std::span<const std::string_view> page_js();        // web/report/src/report.js
std::span<const std::string_view> page_css();       // web/report/src/report.css
std::string_view uplot_version();

}  // namespace lfpbms::sim::report_assets
