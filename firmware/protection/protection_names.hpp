#pragma once
// Readable names of the protection table's columns, for logs, docs and host tools.
#include "events/event.hpp"
#include "protection/protection_row.hpp"

namespace lfpbms {

const char* quantity_name(Quantity q);
const char* release_rule_name(ReleaseRule r);
const char* latch_rule_name(LatchRule l);
const char* fets_name(FetMask f);
const char* severity_name(Severity s);
// How an event of `kind` on `row` reads: flags that open no FET are "set"/"cleared".
const char* event_word(EventKind kind, const ProtectionRow& row);

}  // namespace lfpbms
