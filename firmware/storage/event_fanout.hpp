#pragma once
// One event to two sinks: the flash log and whatever else listens (the twin's recorder, a
// display), so that Bms keeps a single EventSink.
#include "events/event.hpp"

namespace lfpbms {

class EventFanout final : public EventSink {
 public:
  EventFanout(EventSink& first, EventSink& second) : first_(first), second_(second) {}
  void record(const Event& event) override {
    first_.record(event);
    second_.record(event);
  }

 private:
  EventSink& first_;
  EventSink& second_;
};

}  // namespace lfpbms
