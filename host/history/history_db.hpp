#pragma once
// The recording of `lfpbms watch --record` (ST-4, HT-2): a SQLite file with one table per
// recording session, named after its start time, one row per pack per refresh. Sessions older
// than two months are removed when a new one starts, as the vendors' tools do.
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "protocol/wire_model.hpp"

namespace lfpbms::host {

struct HistoryRow {
  std::uint32_t time_unix_s = 0;
  std::uint8_t address = 0;
  protocol::AnalogBlock analog;
  protocol::AlarmBlock alarms;
};

// The columns of a session table, in order (also the CSV header).
std::vector<std::string> history_columns();

class HistoryRecorder {
 public:
  // Opens (or creates) `path`, removes expired sessions, and starts the session table.
  HistoryRecorder(const std::string& path, std::uint32_t start_unix_s);

  void add(const std::vector<HistoryRow>& rows);  // one refresh, in one transaction
  std::int64_t saved_rows() const { return saved_rows_; }
  const std::string& table() const { return table_; }
  int removed_sessions() const { return removed_sessions_; }

 private:
  SQLite::Database db_;
  std::string table_;
  std::int64_t saved_rows_ = 0;
  int removed_sessions_ = 0;
};

// The session tables of an open history file, oldest first.
std::vector<std::string> history_sessions(SQLite::Database& db);
// Drops the sessions that started before two months before `now`; how many.
int remove_expired_sessions(SQLite::Database& db, std::uint32_t now_unix_s);

// Writes one CSV per pack per session into `dir` (created if missing), named like
// "pack No1_20261125143005.csv". Returns the files written.
std::vector<std::string> export_history_csv(const std::string& db_path, const std::string& dir);

}  // namespace lfpbms::host
