// HT-1: the host opens a serial port or a TCP RS485 gateway, and says clearly when it cannot.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <filesystem>

#include "host/transport/serial_transport.hpp"
#include "host/transport/tcp_transport.hpp"
#include "host/transport/transport.hpp"
#include "served_bank.hpp"

namespace lfpbms::host {
namespace {

std::string error_of(const std::string& spec) {
  try {
    open_transport(spec, 9600, 1000);
  } catch (const TransportError& e) {
    return e.what();
  }
  return "(opened)";
}

// A port nobody listens on: bound by the OS, then released.
unsigned short closed_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

TEST(HostTransport, HT_1_missing_serial_port_is_one_clear_line) {
  EXPECT_EQ(error_of("/dev/lfpbms-no-such-port"),
            "cannot open /dev/lfpbms-no-such-port: No such file or directory");
  EXPECT_EQ(error_of("pty:/tmp/lfpbms-no-such-pty"),
            "cannot open pty:/tmp/lfpbms-no-such-pty: No such file or directory");
}

TEST(HostTransport, HT_1_refused_tcp_connection_is_one_clear_line) {
  const std::string spec = "tcp:127.0.0.1:" + std::to_string(closed_port());
  EXPECT_EQ(error_of(spec), spec + ": connection refused");
}

TEST(HostTransport, HT_1_port_spec_needs_host_and_port) {
  EXPECT_EQ(error_of("tcp:localhost"), "tcp:localhost: expected tcp:HOST:PORT");
  EXPECT_EQ(error_of("pty:"), "pty:: expected pty:PATH");
  EXPECT_EQ(split_host_port("tcp:[::1]:502", "tcp:").host, "::1");
}

TEST(HostTransport, HT_1_describes_port_and_baud) {
  test::ServedBank bank("tcp:127.0.0.1:0", 0);
  auto t = open_transport(bank.spec());
  EXPECT_EQ(t->describe(), bank.spec());
}

TEST(HostTransport, HT_1_read_with_nothing_coming_returns_at_deadline) {
  test::ServedBank bank("tcp:127.0.0.1:0", 0);
  auto t = open_transport(bank.spec());
  char buffer[16];
  const auto start = SteadyClock::now();
  EXPECT_EQ(t->read(buffer, sizeof buffer, start + std::chrono::milliseconds(150)), 0u);
  const auto waited = SteadyClock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(150));
  EXPECT_LT(waited, std::chrono::milliseconds(1000));
}

TEST(HostTransport, HT_1_discard_input_drops_a_late_answer) {
  test::ServedBank bank("tcp:127.0.0.1:0", 0);
  auto t = open_transport(bank.spec());
  t->write(test::request(1, 0x42, 1));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the answer is waiting
  t->discard_input();
  char buffer[16];
  EXPECT_EQ(t->read(buffer, sizeof buffer, SteadyClock::now() + std::chrono::milliseconds(100)),
            0u);
}

TEST(HostTransport, HT_1_serial_port_takes_the_baud_rate) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("lfpbms-ht1-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    test::ServedBank bank("pty:" + (dir / "bank").string(), 0);
    auto t = open_transport(bank.spec(), 115200);
    EXPECT_EQ(t->describe(), bank.spec() + " at 115200 baud");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lfpbms::host
