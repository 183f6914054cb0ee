#pragma once
// Test support for the [bank] parser's tests: what a file is refused with, and a check that the
// refusal names the line, the dotted key and the reason on one line.
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/scenario.hpp"

namespace lfpbms::sim::scenario_test {

inline constexpr const char* kFile = "bank.toml";

// The error a file is refused with, or "accepted".
inline std::string error_of(const std::string& toml) {
  try {
    parse_scenario(toml, kFile);
    return "accepted";
  } catch (const ScenarioError& e) {
    return e.what();
  }
}

// Refused with "bank.toml:<where>: ..." on one line, the message containing `says`.
inline ::testing::AssertionResult refused(const std::string& toml, const std::string& where,
                                          const std::string& says) {
  const std::string message = error_of(toml);
  if (message.rfind(std::string(kFile) + ":" + where + ": ", 0) != 0) {
    return ::testing::AssertionFailure() << "expected at " << where << ", got: " << message;
  }
  if (message.find(says) == std::string::npos) {
    return ::testing::AssertionFailure() << "expected \"" << says << "\" in: " << message;
  }
  if (message.find('\n') != std::string::npos) {
    return ::testing::AssertionFailure() << "not one line: " << message;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace lfpbms::sim::scenario_test
