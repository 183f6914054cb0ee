#pragma once
// Frames waiting to be written to one stream, one async write at a time, each frame whole.
// The frame is shared with its pending write, so dropping the queue (client gone) is safe.
#include <boost/asio/write.hpp>
#include <deque>
#include <memory>
#include <string>

namespace lfpbms::host::detail {

template <typename Stream>
class WriteQueue {
 public:
  explicit WriteQueue(Stream& stream) : stream_(stream) {}

  void push(std::string frame) {
    frames_.push_back(std::make_shared<std::string>(std::move(frame)));
    if (!writing_) next();
  }
  // The client is gone: what it did not get is not for the next one.
  void clear() {
    frames_.clear();
    writing_ = false;
    ++generation_;
  }

 private:
  void next() {
    if (frames_.empty()) return;
    writing_ = true;
    auto frame = frames_.front();
    boost::asio::async_write(
        stream_, boost::asio::buffer(*frame),
        [this, frame, gen = generation_](const boost::system::error_code& ec, std::size_t) {
          if (gen != generation_) return;
          writing_ = false;
          if (ec) return clear();  // the reader notices a lost client
          frames_.pop_front();
          next();
        });
  }

  Stream& stream_;
  std::deque<std::shared_ptr<std::string>> frames_;
  bool writing_ = false;
  unsigned generation_ = 0;
};

}  // namespace lfpbms::host::detail
