#include "parallel/bus_endpoint.hpp"

namespace lfpbms {

void BusEndpoint::send(const char* data, std::size_t length) {
  if (length == 0) return;
  sent_ = data;
  sent_length_ = length;
  echo_left_ = length;
  collided_ = false;
  echo_ = Echo::None;
  parser_.reset();  // what we send is not a frame for us to read
  port_.send(data, length);
}

void BusEndpoint::check_echo(char c) {
  const std::size_t at = sent_length_ - echo_left_;
  if (c != sent_[at]) collided_ = true;
  if (--echo_left_ == 0) echo_ = collided_ ? Echo::Collided : Echo::Clean;
}

BusEndpoint::Echo BusEndpoint::take_echo() {
  const Echo e = echo_;
  echo_ = Echo::None;
  return e;
}

void BusEndpoint::abandon_echo() {
  if (echo_left_ == 0) return;
  echo_left_ = 0;
  echo_ = Echo::Collided;
}

}  // namespace lfpbms
