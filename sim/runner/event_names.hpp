#pragma once
// How firmware events read in the twin's outputs: a stable code ("protect:SV_H",
// "system:FullyCharged") for counting and expectations, and a sentence for people.
#include <string>

#include "events/event.hpp"

namespace lfpbms::sim {

std::string event_code(const Event& e);
std::string event_text(const Event& e);
// "alarm", "protect", "release", "lock", "system": the report's colour groups.
const char* event_group(const Event& e);
// Whether `name` is a known name after the colon for `kind` (as in an event code).
bool known_event_name(const std::string& kind, const std::string& name);

}  // namespace lfpbms::sim
