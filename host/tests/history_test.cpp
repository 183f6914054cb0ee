// ST-4 / HT-2: how recordings are named, kept and exported.
#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <fstream>

#include "host/history/history_db.hpp"
#include "host/history/session_names.hpp"

namespace lfpbms::host {
namespace {

constexpr std::uint32_t k20261125_143005 = 1795617005;  // 2026-11-25T14:30:05Z

TEST(ST_4_history, session_table_is_named_after_its_start_time) {
  EXPECT_EQ(iso_utc(k20261125_143005), "2026-11-25T14:30:05Z");
  EXPECT_EQ(session_table_name(k20261125_143005), "session_20261125_143005");
  EXPECT_EQ(session_start("session_20261125_143005"), k20261125_143005);
}

TEST(ST_4_history, other_tables_are_not_sessions) {
  EXPECT_FALSE(session_start("sessions"));
  EXPECT_FALSE(session_start("session_20261125_1430"));
  EXPECT_FALSE(session_start("session_20260231_143005"));  // 31 February
  EXPECT_FALSE(session_start("session_2026112X_143005"));
  EXPECT_FALSE(session_start("notes_20261125_143005"));
}

TEST(ST_4_history, two_months_are_calendar_months) {
  EXPECT_EQ(iso_utc(two_months_before(k20261125_143005)), "2026-09-25T14:30:05Z");
  // 30 April minus two months is the end of February, not early March.
  EXPECT_EQ(iso_utc(two_months_before(*parse_iso_utc("2026-04-30T08:00:00"))),
            "2026-02-28T08:00:00Z");
  EXPECT_EQ(iso_utc(two_months_before(*parse_iso_utc("2027-01-15T00:00:00Z"))),
            "2026-11-15T00:00:00Z");
}

TEST(ST_4_history, a_new_recording_removes_sessions_older_than_two_months) {
  const auto path = std::filesystem::temp_directory_path() / "lfpbms_st4_history.db";
  std::filesystem::remove(path);
  const std::uint32_t old_start = *parse_iso_utc("2026-09-01T00:00:00");
  const std::uint32_t recent_start = *parse_iso_utc("2026-10-01T00:00:00");
  HistoryRecorder(path.string(), old_start).add({HistoryRow{old_start, 1, {}, {}}});
  HistoryRecorder(path.string(), recent_start).add({HistoryRow{recent_start, 1, {}, {}}});
  HistoryRecorder now(path.string(), k20261125_143005);
  EXPECT_EQ(now.removed_sessions(), 1);
  SQLite::Database db(path.string());
  EXPECT_EQ(history_sessions(db),
            (std::vector<std::string>{"session_20261001_000000", "session_20261125_143005"}));
  std::filesystem::remove(path);
}

TEST(HT_2_export, csv_files_are_named_after_pack_and_session_start) {
  EXPECT_EQ(pack_csv_name(1, k20261125_143005), "pack No1_20261125143005.csv");
  EXPECT_EQ(pack_csv_name(12, *parse_iso_utc("2019-05-10T14:50:10")),
            "pack No12_20190510145010.csv");
}

TEST(HT_2_export, one_csv_per_pack_per_session_with_a_row_per_refresh) {
  const auto dir = std::filesystem::temp_directory_path() / "lfpbms_ht2_export";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto db = (dir / "history.db").string();
  {
    HistoryRecorder rec(db, k20261125_143005);
    protocol::AnalogBlock a;
    a.cell_count = 2;
    a.cell_voltage_mV = {3300, 3310};
    for (std::uint32_t t = 0; t < 3; ++t) {
      rec.add(
          {HistoryRow{k20261125_143005 + t, 1, a, {}}, HistoryRow{k20261125_143005 + t, 2, a, {}}});
    }
    EXPECT_EQ(rec.saved_rows(), 6);
  }
  const auto files = export_history_csv(db, (dir / "csv").string());
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(std::filesystem::path(files[0]).filename(), "pack No1_20261125143005.csv");
  std::ifstream in(files[1]);
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  EXPECT_EQ(header.rfind("time_unix_s,time_utc,address,", 0), 0u);
  EXPECT_NE(first.find(",2,"), std::string::npos);
  EXPECT_NE(first.find("3300,3310,,"), std::string::npos);  // absent cells stay empty
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lfpbms::host
