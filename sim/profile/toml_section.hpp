#pragma once
// A strict reader over one TOML table of a profile: every value is asked for by key, with its
// type and range; what was never asked for is an unknown key. Every complaint is a
// ProfileError "file:line: key: message" at the line of the key (or of its table when absent).
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace lfpbms::sim::profile_detail {

class TomlSection {
 public:
  // `path` is the table's dotted name ("" for the file's top level).
  TomlSection(const toml::table& table, std::string path, const std::string& file);

  std::string key_path(std::string_view key) const;
  bool has(std::string_view key) {
    asked_.emplace(key);
    return table_->contains(key);
  }
  int line(std::string_view key) const;  // of the key, or of the table when it is absent
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;

  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optional_integer(std::string_view key, std::int64_t min,
                                               std::int64_t max);
  double number(std::string_view key, double min, double max);  // integer or float
  bool boolean(std::string_view key);
  std::string text(std::string_view key);  // a non-empty string
  // A string that must be one of `options`; returns its index.
  std::size_t choice(std::string_view key, const std::vector<std::string_view>& options);
  std::optional<std::vector<double>> optional_numbers(std::string_view key, double min, double max);
  TomlSection table(std::string_view key);
  std::optional<TomlSection> optional_table(std::string_view key);

  // Every key of the table, for sections whose keys are data (the parameter names).
  std::vector<std::string> keys() const;
  const toml::node& value(std::string_view key);  // present (else a "missing" error)
  // The first key (by line) that no reader asked for is an error.
  void reject_unknown() const;

 private:
  const toml::node* find(std::string_view key);
  const toml::node& require(std::string_view key);
  std::int64_t checked_integer(std::string_view key, const toml::node& node, std::int64_t min,
                               std::int64_t max) const;
  double checked_number(std::string_view key, const toml::node& node, double min, double max) const;
  [[noreturn]] void wrong_type(std::string_view key, const toml::node& node,
                               std::string_view expected) const;

  const toml::table* table_;
  std::string path_;
  const std::string* file_;
  std::set<std::string, std::less<>> asked_;
};

const char* toml_type_name(const toml::node& node);
// "file:line: key: message"
std::string profile_error_text(const std::string& file, int line, std::string_view key,
                               const std::string& message);

}  // namespace lfpbms::sim::profile_detail
