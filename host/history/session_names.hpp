#pragma once
// The names the vendors' tools give a recording (ST-4): one table per session named after its
// start time, exports named after the pack and that same time, and sessions cleared after two
// months. All times are UTC, like the BMS clock on the host link.
#include <cstdint>
#include <optional>
#include <string>

namespace lfpbms::host {

// "session_20261125_143005" for a session that started at that UTC time.
std::string session_table_name(std::uint32_t start_unix_s);
// The start time of a session table, or nullopt when `table` is not a session table.
std::optional<std::uint32_t> session_start(const std::string& table);
// "pack No1_20261125143005.csv": pack address, then the session's start time.
std::string pack_csv_name(int address, std::uint32_t session_start_unix_s);
// The same moment two calendar months earlier (day clamped to the shorter month): sessions that
// started before it are removed when a new recording starts.
std::uint32_t two_months_before(std::uint32_t now_unix_s);
// "2026-11-25T14:30:05Z", and back (nullopt when not in that form; the Z is optional).
std::string iso_utc(std::uint32_t unix_s);
std::optional<std::uint32_t> parse_iso_utc(const std::string& text);

}  // namespace lfpbms::host
