#include "sim/replay/replay_log.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string_view>

namespace lfpbms::sim {

namespace {

constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
// Plausibility: beyond these the column is in another unit (mV, percent) or garbage.
constexpr double kMaxCell_V = 10.0;
constexpr double kSocRefMargin = 0.05;  // a coulomb-counted reference may overshoot 0 or 1 a bit
constexpr double kMinTemperature_C = -100.0;
constexpr double kMaxTemperature_C = 200.0;

// Where each known column sits in a row.
struct Layout {
  std::size_t fields = 0;
  std::size_t time = kAbsent, current = kAbsent, voltage = kAbsent;
  std::size_t temperature = kAbsent, soc_ref = kAbsent;
  std::array<std::size_t, kMaxCells> cells{};
  std::size_t cell_count = 0;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    const std::size_t comma = line.find(',', start);
    out.push_back(trim(line.substr(start, comma - start)));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

// "cell12_V" -> 12; nullopt for any other name.
std::optional<std::size_t> cell_number(std::string_view name) {
  if (!name.starts_with("cell") || !name.ends_with("_V") || name.size() < 7) return std::nullopt;
  const std::string_view digits = name.substr(4, name.size() - 6);
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size() || n == 0) return std::nullopt;
  return n;
}

std::string text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string join(const std::vector<std::string_view>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

class Reader {
 public:
  Reader(std::istream& in, const std::string& source) : in_(in) { log_.source = source; }
  ReplayLog read();

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw ReplayError(log_.source + ":" + std::to_string(line_) + ": " + message);
  }
  bool next_line(std::string& line);
  void header(std::string_view line);
  void place(std::string_view name, std::size_t index);
  void check_cells(const std::vector<std::string_view>& names);
  void require(std::size_t index, const char* name, const std::vector<std::string_view>& names);
  double number(std::string_view field, std::string_view column);
  double optional_number(std::size_t index, const std::vector<std::string_view>& f,
                         std::string_view column);
  void row(std::string_view line);
  void check_row(const LogRow& r);

  std::istream& in_;
  ReplayLog log_;
  Layout at_;
  std::array<std::size_t, kMaxCells + 1> cell_index_{};  // by 1-based cell number
  std::size_t line_ = 0;
};

bool Reader::next_line(std::string& line) {
  while (std::getline(in_, line)) {
    ++line_;
    if (line_ == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // a spreadsheet's BOM
    const std::string_view t = trim(line);
    if (!t.empty() && t.front() != '#') return true;
  }
  return false;
}

void Reader::place(std::string_view name, std::size_t index) {
  auto set = [&](std::size_t& slot) {
    if (slot != kAbsent) fail("column " + std::string(name) + " appears twice");
    slot = index;
  };
  if (name == "time_s") return set(at_.time);
  if (name == "current_A") return set(at_.current);
  if (name == "voltage_V") return set(at_.voltage);
  if (name == "temperature_C") return set(at_.temperature);
  if (name == "soc_ref") return set(at_.soc_ref);
  if (const auto n = cell_number(name)) {
    if (*n > kMaxCells) fail(std::string(name) + ": at most 16 cells in series");
    if (cell_index_[*n] != kAbsent) fail("column " + std::string(name) + " appears twice");
    cell_index_[*n] = index;
    return;
  }
  log_.ignored_columns.emplace_back(name);
}

void Reader::check_cells(const std::vector<std::string_view>& names) {
  std::size_t count = 0;
  while (count < kMaxCells && cell_index_[count + 1] != kAbsent) ++count;
  for (std::size_t n = count + 1; n <= kMaxCells; ++n) {
    if (cell_index_[n] != kAbsent) {
      fail("cell" + std::to_string(n) + "_V without cell" + std::to_string(count + 1) +
           "_V: cell columns run cell1_V...cellN_V");
    }
  }
  if (count > 0 && at_.voltage != kAbsent) fail("voltage_V and cell1_V...: give one or the other");
  if (count == 0 && at_.voltage == kAbsent) {
    fail("missing column voltage_V (one cell) or cell1_V...cellN_V (columns: " + join(names) + ")");
  }
  if (count == 1) at_.voltage = cell_index_[1];  // one cell column is a single cell
  at_.cell_count = count > 1 ? count : 0;
  for (std::size_t i = 0; i < at_.cell_count; ++i) at_.cells[i] = cell_index_[i + 1];
}

void Reader::require(std::size_t index, const char* name,
                     const std::vector<std::string_view>& names) {
  if (index == kAbsent) {
    fail(std::string("missing column ") + name + " (columns: " + join(names) + ")");
  }
}

void Reader::header(std::string_view line) {
  const std::vector<std::string_view> names = split(line);
  cell_index_.fill(kAbsent);
  for (std::size_t i = 0; i < names.size(); ++i) place(names[i], i);
  require(at_.time, "time_s", names);
  require(at_.current, "current_A", names);
  check_cells(names);
  at_.fields = names.size();
  log_.cell_columns = at_.cell_count;
  log_.has_temperature = at_.temperature != kAbsent;
  log_.has_soc_ref = at_.soc_ref != kAbsent;
}

double Reader::number(std::string_view field, std::string_view column) {
  if (field.empty()) fail(std::string(column) + ": empty");
  const std::string_view digits = field.starts_with('+') ? field.substr(1) : field;
  double v = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(v)) {
    fail(std::string(column) + ": '" + std::string(field) + "' is not a number");
  }
  return v;
}

double Reader::optional_number(std::size_t index, const std::vector<std::string_view>& f,
                               std::string_view column) {
  return index == kAbsent || f[index].empty() ? kNoValue : number(f[index], column);
}

void Reader::row(std::string_view line) {
  const std::vector<std::string_view> f = split(line);
  if (f.size() != at_.fields) {
    fail(std::to_string(f.size()) + " fields, the header has " + std::to_string(at_.fields));
  }
  LogRow r;
  r.line = line_;
  r.time_s = number(f[at_.time], "time_s");
  r.current_A = number(f[at_.current], "current_A");
  if (at_.cell_count == 0) {
    r.cell_V[0] = number(f[at_.voltage], "voltage_V");
  } else {
    for (std::size_t i = 0; i < at_.cell_count; ++i) {
      r.cell_V[i] = number(f[at_.cells[i]], "cell" + std::to_string(i + 1) + "_V");
    }
  }
  r.temperature_C = optional_number(at_.temperature, f, "temperature_C");
  r.soc_ref = optional_number(at_.soc_ref, f, "soc_ref");
  check_row(r);
  log_.rows.push_back(r);
}

void Reader::check_row(const LogRow& r) {
  if (!log_.rows.empty() && r.time_s <= log_.rows.back().time_s) {
    fail("time_s " + text(r.time_s) + " is not after the previous row's " +
         text(log_.rows.back().time_s) + " (line " + std::to_string(log_.rows.back().line) + ")");
  }
  const std::size_t cells = at_.cell_count == 0 ? 1 : at_.cell_count;
  for (std::size_t i = 0; i < cells; ++i) {
    if (r.cell_V[i] < 0 || r.cell_V[i] > kMaxCell_V) {
      fail(
          (at_.cell_count == 0 ? std::string("voltage_V") : "cell" + std::to_string(i + 1) + "_V") +
          ": " + text(r.cell_V[i]) + " is not a cell voltage in volts");
    }
  }
  if (r.soc_ref < -kSocRefMargin || r.soc_ref > 1.0 + kSocRefMargin) {
    fail("soc_ref: " + text(r.soc_ref) + " is outside 0...1 (a fraction, not percent)");
  }
  if (r.temperature_C < kMinTemperature_C || r.temperature_C > kMaxTemperature_C) {
    fail("temperature_C: " + text(r.temperature_C) + " is not a temperature in °C");
  }
}

ReplayLog Reader::read() {
  std::string line;
  if (!next_line(line)) throw ReplayError(log_.source + ": empty: no header row");
  header(line);
  while (next_line(line)) row(line);
  if (log_.rows.empty()) fail("no data rows after the header");
  return std::move(log_);
}

}  // namespace

ReplayLog parse_replay_log(std::istream& in, const std::string& source) {
  return Reader(in, source).read();
}

ReplayLog read_replay_log(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ReplayError(file.string() + ": cannot open");
  return parse_replay_log(in, file.string());
}

}  // namespace lfpbms::sim
