#include "sim/scenario/scenario_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_time.hpp"

namespace lfpbms::sim::scenario_detail {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

bool in_range(double v, const Range& r) {
  const bool above_min = r.min_exclusive ? v > r.min : v >= r.min;
  return above_min && v <= r.max;  // false for NaN
}

}  // namespace

// The known key a typo most likely meant: a few letters off, or the name without its unit
// suffix ("pv_peak" for "pv_peak_kW").
std::string did_you_mean(std::string_view key, const std::set<std::string, std::less<>>& known) {
  std::string best;
  std::size_t best_distance = 3;
  for (const auto& k : known) {
    const bool unit_left_out = k.size() > key.size() && k.starts_with(key) && k[key.size()] == '_';
    const std::size_t d = unit_left_out ? 1 : edit_distance(key, k);
    if (d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  return best.empty() ? "" : " (did you mean " + best + "?)";
}

std::string number_text(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", value);
  return buf;
}

std::string range_text(const Range& range) {
  if (range.min == std::numeric_limits<double>::lowest() &&
      range.max == std::numeric_limits<double>::max()) {
    return "a finite number";
  }
  if (range.min_exclusive)
    return "> " + number_text(range.min) + " and <= " + number_text(range.max);
  return number_text(range.min) + "..." + number_text(range.max);
}

void fail_at(const std::string& source, std::uint32_t line, std::string_view key,
             std::string_view message) {
  throw ScenarioError(source + ":" + std::to_string(line) + ": " + std::string(key) + ": " +
                      std::string(message));
}

Reader::Reader(const toml::table& table, std::string path, const std::string& source)
    : table_(table), path_(std::move(path)), source_(source) {}

std::string Reader::path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

std::uint32_t Reader::line(std::string_view key) const {
  const toml::node* node = table_.get(key);
  const auto& region = node != nullptr ? node->source() : table_.source();
  return region.begin.line;
}

std::uint32_t Reader::table_line() const {
  return table_.source().begin.line;
}

std::string Reader::where() const {
  return source_ + ":" + std::to_string(table_line());
}

void Reader::fail(std::string_view key, std::string_view message) const {
  fail_at(source_, line(key), path(key), message);
}

void Reader::fail_table(std::string_view message) const {
  fail_at(source_, table_line(), path_, message);
}

std::string_view Reader::latest(std::initializer_list<std::string_view> keys) const {
  std::string_view best = *keys.begin();
  std::uint32_t best_line = 0;
  for (const auto key : keys) {
    const toml::node* node = table_.get(key);
    if (node != nullptr && node->source().begin.line >= best_line) {
      best = key;
      best_line = node->source().begin.line;
    }
  }
  return best;
}

const toml::node* Reader::take(std::string_view key) {
  known_.emplace(key);
  return table_.get(key);
}

std::optional<double> Reader::number(std::string_view key, const Range& range) {
  const toml::node* node = take(key);
  if (node == nullptr) return std::nullopt;
  double v = 0;
  if (const auto* f = node->as_floating_point()) {
    v = f->get();
  } else if (const auto* i = node->as_integer()) {
    v = static_cast<double>(i->get());
  } else {
    fail(key, "must be a number");
  }
  if (!in_range(v, range)) {
    fail(key, "must be " + range_text(range) + ", not " + number_text(v));
  }
  return v;
}

std::optional<std::int64_t> Reader::integer(std::string_view key, std::int64_t min,
                                            std::int64_t max) {
  const toml::node* node = take(key);
  if (node == nullptr) return std::nullopt;
  const auto* i = node->as_integer();
  if (i == nullptr) fail(key, "must be an integer");
  const std::int64_t v = i->get();
  if (v < min || v > max) {
    const std::string top =
        max == std::numeric_limits<std::int64_t>::max() ? "" : "..." + std::to_string(max);
    fail(key, "must be " + std::to_string(min) + (top.empty() ? " or more" : top) + ", not " +
                  std::to_string(v));
  }
  return v;
}

std::optional<bool> Reader::flag(std::string_view key) {
  const toml::node* node = take(key);
  if (node == nullptr) return std::nullopt;
  const auto* b = node->as_boolean();
  if (b == nullptr) fail(key, "must be true or false");
  return b->get();
}

std::optional<std::string> Reader::text(std::string_view key, Empty empty) {
  const toml::node* node = take(key);
  if (node == nullptr) return std::nullopt;
  const auto* s = node->as_string();
  if (s == nullptr) fail(key, "must be a string");
  if (s->get().empty() && empty == Empty::Refused) fail(key, "must not be empty");
  return s->get();
}

std::optional<double> Reader::time_s(std::string_view key) {
  const toml::node* node = take(key);
  if (node == nullptr) return std::nullopt;
  if (const auto* s = node->as_string()) {
    const auto t = parse_time_s(s->get());
    if (!t) {
      fail(key, "bad time \"" + s->get() + "\": use seconds or 90s, 30m, 2h, 1d, 1d 12:00, 12:00");
    }
    return t;
  }
  if (!node->is_number()) fail(key, "must be a time: seconds, or a string like \"1d 12:00\"");
  const double v = node->value<double>().value_or(0);
  if (!(v >= 0) || !std::isfinite(v)) fail(key, "must be a time >= 0, not " + number_text(v));
  return v;
}

const toml::table* Reader::table(std::string_view key) {
  const toml::node* node = take(key);
  if (node == nullptr) return nullptr;
  const auto* t = node->as_table();
  if (t == nullptr) fail(key, "must be a table: [" + path(key) + "]");
  return t;
}

void Reader::each_table(std::string_view key, const std::function<void(Reader&)>& each) {
  const toml::node* node = take(key);
  if (node == nullptr) return;
  const auto* array = node->as_array();
  if (array == nullptr) fail(key, "must be an array of tables: [[" + path(key) + "]]");
  for (std::size_t i = 0; i < array->size(); ++i) {
    // Counted from 1, as a reader counts the [[...]] headers in the file.
    const std::string element = path(key) + "[" + std::to_string(i + 1) + "]";
    const auto* t = (*array)[i].as_table();
    if (t == nullptr) {
      fail_at(source_, (*array)[i].source().begin.line, element, "must be a table");
    }
    Reader r(*t, element, source_);
    each(r);
    r.finish();
  }
}

void Reader::finish() const {
  const toml::node* first = nullptr;
  std::string_view first_key;
  for (const auto& [key, node] : table_) {
    if (known_.contains(key.str())) continue;
    if (first == nullptr || node.source().begin.line < first->source().begin.line) {
      first = &node;
      first_key = key.str();
    }
  }
  if (first != nullptr) fail(first_key, "unknown key" + did_you_mean(first_key, known_));
}

}  // namespace lfpbms::sim::scenario_detail
