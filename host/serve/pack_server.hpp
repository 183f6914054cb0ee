#pragma once
// Simulated packs on a byte stream, as a client would find real ones: bytes from the client
// go to every pack's host link (they share the bus, like RS485: only the addressed pack
// answers), each answer goes back in one write. With a baud rate the server also keeps the
// line's timing: a request reaches the packs when its last character would have, an answer
// reaches the client when its own last character would have.
//
// Single-threaded: whoever owns the server calls poll() or run_until() between simulation
// steps, and the packs' links run inside those calls.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "hal/serial_port.hpp"
#include "host/serve/endpoint.hpp"
#include "host/serve/wire_line.hpp"

namespace lfpbms::host {

class PackServer {
 public:
  using Receiver = std::function<void(const char* data, std::size_t length)>;

  // `spec`: tcp:HOST:PORT or pty:PATH; `baud` 0: no wire-time emulation. Throws
  // std::runtime_error when the endpoint cannot be made.
  explicit PackServer(const std::string& spec, unsigned baud = 9600);
  ~PackServer();
  PackServer(const PackServer&) = delete;
  PackServer& operator=(const PackServer&) = delete;

  // A pack's link hears the bus through `receive` and answers on port().
  void add_receiver(Receiver receive) { receivers_.push_back(std::move(receive)); }
  hal::SerialPort& port() { return port_; }

  void poll();  // handles what is ready, without waiting
  void run_until(WireLine::Clock::time_point deadline);
  std::string describe() const { return endpoint_->describe(); }

 private:
  class BusPort final : public hal::SerialPort {
   public:
    explicit BusPort(PackServer& server) : server_(server) {}
    void send(const char* data, std::size_t length) override { server_.answer(data, length); }

   private:
    PackServer& server_;
  };
  struct Transfer {
    WireLine::Clock::time_point done;
    bool to_packs;  // a request going in, else an answer going out
    std::string bytes;
  };

  void request(const char* data, std::size_t length);
  void answer(const char* data, std::size_t length);
  void deliver(const Transfer& t);
  void schedule(Transfer t);
  void arm();
  void on_timer();

  boost::asio::io_context io_;
  std::unique_ptr<Endpoint> endpoint_;
  boost::asio::steady_timer timer_;
  WireLine line_;
  BusPort port_{*this};
  std::vector<Receiver> receivers_;
  std::deque<Transfer> transfers_;  // in order of `done`: one line, one transfer at a time
  bool armed_ = false;
};

}  // namespace lfpbms::host
