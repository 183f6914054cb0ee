#pragma once
// The examples in docs/scenarios.md are parsed by the tests, so that they stay true.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace lfpbms::sim {

// The first ```toml block after `heading` in docs/scenarios.md ("" with a test failure when
// there is none).
inline std::string docs_toml_after(const std::string& heading) {
  std::ifstream in(std::string(LFPBMS_SOURCE_DIR) + "/docs/scenarios.md");
  EXPECT_TRUE(in) << "docs/scenarios.md";
  std::stringstream doc;
  doc << in.rdbuf();
  const std::string text = doc.str();
  const auto at = text.find(heading);
  const auto begin = at == std::string::npos ? at : text.find("```toml\n", at);
  const auto body = begin == std::string::npos ? begin : begin + 8;
  const auto end = body == std::string::npos ? body : text.find("```", body);
  EXPECT_NE(end, std::string::npos) << "no toml block after " << heading;
  return end == std::string::npos ? "" : text.substr(body, end - body);
}

}  // namespace lfpbms::sim
