// CO-2 end to end: the real `lfpbms sim --serve pty:PATH` process serves its pack on a
// pseudo-terminal, a host reads it through a serial port, and SIGTERM ends it cleanly with
// its outputs written.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "served_bank.hpp"

namespace lfpbms::host {
namespace {

namespace fs = std::filesystem;

// A child process with its stdout on a pipe.
class Child {
 public:
  explicit Child(std::vector<std::string> args) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = fds[0];
  }
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(out_);
  }

  // The first line of stdout, or "" when none came within `timeout_ms`.
  std::string first_line(int timeout_ms) {
    std::string line;
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(timeout_ms);
    while (SteadyClock::now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      char c;
      if (::read(out_, &c, 1) != 1) break;
      if (c == '\n') return line;
      line += c;
    }
    return "";
  }
  // SIGTERM, then the exit status (-1 when it did not exit normally).
  int terminate() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
};

TEST(SimServe, CO_2_sim_serve_on_a_pty_answers_and_stops_on_sigterm) {
  const fs::path dir =
      fs::temp_directory_path() / ("lfpbms-sim-serve-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string link = (dir / "bank").string();
  Child sim({LFPBMS_CLI, "sim", "--serve", "pty:" + link, "--speed", "10", "--days", "1", "--out",
             (dir / "out").string()});
  ASSERT_EQ(sim.first_line(30000), "serving 1 pack(s) on pty:" + link);

  auto port = open_transport("pty:" + link, 9600);
  const test::Parsed answer = test::parse(test::ask(*port, "~25014642E00201FD30\r"));
  ASSERT_TRUE(answer.complete);
  EXPECT_EQ(answer.frame.status, protocol::FrameStatus::Ok);
  EXPECT_EQ(answer.frame.header.adr, 1);
  EXPECT_EQ(answer.frame.header.cid2, 0x00);
  port.reset();

  EXPECT_EQ(sim.terminate(), 0);
  EXPECT_TRUE(fs::exists(dir / "out" / "summary.json"));
  EXPECT_FALSE(fs::exists(fs::symlink_status(link)));  // the server removed its symlink
  fs::remove_all(dir);
}

}  // namespace
}  // namespace lfpbms::host
