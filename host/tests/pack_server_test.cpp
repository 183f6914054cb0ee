// CO-2 on a served bank: simulated packs answer on TCP and on a pseudo-terminal as a real bank
// on RS485 would - only the addressed pack, each answer whole, garbage skipped, the next
// client served after the last one left, and at 9600 baud no faster than the wire.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "host/serve/wire_line.hpp"
#include "host/transport/transport.hpp"
#include "served_bank.hpp"

namespace lfpbms::host {
namespace {

using namespace std::chrono_literals;
using test::ask;
using test::parse;

const std::string kAnalogPack1 = "~25014642E00201FD30\r";  // PROTOCOLS.md §1's example

// A pseudo-terminal's symlink in a fresh temporary folder, removed with it.
class TempDir {
 public:
  TempDir() {
    static int n = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("lfpbms-serve-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string pty(const char* name) const { return "pty:" + (path_ / name).string(); }
  std::filesystem::path path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void expect_analog_answer(const std::string& text, std::uint8_t adr) {
  const test::Parsed p = parse(text);
  ASSERT_TRUE(p.complete) << "no answer: '" << text << "'";
  EXPECT_EQ(p.frame.status, protocol::FrameStatus::Ok);
  EXPECT_EQ(p.frame.header.adr, adr);
  EXPECT_EQ(p.frame.header.cid2, 0x00);  // RTN normal
  protocol::InfoReader r = p.frame.reader();
  EXPECT_EQ(r.u8(), 0x00);  // flag
  EXPECT_EQ(r.u8(), adr);
  const std::uint8_t cells = r.u8();
  EXPECT_GE(cells, 4);
  EXPECT_GT(r.u16(), 2000);                     // cell 1 mV: a real LFP voltage
  EXPECT_EQ(text.find('\r'), text.size() - 1);  // one frame, CR last
}

TEST(PackServer, CO_2_tcp_bank_answers_an_analog_request) {
  test::ServedBank bank("tcp:127.0.0.1:0", 0);
  EXPECT_NE(bank.spec().find("tcp:127.0.0.1:"), std::string::npos);
  auto t = open_transport(bank.spec());
  expect_analog_answer(ask(*t, kAnalogPack1), 1);
}

TEST(PackServer, CO_2_pty_bank_answers_an_analog_request) {
  TempDir dir;
  test::ServedBank bank(dir.pty("bank"), 0);
  EXPECT_EQ(bank.spec(), dir.pty("bank"));
  EXPECT_TRUE(std::filesystem::is_symlink(dir.path() / "bank"));
  auto t = open_transport(bank.spec());
  expect_analog_answer(ask(*t, kAnalogPack1), 1);
}

TEST(PackServer, CO_2_pty_symlink_goes_with_the_server) {
  TempDir dir;
  { test::ServedBank bank(dir.pty("bank"), 0); }
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(dir.path() / "bank")));
}

TEST(PackServer, CO_2_garbage_and_frames_in_pieces_still_get_answers) {
  test::ServedBank bank("tcp:127.0.0.1:0", 0);
  auto t = open_transport(bank.spec());
  t->write("\x01\xFFnoise\r~2501");  // noise, then a frame cut short by a new `~`
  t->write("~2501464");              // a request in two pieces
  expect_analog_answer(ask(*t, "2E00201FD30\r"), 1);
}

TEST(PackServer, CO_2_bad_checksum_for_us_gets_rtn_02_and_for_others_silence) {
  test::ServedBank bank("tcp:127.0.0.1:0", 0);
  auto t = open_transport(bank.spec());
  const test::Parsed bad = parse(ask(*t, "~25014642E00201FD31\r"));
  ASSERT_TRUE(bad.complete);
  EXPECT_EQ(bad.frame.header.cid2, 0x02);
  EXPECT_EQ(ask(*t, test::request(7, 0x42, 7), 300ms), "");  // no pack 7 on this bus
}

TEST(PackServer, CO_2_second_tcp_client_is_served_after_the_first_leaves) {
  test::ServedBank bank("tcp:127.0.0.1:0", 0);
  {
    auto first = open_transport(bank.spec());
    expect_analog_answer(ask(*first, kAnalogPack1), 1);
    first->write("~2501");  // leaves half a frame behind
  }
  auto second = open_transport(bank.spec());
  expect_analog_answer(ask(*second, kAnalogPack1), 1);
}

TEST(PackServer, CO_2_pty_is_served_again_after_the_client_closes_it) {
  TempDir dir;
  test::ServedBank bank(dir.pty("bank"), 0);
  {
    auto first = open_transport(bank.spec());
    expect_analog_answer(ask(*first, kAnalogPack1), 1);
  }
  auto second = open_transport(bank.spec());
  expect_analog_answer(ask(*second, kAnalogPack1), 1);
}

TEST(PackServer, CO_2_each_pack_answers_its_own_address_and_the_master_all) {
  test::ServedBank bank("tcp:127.0.0.1:0", 0, 3);
  auto t = open_transport(bank.spec());
  for (std::uint8_t adr = 1; adr <= 3; ++adr) {
    expect_analog_answer(ask(*t, test::request(adr, 0x42, adr)), adr);
  }
  const test::Parsed all = parse(ask(*t, test::request(1, 0x42, 0xFF)));
  ASSERT_TRUE(all.complete);
  EXPECT_EQ(all.frame.header.cid2, 0x00);
  protocol::InfoReader r = all.frame.reader();
  r.u8();                // flag
  EXPECT_EQ(r.u8(), 3);  // pack count
  const test::Parsed alarms = parse(ask(*t, test::request(1, 0x44, 0xFF)));
  ASSERT_TRUE(alarms.complete);
  EXPECT_EQ(alarms.frame.header.cid2, 0x00);
}

TEST(PackServer, CO_2_at_9600_baud_an_exchange_takes_its_wire_time) {
  test::ServedBank bank("tcp:127.0.0.1:0", 9600);
  auto t = open_transport(bank.spec());
  const auto start = SteadyClock::now();
  const std::string answer = ask(*t, kAnalogPack1);
  const auto elapsed = SteadyClock::now() - start;
  expect_analog_answer(answer, 1);
  const auto wire = WireLine(9600).wire_time(kAnalogPack1.size() + answer.size());
  EXPECT_GE(elapsed, wire);
  EXPECT_GT(wire, 100ms);  // the answer is long enough for the check to mean something
}

TEST(PackServer, CO_2_wire_line_queues_transfers_behind_each_other) {
  WireLine line(9600);
  const auto t0 = WireLine::Clock::now();
  const auto first = line.transfer(t0, 96);  // 960 bits: 100 ms
  EXPECT_EQ(first - t0, 100ms);
  EXPECT_EQ(line.transfer(t0, 96) - t0, 200ms);  // the line was busy
  EXPECT_EQ(WireLine(0).wire_time(1000), WireLine::Clock::duration::zero());
}

}  // namespace
}  // namespace lfpbms::host
