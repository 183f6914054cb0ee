#include "parallel/bus_endpoint.hpp"

#include <cstring>

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

std::size_t BusEndpoint::skip(const char* data, std::size_t i, std::size_t length) {
  const void* cr = std::memchr(data + i, protocol::kEoi, length - i);
  const std::size_t end =
      cr != nullptr ? static_cast<std::size_t>(static_cast<const char*>(cr) - data) : length;
  // A frame cut short (its CR lost in a collision) may be followed by a good one.
  const void* soi = std::memchr(data + i, protocol::kSoi, end - i);
  return soi != nullptr ? static_cast<std::size_t>(static_cast<const char*>(soi) - data) : end;
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
