#pragma once
// Reading one TOML table of a scenario file: typed values checked against a range, the line of
// each key for the error, and a final check that every key was asked for, so that a misspelt
// key is refused instead of silently falling back to its default.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <toml++/toml.h>

namespace lfpbms::sim::scenario_detail {

enum class Empty : bool { Refused, Allowed };

// [min, max], or (min, max] when min_exclusive.
struct Range {
  double min = 0;
  double max = 0;
  bool min_exclusive = false;
};

std::string number_text(double value);  // shortest form: 5, 0.35, 1e+06
std::string range_text(const Range& range);
// " (did you mean initial_soc?)" when one of `known` is a likely typo source for `key`, else "".
std::string did_you_mean(std::string_view key, const std::set<std::string, std::less<>>& known);

// Throws the ScenarioError "source:line: key: message".
[[noreturn]] void fail_at(const std::string& source, std::uint32_t line, std::string_view key,
                          std::string_view message);

class Reader {
 public:
  // `path` names the table in errors: "" for the root, "pack", "fault[2]".
  Reader(const toml::table& table, std::string path, const std::string& source);

  const std::string& source() const { return source_; }
  std::string path(std::string_view key) const;    // "fault[2].kind"
  std::uint32_t line(std::string_view key) const;  // the key's, or the table's when absent
  std::uint32_t table_line() const;                // the table's header ([[x]]), or its first key
  std::string where() const;                       // "source:table_line", for the runner's errors
  [[noreturn]] void fail(std::string_view key, std::string_view message) const;
  [[noreturn]] void fail_table(std::string_view message) const;  // about the table itself
  // Of keys that are only wrong together, the one written last: where the reader stopped.
  std::string_view latest(std::initializer_list<std::string_view> keys) const;

  bool has(std::string_view key) const { return table_.get(key) != nullptr; }
  // Each getter marks `key` as known; absent keys give nothing, wrong types and values throw.
  std::optional<double> number(std::string_view key, const Range& range);
  double number(std::string_view key, double fallback, const Range& range) {
    return number(key, range).value_or(fallback);
  }
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<bool> flag(std::string_view key);
  std::optional<std::string> text(std::string_view key, Empty empty = Empty::Refused);
  std::optional<double> time_s(std::string_view key);  // >= 0, see scenario_time.hpp
  const toml::table* table(std::string_view key);
  // An array whose every element is a table ([[key]]); `each` gets a reader per element.
  void each_table(std::string_view key, const std::function<void(Reader&)>& each);

  // Throws for the first key (in file order) that no getter asked for.
  void finish() const;

 private:
  const toml::node* take(std::string_view key);

  const toml::table& table_;
  std::string path_;
  const std::string& source_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace lfpbms::sim::scenario_detail
