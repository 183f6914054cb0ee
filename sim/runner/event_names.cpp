#include "sim/runner/event_names.hpp"

#include <array>
#include <cstring>

#include "protection/protection_names.hpp"

namespace lfpbms::sim {

namespace {

constexpr std::array<const char*, static_cast<std::size_t>(SystemEvent::Count)> kSystemNames = {
#define LFPBMS_SYSTEM_EVENT_NAME(name, text) #name,
    LFPBMS_SYSTEM_EVENTS(LFPBMS_SYSTEM_EVENT_NAME)
#undef LFPBMS_SYSTEM_EVENT_NAME
};

const char* kind_code(EventKind kind) {
  switch (kind) {
    case EventKind::AlarmSet:
      return "alarm";
    case EventKind::AlarmClear:
      return "alarm_clear";
    case EventKind::Protect:
      return "protect";
    case EventKind::Release:
      return "release";
    case EventKind::Lock:
      return "lock";
    case EventKind::ManualClear:
      return "manual_clear";
    case EventKind::System:
      break;
  }
  return "system";
}

const char* source_name(const Event& e) {
  const bool system = e.kind == EventKind::System;
  // cppcheck-suppress CastIntegerToAddressAtReturn ; it misreads the names' X-macro table
  if (system && e.source < kSystemNames.size()) return kSystemNames[e.source];
  if (system || e.source >= kProtectionCount) return "?";
  return protection_row(static_cast<ProtectionId>(e.source)).name;
}

}  // namespace

std::string event_code(const Event& e) {
  return std::string(kind_code(e.kind)) + ":" + source_name(e);
}

std::string event_text(const Event& e) {
  if (e.kind == EventKind::System) {
    return system_event_text(static_cast<SystemEvent>(e.source));
  }
  const ProtectionRow& row = protection_row(static_cast<ProtectionId>(e.source));
  return std::string(row.text) + " " + event_word(e.kind, row);
}

const char* event_group(const Event& e) {
  switch (e.kind) {
    case EventKind::AlarmSet:
    case EventKind::AlarmClear:
      return "alarm";
    case EventKind::Protect:
      return "protect";
    case EventKind::Release:
    case EventKind::ManualClear:
      return "release";
    case EventKind::Lock:
      return "lock";
    case EventKind::System:
      break;
  }
  return "system";
}

bool known_event_name(const std::string& kind, const std::string& name) {
  if (kind == "system") {
    for (const char* n : kSystemNames) {
      if (name == n) return true;
    }
    return false;
  }
  bool protection_kind = false;
  for (EventKind k : {EventKind::AlarmSet, EventKind::AlarmClear, EventKind::Protect,
                      EventKind::Release, EventKind::Lock, EventKind::ManualClear}) {
    protection_kind = protection_kind || kind == kind_code(k);
  }
  if (!protection_kind) return false;
  for (const ProtectionRow* r = protection_rows_begin(); r != protection_rows_end(); ++r) {
    if (name == r->name) return true;
  }
  return false;
}

}  // namespace lfpbms::sim
