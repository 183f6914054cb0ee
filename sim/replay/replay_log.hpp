#pragma once
// A log recorded elsewhere (a cell tester, a pack's own logger) for `lfpbms replay`: CSV with a
// header row naming its columns, in any order:
//   time_s         seconds, strictly increasing
//   current_A      + charges; the mean over the step that ends at the row (what a coulomb
//                  counter integrates)
//   voltage_V      one cell, or cell1_V ... cellN_V (N <= 16) for a string
//   temperature_C  optional; an empty field keeps the previous value
//   soc_ref        optional reference SOC, 0...1; an empty field means none for that row
// Lines starting with '#' are comments (a data file's source and licence); other columns are
// ignored and listed. Every complaint is a ReplayError "file:line: message".
#include <array>
#include <cstddef>
#include <filesystem>
#include <istream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/units.hpp"

namespace lfpbms::sim {

class ReplayError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

struct LogRow {
  std::size_t line = 0;  // in the file, for messages
  double time_s = 0;
  double current_A = 0;
  std::array<double, kMaxCells> cell_V{};  // a single-cell log has its voltage in [0]
  double temperature_C = kNoValue;
  double soc_ref = kNoValue;  // 0...1
};

struct ReplayLog {
  std::string source;            // the file's name, as messages quote it
  std::size_t cell_columns = 0;  // N of cell1_V...cellN_V; 0: a single cell (voltage_V)
  bool has_temperature = false;
  bool has_soc_ref = false;
  std::vector<std::string> ignored_columns;
  std::vector<LogRow> rows;

  bool single_cell() const { return cell_columns == 0; }
};

ReplayLog read_replay_log(const std::filesystem::path& file);
// `source` names the input in messages.
ReplayLog parse_replay_log(std::istream& in, const std::string& source);

}  // namespace lfpbms::sim
