// [[expect]]: an event count within bounds (optionally in a time window) or a summary metric
// within bounds. Event names and metric keys belong to the runner, which checks them; the
// event kinds are fixed here.
#include <array>
#include <limits>
#include <string>

#include "sim/scenario/scenario_parts.hpp"
#include "sim/scenario/scenario_time.hpp"

namespace lfpbms::sim::scenario_detail {
namespace {

constexpr std::array<std::string_view, 8> kEventKinds{"alarm", "alarm_clear",  "protect", "release",
                                                      "lock",  "manual_clear", "system",  "fault"};
constexpr Range kAnyNumber{std::numeric_limits<double>::lowest(),
                           std::numeric_limits<double>::max()};
constexpr std::int64_t kCountMax = std::numeric_limits<std::int64_t>::max();

std::string event_kind_list() {
  std::string list;
  for (const auto kind : kEventKinds) list += (list.empty() ? "" : ", ") + std::string(kind);
  return list;
}

bool is_identifier(std::string_view s) {
  for (const char c : s) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return !s.empty();
}

void check_event_code(Reader& r, const std::string& code) {
  const auto colon = code.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == code.size()) {
    r.fail("event", "\"" + code + "\" must be \"kind:name\", like \"protect:SV_H\"");
  }
  const std::string_view kind = std::string_view(code).substr(0, colon);
  const std::string_view name = std::string_view(code).substr(colon + 1);
  bool known = false;
  for (const auto k : kEventKinds) known = known || k == kind;
  if (!known) {
    r.fail("event", "unknown event kind \"" + std::string(kind) + "\": use " + event_kind_list());
  }
  if (kind == "fault" && !is_fault_kind_name(name)) {
    r.fail("event", "unknown fault kind \"" + std::string(name) + "\"");
  }
}

void check_order(const Reader& r, const Expectation& e) {
  if (e.min && e.max && *e.min > *e.max) {
    r.fail(r.latest({"min", "max"}),
           "min " + number_text(*e.min) + " is above max " + number_text(*e.max));
  }
}

void read_window(Reader& r, const Run& run, Expectation& e) {
  e.after_s = r.time_s("after");
  if (e.after_s && *e.after_s >= run.end_s) {
    r.fail("after",
           time_text(*e.after_s) + " is not before the end of the run, " + time_text(run.end_s));
  }
  e.before_s = r.time_s("before");
  if (e.before_s && (*e.before_s <= 0 || *e.before_s > run.end_s)) {
    r.fail("before",
           time_text(*e.before_s) + " is outside the run, 0d 00:00..." + time_text(run.end_s));
  }
  if (e.after_s && e.before_s && *e.after_s >= *e.before_s) {
    r.fail(r.latest({"after", "before"}), "the window from " + time_text(*e.after_s) + " before " +
                                              time_text(*e.before_s) + " is empty");
  }
}

Expectation read_event(Reader& r, const Run& run, const std::string& code) {
  check_event_code(r, code);
  Expectation e;
  e.kind = Expectation::Kind::EventCount;
  e.subject = code;
  if (const auto min = r.integer("min", 0, kCountMax)) e.min = static_cast<double>(*min);
  if (const auto max = r.integer("max", 0, kCountMax)) e.max = static_cast<double>(*max);
  if (!e.min && !e.max) e.min = 1;  // `event = ...` alone: it happens
  check_order(r, e);
  read_window(r, run, e);
  return e;
}

Expectation read_metric(Reader& r, const std::string& key) {
  if (!is_identifier(key)) r.fail("metric", "\"" + key + "\" is not a summary key");
  for (const auto window : {"before", "after"}) {
    if (r.has(window)) r.fail(window, "only event expectations take before and after");
  }
  Expectation e;
  e.kind = Expectation::Kind::Metric;
  e.subject = key;
  e.min = r.number("min", kAnyNumber);
  e.max = r.number("max", kAnyNumber);
  if (!e.min && !e.max) r.fail_table("needs min, max or both");
  check_order(r, e);
  return e;
}

// "at least 1", "never", "between 2 and 5".
std::string bounds_text(const Expectation& e, bool counts) {
  if (counts && e.max == 0.0 && e.min.value_or(0) == 0) return "never";
  if (e.min && e.max && *e.min == *e.max) return "exactly " + number_text(*e.min);
  if (e.min && e.max) return "between " + number_text(*e.min) + " and " + number_text(*e.max);
  if (e.min) return "at least " + number_text(*e.min);
  return "at most " + number_text(e.max.value_or(0));
}

}  // namespace

Expectation read_expectation(Reader& r, const Run& run) {
  const auto event = r.text("event");
  const auto metric = r.text("metric");
  if (event && metric) r.fail("metric", "an expectation is either an event or a metric");
  if (!event && !metric) {
    r.fail_table("needs event = \"kind:name\" or metric = \"summary_key\"");
  }
  Expectation e = event ? read_event(r, run, *event) : read_metric(r, *metric);
  e.text = expectation_text(e);
  return e;
}

std::string expectation_text(const Expectation& e) {
  const bool counts = e.kind == Expectation::Kind::EventCount;
  std::string text = e.subject + " " + bounds_text(e, counts);
  if (e.after_s) text += " from " + time_text(*e.after_s);
  if (e.before_s) text += " before " + time_text(*e.before_s);
  return text;
}

}  // namespace lfpbms::sim::scenario_detail
