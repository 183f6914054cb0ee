#include "host/history/history_db.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "host/history/session_names.hpp"
#include "host/view/pack_view.hpp"

namespace lfpbms::host {
namespace {

// Cells and temperatures get one column each, so that a spreadsheet or a SQL query reads them
// directly; a pack with fewer leaves the rest empty (NULL). Status bytes as in the 44 answer.
std::vector<std::string> make_columns() {
  std::vector<std::string> c = {
      "time_unix_s",     "time_utc",      "address",       "soc_pptt",
      "pack_voltage_mV", "current_mA",    "remaining_mAh", "full_capacity_mAh",
      "cycle_count",     "protect1",      "protect2",      "warn1",
      "warn2",           "system_status", "fault_status",  "balancing"};
  for (int i = 1; i <= kMaxCells; ++i) c.push_back(fmt::format("cell{}_mV", i));
  for (int i = 1; i <= protocol::kMaxTemperatures; ++i)
    c.push_back(fmt::format("temperature{}_dC", i));
  return c;
}

void bind_row(SQLite::Statement& st, const HistoryRow& r) {
  const protocol::AnalogBlock& a = r.analog;
  const protocol::AlarmBlock& f = r.alarms;
  int k = 1;
  st.bind(k++, static_cast<std::int64_t>(r.time_unix_s));
  st.bind(k++, iso_utc(r.time_unix_s));
  for (int v :
       {static_cast<int>(r.address), static_cast<int>(soc_pptt(a)),
        static_cast<int>(a.pack_voltage_mV), static_cast<int>(a.current_mA),
        static_cast<int>(a.remaining_mAh), static_cast<int>(a.full_capacity_mAh),
        static_cast<int>(a.cycle_count), static_cast<int>(f.protect1), static_cast<int>(f.protect2),
        static_cast<int>(f.warn1), static_cast<int>(f.warn2), static_cast<int>(f.system),
        static_cast<int>(f.fault), static_cast<int>(f.balancing)}) {
    st.bind(k++, v);
  }
  for (int i = 0; i < kMaxCells; ++i, ++k) {
    if (i < a.cell_count) st.bind(k, static_cast<int>(a.cell_voltage_mV[i]));
  }
  for (int i = 0; i < protocol::kMaxTemperatures; ++i, ++k) {
    if (i < a.temperature_count) st.bind(k, static_cast<int>(a.temperature_dC[i]));
  }
}

std::string create_sql(const std::string& table) {
  std::string sql = fmt::format("CREATE TABLE IF NOT EXISTS \"{}\" (", table);
  const auto cols = history_columns();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    sql += (i ? ", " : "") + cols[i] + (cols[i] == "time_utc" ? " TEXT" : " INTEGER");
  }
  return sql + ")";
}

std::string insert_sql(const std::string& table) {
  const auto cols = history_columns();
  std::string names;
  std::string marks;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    names += (i ? ", " : "") + cols[i];
    marks += i ? ", ?" : "?";
  }
  return fmt::format("INSERT INTO \"{}\" ({}) VALUES ({})", table, names, marks);
}

std::string csv_field(const SQLite::Column& c) {
  return c.isNull() ? "" : c.getString();
}

}  // namespace

std::vector<std::string> history_columns() {
  static const std::vector<std::string> columns = make_columns();
  return columns;
}

std::vector<std::string> history_sessions(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  std::vector<std::string> out;
  while (q.executeStep()) {
    std::string name = q.getColumn(0).getString();
    if (session_start(name)) out.push_back(std::move(name));
  }
  return out;  // the names sort by time
}

int remove_expired_sessions(SQLite::Database& db, std::uint32_t now_unix_s) {
  const std::uint32_t cutoff = two_months_before(now_unix_s);
  int removed = 0;
  for (const std::string& t : history_sessions(db)) {
    if (*session_start(t) >= cutoff) continue;
    db.exec(fmt::format("DROP TABLE \"{}\"", t));
    ++removed;
  }
  return removed;
}

HistoryRecorder::HistoryRecorder(const std::string& path, std::uint32_t start_unix_s)
    : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE),
      table_(session_table_name(start_unix_s)) {
  removed_sessions_ = remove_expired_sessions(db_, start_unix_s);
  db_.exec(create_sql(table_));
}

void HistoryRecorder::add(const std::vector<HistoryRow>& rows) {
  SQLite::Transaction tx(db_);
  SQLite::Statement st(db_, insert_sql(table_));
  for (const HistoryRow& r : rows) {
    st.reset();
    st.clearBindings();
    bind_row(st, r);
    st.exec();
  }
  tx.commit();
  saved_rows_ += static_cast<std::int64_t>(rows.size());
}

std::vector<std::string> export_history_csv(const std::string& db_path, const std::string& dir) {
  if (!std::filesystem::exists(db_path))
    throw std::runtime_error("no such history file: " + db_path);
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  std::filesystem::create_directories(dir);
  const auto cols = history_columns();
  std::vector<std::string> written;
  for (const std::string& table : history_sessions(db)) {
    SQLite::Statement q(db,
                        fmt::format("SELECT * FROM \"{}\" ORDER BY address, time_unix_s", table));
    std::ofstream out;
    int open_address = -1;
    while (q.executeStep()) {
      const int address = q.getColumn("address").getInt();
      if (address != open_address) {
        const auto path =
            std::filesystem::path(dir) / pack_csv_name(address, *session_start(table));
        out = std::ofstream(path);
        if (!out) throw std::runtime_error("cannot write " + path.string());
        for (std::size_t i = 0; i < cols.size(); ++i) out << (i ? "," : "") << cols[i];
        out << '\n';
        written.push_back(path.string());
        open_address = address;
      }
      for (int i = 0; i < q.getColumnCount(); ++i)
        out << (i ? "," : "") << csv_field(q.getColumn(i));
      out << '\n';
    }
  }
  return written;
}

}  // namespace lfpbms::host
