#include "host/serve/pty_endpoint.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace lfpbms::host {

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

int open_master() {
  const int fd = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (fd < 0) fail("cannot open a pseudo-terminal");
  if (::grantpt(fd) != 0 || ::unlockpt(fd) != 0) {
    ::close(fd);
    fail("cannot unlock a pseudo-terminal");
  }
  return fd;
}

std::string terminal_name(int master) {
  char name[128];
  if (::ptsname_r(master, name, sizeof name) != 0) fail("cannot name the pseudo-terminal");
  return name;
}

// Raw: no echo of requests back to the client, no CR to LF, no line buffering.
int hold_raw(const std::string& terminal) {
  const int fd = ::open(terminal.c_str(), O_RDWR | O_NOCTTY);
  if (fd < 0) fail("cannot open " + terminal);
  termios t{};
  if (::tcgetattr(fd, &t) == 0) {
    ::cfmakeraw(&t);
    ::tcsetattr(fd, TCSANOW, &t);
  }
  return fd;
}

// A symlink left by a run that was killed is replaced; anything else at PATH is not ours.
void make_link(const std::string& terminal, const std::filesystem::path& link) {
  std::error_code ec;
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(link, ec))) {
    std::filesystem::remove(link, ec);
  } else if (std::filesystem::exists(link, ec)) {
    throw std::runtime_error("pty:" + link.string() + ": exists and is not a symlink");
  }
  std::filesystem::create_symlink(terminal, link, ec);
  if (ec) throw std::runtime_error("pty:" + link.string() + ": " + ec.message());
}

}  // namespace

PtyEndpoint::PtyEndpoint(boost::asio::io_context& io, std::filesystem::path link)
    : master_(io), retry_(io), queue_(master_), link_(std::move(link)) {
  const int master = open_master();
  master_.assign(master);
  terminal_ = terminal_name(master);
  held_ = hold_raw(terminal_);
  make_link(terminal_, link_);
}

PtyEndpoint::~PtyEndpoint() {
  // Remove the link only while it still names our terminal (another run may have taken PATH).
  std::error_code ec;
  if (std::filesystem::read_symlink(link_, ec) == terminal_) std::filesystem::remove(link_, ec);
  if (held_ >= 0) ::close(held_);
}

void PtyEndpoint::start(OnBytes on_bytes) {
  on_bytes_ = std::move(on_bytes);
  read();
}

void PtyEndpoint::read() {
  master_.async_read_some(boost::asio::buffer(rx_),
                          [this](const boost::system::error_code& ec, std::size_t n) {
                            if (ec == boost::asio::error::operation_aborted) return;
                            if (!ec) {
                              on_bytes_(rx_.data(), n);
                              return read();
                            }
                            // With our own descriptor held there is no hang-up; any other
                            // error is the terminal's: try again soon, without spinning.
                            retry_.expires_after(std::chrono::milliseconds(100));
                            retry_.async_wait([this](const boost::system::error_code& e) {
                              if (!e) read();
                            });
                          });
}

}  // namespace lfpbms::host
