#pragma once
// Parameters as text a person edits: `NAME=VALUE` on the command line and a TOML file with a
// `[params]` table (HT-4: export, then import). An import is checked whole against the pack's
// own ranges before anything is written, so a bad file changes nothing.
#include <cstdint>
#include <string>
#include <vector>

#include "host/client/host_client.hpp"
#include "params/param_set.hpp"

namespace lfpbms::host {

// "cell_ov_alarm_mV=3650" -> the write; throws std::invalid_argument with one clear line.
ParamWrite parse_assignment(const std::string& text);

struct ParamFileHeader {
  std::string pack;      // "pack 1, BMS LFPBMS000000000001"
  std::string date_utc;  // "2026-11-25T14:30:05Z"
  std::string firmware;  // the C1 version text
};

// The export: a header comment, then `[params]` with one `name = value` per line, each with its
// unit and range as a trailing comment.
std::string param_file_text(const std::vector<ParamEntry>& params, const ParamFileHeader& header);

struct ParamFileCheck {
  std::vector<ParamWrite> changes;    // values that differ from the pack's, in id order
  std::vector<std::string> problems;  // one line each; any problem: write nothing
  bool ok() const { return problems.empty(); }
};

// Checks the text of an import file against `pack` (the values and ranges read from the pack):
// TOML syntax, unknown names, non-integers, values outside the pack's min/max, and the
// firmware's orderings between levels.
ParamFileCheck check_param_file(const std::string& toml_text, const std::string& file_name,
                                const std::vector<ParamEntry>& pack);

}  // namespace lfpbms::host
