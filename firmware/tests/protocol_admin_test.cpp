// The administrator's side of the host link (CO-2, HT-3, HT-4): log-in and its throttle, the
// password kept on flash, the session's expiry, restart by command, and the stored records
// read by range and deleted.
#include <gtest/gtest.h>

#include "protocol/pace_protocol.hpp"
#include "protocol_rig.hpp"
#include "storage/credential_storage.hpp"
#include "storage/event_log.hpp"

namespace lfpbms::testing {
namespace {

using protocol::Rtn;

TEST(CO_2_login, five_wrong_passwords_lock_log_in_for_a_minute) {
  ProtocolRig rig;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(rig.ask(protocol::kLogIn, ascii_bytes("wrong")).rtn(), Rtn::PermissionDenied);
  }
  EXPECT_EQ(rig.ask(protocol::kLogIn, ascii_bytes(protocol::kDefaultAdminPassword)).rtn(),
            Rtn::PermissionDenied);
  rig.run_ms(61000);
  EXPECT_EQ(rig.ask(protocol::kLogIn, ascii_bytes(protocol::kDefaultAdminPassword)).rtn(), Rtn::Ok);
}

std::vector<std::uint8_t> change_password(const std::string& old_pw, const std::string& new_pw) {
  std::vector<std::uint8_t> info;
  for (const std::string* pw : {&old_pw, &new_pw}) {
    info.push_back(static_cast<std::uint8_t>(pw->size()));
    for (char c : *pw) info.push_back(static_cast<std::uint8_t>(c));
  }
  return info;
}

TEST(CO_2_login, a_changed_password_is_kept_on_flash_and_the_old_one_refused) {
  ProtocolRig rig;
  CredentialStorage store(rig.board.nvm(), rig.config.flash.credentials_sector);
  rig.device.credentials = &store;
  protocol::HostLink link(rig.device, rig.serial, rig.tx_buffer.data(), rig.tx_buffer.size());
  auto ask = [&](protocol::HostLink& l, std::uint8_t cid2, const std::vector<std::uint8_t>& info) {
    rig.serial.sends.clear();
    const std::string f = ProtocolRig::frame(protocol::kVer25, 1, cid2, info);
    l.receive(f.data(), f.size(), rig.board.now_ms());
    return rig.serial.sends.empty() ? std::string() : rig.serial.sends.back().substr(7, 2);
  };
  const std::string old_pw = protocol::kDefaultAdminPassword;
  EXPECT_EQ(ask(link, protocol::kChangePassword, change_password(old_pw, "n3w-secret")), "E4");
  EXPECT_EQ(ask(link, protocol::kLogIn, ascii_bytes(old_pw)), "00");
  EXPECT_EQ(ask(link, protocol::kChangePassword, change_password("wrong", "n3w-secret")), "E4");
  EXPECT_EQ(ask(link, protocol::kChangePassword, change_password(old_pw, "n3w-secret")), "00");
  // After a reset: a new link reads the hash from flash.
  CredentialStorage again(rig.board.nvm(), rig.config.flash.credentials_sector);
  rig.device.credentials = &again;
  protocol::HostLink after(rig.device, rig.serial, rig.tx_buffer.data(), rig.tx_buffer.size());
  EXPECT_EQ(ask(after, protocol::kLogIn, ascii_bytes(old_pw)), "E4");
  EXPECT_EQ(ask(after, protocol::kLogIn, ascii_bytes("n3w-secret")), "00");
  // The password itself is nowhere in the flash.
  const std::string flash(reinterpret_cast<const char*>(rig.board.memory.data()),
                          rig.board.memory.size());
  EXPECT_EQ(flash.find("n3w-secret"), std::string::npos);
}

TEST(CO_2_session, expires_after_five_minutes_without_use) {
  ProtocolRig rig;
  rig.ask(protocol::kLogIn, ascii_bytes(protocol::kDefaultAdminPassword));
  rig.run_ms(5 * 60 * 1000 + 100);
  EXPECT_EQ(rig.ask(protocol::kRestoreDefaults).rtn(), Rtn::PermissionDenied);
}

TEST(CO_2_reboot, the_administrator_restarts_the_bms_after_the_answer) {
  struct Restart final : hal::SystemControl {
    void request_restart() override { ++requests; }
    int requests = 0;
  } restart;
  ProtocolRig rig;
  EXPECT_EQ(rig.ask(protocol::kReboot).rtn(), Rtn::InvalidCommand);  // a board that cannot
  rig.device.system = &restart;
  EXPECT_EQ(rig.ask(protocol::kReboot).rtn(), Rtn::PermissionDenied);
  rig.ask(protocol::kLogIn, ascii_bytes(protocol::kDefaultAdminPassword));
  EXPECT_EQ(rig.ask(protocol::kReboot).rtn(), Rtn::Ok);
  EXPECT_EQ(restart.requests, 1);
}

// HT-3: stored records read by range until "no more data", the newest by age, and deleted.
TEST(HT_3_records, read_by_range_until_no_more_data_after_the_log_wrapped) {
  ProtocolRig rig;
  EventLog log(rig.board.nvm(), rig.config.flash.log_sector, rig.config.flash.log_sectors);
  ASSERT_TRUE(log.mount());
  rig.device.log = &log;
  EventSnapshot snap;
  for (std::uint32_t i = 0; i < 1500; ++i) {
    snap.max_cell_mV = static_cast<std::uint16_t>(3000 + i % 500);
    ASSERT_TRUE(log.append(1800000000u + i, 0x0700, snap));
  }
  ASSERT_GE(log.next_sequence() - log.first_sequence(), 1000u);
  std::uint32_t next = 0;  // from the start: the pack begins at its oldest
  std::size_t read = 0;
  for (int guard = 0; guard < 200; ++guard) {
    std::vector<std::uint8_t> info = {
        static_cast<std::uint8_t>(next >> 24), static_cast<std::uint8_t>(next >> 16),
        static_cast<std::uint8_t>(next >> 8), static_cast<std::uint8_t>(next), 16};
    const Answer a = rig.ask(protocol::kReadRecords, info);
    if (a.rtn() == Rtn::NoData) break;
    ASSERT_EQ(a.rtn(), Rtn::Ok);
    protocol::InfoReader r = a.reader();
    protocol::FieldDecoder dec(r);
    const std::uint8_t count = r.u8();
    ASSERT_GT(count, 0);
    for (std::uint8_t k = 0; k < count; ++k) {
      protocol::RecordBlock b;
      protocol::record_layout(dec, b);
      if (read == 0) {
        EXPECT_EQ(b.sequence, log.first_sequence());
      }
      EXPECT_EQ(b.unix_time_s, 1800000000u + b.sequence);
      EXPECT_EQ(b.max_cell_mV, 3000 + b.sequence % 500);
      next = b.sequence + 1;
      ++read;
    }
    ASSERT_TRUE(dec.ok());
  }
  EXPECT_EQ(read, log.next_sequence() - log.first_sequence());
  EXPECT_EQ(next, log.next_sequence());
  // A1: age 0 is the newest; past the oldest, an empty OK.
  const Answer newest = rig.ask(protocol::kHistoryRecord, {0, 0});
  ASSERT_EQ(newest.rtn(), Rtn::Ok);
  EXPECT_EQ(newest.reader().u32(), log.next_sequence() - 1);
  EXPECT_TRUE(rig.ask(protocol::kHistoryRecord, {0xFF, 0xFF}).info.empty());
  // Delete: administrator only; then nothing is left to read.
  EXPECT_EQ(rig.ask(protocol::kDeleteRecords).rtn(), Rtn::PermissionDenied);
  rig.ask(protocol::kLogIn, ascii_bytes(protocol::kDefaultAdminPassword));
  EXPECT_EQ(rig.ask(protocol::kDeleteRecords).rtn(), Rtn::Ok);
  EXPECT_EQ(rig.ask(protocol::kReadRecords, {0, 0, 0, 0, 16}).rtn(), Rtn::NoData);
}

}  // namespace
}  // namespace lfpbms::testing
