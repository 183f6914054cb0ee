#pragma once
// A served bank on a pseudo-terminal, the way a USB serial adapter offers a bus: a symlink at
// PATH names the terminal, clients open it as a serial port. The server keeps a descriptor of
// the terminal open itself, so a client closing it is not a hang-up and the next one can open.
#include <array>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <filesystem>

#include "host/serve/endpoint.hpp"
#include "host/serve/write_queue.hpp"

namespace lfpbms::host {

class PtyEndpoint final : public Endpoint {
 public:
  // Throws when the terminal cannot be made or PATH is taken by something not a symlink.
  PtyEndpoint(boost::asio::io_context& io, std::filesystem::path link);
  ~PtyEndpoint() override;
  PtyEndpoint(const PtyEndpoint&) = delete;
  PtyEndpoint& operator=(const PtyEndpoint&) = delete;

  void start(OnBytes on_bytes) override;
  void write(std::string frame) override { queue_.push(std::move(frame)); }
  std::string describe() const override { return "pty:" + link_.string(); }
  const std::string& terminal() const { return terminal_; }  // e.g. /dev/pts/7

 private:
  void read();

  boost::asio::posix::stream_descriptor master_;
  boost::asio::steady_timer retry_;
  detail::WriteQueue<boost::asio::posix::stream_descriptor> queue_;
  std::filesystem::path link_;
  std::string terminal_;
  int held_ = -1;  // our own descriptor of the terminal (the client's side)
  OnBytes on_bytes_;
  std::array<char, 512> rx_{};
};

}  // namespace lfpbms::host
