#include "events/event.hpp"

#include <cstddef>

namespace lfpbms {

const char* event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::AlarmSet:
      return "alarm";
    case EventKind::AlarmClear:
      return "alarm cleared";
    case EventKind::Protect:
      return "protection";
    case EventKind::Release:
      return "released";
    case EventKind::Lock:
      return "locked";
    case EventKind::ManualClear:
      return "cleared by hand";
    case EventKind::System:
      return "system";
  }
  return "?";
}

const char* system_event_text(SystemEvent event) {
  constexpr const char* kText[] = {
#define LFPBMS_SYSTEM_EVENT_TEXT(name, text) text,
      LFPBMS_SYSTEM_EVENTS(LFPBMS_SYSTEM_EVENT_TEXT)
#undef LFPBMS_SYSTEM_EVENT_TEXT
  };
  const auto i = static_cast<std::size_t>(event);
  return i < sizeof(kText) / sizeof(kText[0]) ? kText[i] : "?";
}

}  // namespace lfpbms
