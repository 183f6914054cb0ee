#include "host/serve/pack_server.hpp"

namespace lfpbms::host {

PackServer::PackServer(const std::string& spec, unsigned baud)
    : endpoint_(open_endpoint(io_, spec)), timer_(io_), line_(baud) {
  endpoint_->start([this](const char* data, std::size_t n) { request(data, n); });
}

// The endpoint's handlers hold `this`; they go with the io_context, unrun.
PackServer::~PackServer() = default;

void PackServer::poll() {
  io_.restart();
  io_.poll();
}

void PackServer::run_until(WireLine::Clock::time_point deadline) {
  io_.restart();
  io_.run_until(deadline);
}

void PackServer::request(const char* data, std::size_t length) {
  if (!line_.emulated()) return deliver({{}, true, std::string(data, length)});
  schedule({line_.transfer(WireLine::Clock::now(), length), true, std::string(data, length)});
}

void PackServer::answer(const char* data, std::size_t length) {
  if (!line_.emulated()) return endpoint_->write(std::string(data, length));
  schedule({line_.transfer(WireLine::Clock::now(), length), false, std::string(data, length)});
}

void PackServer::deliver(const Transfer& t) {
  if (!t.to_packs) return endpoint_->write(t.bytes);
  for (const Receiver& receive : receivers_) receive(t.bytes.data(), t.bytes.size());
}

void PackServer::schedule(Transfer t) {
  transfers_.push_back(std::move(t));
  arm();
}

// One timer for the line: transfers end in the order they were scheduled.
void PackServer::arm() {
  if (armed_ || transfers_.empty()) return;
  armed_ = true;
  timer_.expires_at(transfers_.front().done);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    armed_ = false;
    if (!ec) on_timer();
  });
}

void PackServer::on_timer() {
  const auto now = WireLine::Clock::now();
  while (!transfers_.empty() && transfers_.front().done <= now) {
    const Transfer t = std::move(transfers_.front());
    transfers_.pop_front();
    deliver(t);  // may schedule an answer behind the others
  }
  arm();
}

}  // namespace lfpbms::host
