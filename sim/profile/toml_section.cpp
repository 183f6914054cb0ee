#include "sim/profile/toml_section.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "sim/profile/product_profile.hpp"

namespace lfpbms::sim::profile_detail {

namespace {

int line_of(const toml::source_region& source) {
  return std::max(1, static_cast<int>(source.begin.line));
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string joined(const std::set<std::string, std::less<>>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

std::string profile_error_text(const std::string& file, int line, std::string_view key,
                               const std::string& message) {
  return file + ":" + std::to_string(line) + ": " + std::string(key) + ": " + message;
}

const char* toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date/time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

TomlSection::TomlSection(const toml::table& table, std::string path, const std::string& file)
    : table_(&table), path_(std::move(path)), file_(&file) {}

std::string TomlSection::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

int TomlSection::line(std::string_view key) const {
  for (auto&& [k, node] : *table_) {
    if (k.str() == key) return line_of(k.source());
  }
  return line_of(table_->source());
}

void TomlSection::fail(std::string_view key, const std::string& message) const {
  throw ProfileError(profile_error_text(*file_, line(key), key_path(key), message));
}

const toml::node* TomlSection::find(std::string_view key) {
  asked_.emplace(key);
  return table_->get(key);
}

const toml::node& TomlSection::require(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) fail(key, "missing (required)");
  return *node;
}

const toml::node& TomlSection::value(std::string_view key) {
  return require(key);
}

void TomlSection::wrong_type(std::string_view key, const toml::node& node,
                             std::string_view expected) const {
  fail(key, "expected " + std::string(expected) + ", got " + toml_type_name(node));
}

std::int64_t TomlSection::checked_integer(std::string_view key, const toml::node& node,
                                          std::int64_t min, std::int64_t max) const {
  const auto* v = node.as_integer();
  if (v == nullptr) wrong_type(key, node, "an integer");
  const std::int64_t x = v->get();
  if (x < min || x > max) {
    fail(key, std::to_string(x) + " is out of range " + std::to_string(min) + "..." +
                  std::to_string(max));
  }
  return x;
}

double TomlSection::checked_number(std::string_view key, const toml::node& node, double min,
                                   double max) const {
  double x = 0;
  if (const auto* i = node.as_integer()) {
    x = static_cast<double>(i->get());
  } else if (const auto* f = node.as_floating_point()) {
    x = f->get();
  } else {
    wrong_type(key, node, "a number");
  }
  if (!std::isfinite(x) || x < min || x > max) {
    fail(key, number_text(x) + " is out of range " + number_text(min) + "..." + number_text(max));
  }
  return x;
}

std::int64_t TomlSection::integer(std::string_view key, std::int64_t min, std::int64_t max) {
  return checked_integer(key, require(key), min, max);
}

std::optional<std::int64_t> TomlSection::optional_integer(std::string_view key, std::int64_t min,
                                                          std::int64_t max) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  return checked_integer(key, *node, min, max);
}

double TomlSection::number(std::string_view key, double min, double max) {
  return checked_number(key, require(key), min, max);
}

bool TomlSection::boolean(std::string_view key) {
  const toml::node& node = require(key);
  const auto* v = node.as_boolean();
  if (v == nullptr) wrong_type(key, node, "a boolean (true/false)");
  return v->get();
}

std::string TomlSection::text(std::string_view key) {
  const toml::node& node = require(key);
  const auto* v = node.as_string();
  if (v == nullptr) wrong_type(key, node, "a string");
  if (v->get().empty()) fail(key, "must not be empty");
  return v->get();
}

std::size_t TomlSection::choice(std::string_view key,
                                const std::vector<std::string_view>& options) {
  const std::string given = text(key);
  const auto it = std::find(options.begin(), options.end(), given);
  if (it != options.end()) return static_cast<std::size_t>(it - options.begin());
  std::string list;
  for (auto option : options) list += (list.empty() ? "\"" : ", \"") + std::string(option) + "\"";
  fail(key, "\"" + given + "\" is not one of " + list);
}

std::optional<std::vector<double>> TomlSection::optional_numbers(std::string_view key, double min,
                                                                 double max) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  const auto* array = node->as_array();
  if (array == nullptr) wrong_type(key, *node, "an array of numbers");
  if (array->empty()) fail(key, "must not be empty");
  std::vector<double> out;
  for (const toml::node& item : *array) out.push_back(checked_number(key, item, min, max));
  return out;
}

TomlSection TomlSection::table(std::string_view key) {
  const toml::node& node = require(key);
  const auto* t = node.as_table();
  if (t == nullptr) wrong_type(key, node, "a table");
  return TomlSection(*t, key_path(key), *file_);
}

std::optional<TomlSection> TomlSection::optional_table(std::string_view key) {
  if (table_->get(key) == nullptr) {
    asked_.emplace(key);
    return std::nullopt;
  }
  return table(key);
}

std::vector<std::string> TomlSection::keys() const {
  std::vector<std::string> out;
  for (auto&& [k, node] : *table_) out.emplace_back(k.str());
  return out;
}

void TomlSection::reject_unknown() const {
  const toml::key* first = nullptr;
  for (auto&& [k, node] : *table_) {
    if (asked_.count(k.str()) != 0) continue;
    if (first == nullptr || k.source().begin.line < first->source().begin.line) first = &k;
  }
  if (first == nullptr) return;
  fail(first->str(), "unknown key (known here: " + joined(asked_) + ")");
}

}  // namespace lfpbms::sim::profile_detail
