#include "sim/bank/internal_bus.hpp"

#include <algorithm>

namespace lfpbms::sim {

namespace {
constexpr char kGarbled = '?';  // what a receiver makes of two drivers at once: no hex digit
}

std::size_t InternalBus::add(BusListener& listener) {
  nodes_.push_back({&listener, false});
  return nodes_.size() - 1;
}

void InternalBus::send(std::size_t from, const char* data, std::size_t length, double t_s) {
  Transfer t{from, t_s + kTurnaround_s, 0, std::string(data, length), !nodes_[from].cut, {}};
  t.end_s = t.start_s + static_cast<double>(length) * char_s_;
  mark_overlaps(t);
  pending_.push_back(std::move(t));
}

void InternalBus::mark_overlaps(Transfer& t) {
  if (!t.on_wire) return;
  for (Transfer& other : pending_) {
    if (!other.on_wire) continue;
    const double from_s = std::max(t.start_s, other.start_s);
    const double to_s = std::min(t.end_s, other.end_s);
    if (from_s >= to_s) continue;
    t.overlaps.emplace_back(from_s, to_s);
    other.overlaps.emplace_back(from_s, to_s);
  }
}

// The characters on the wire during an overlap are lost to everyone.
std::string InternalBus::heard(const Transfer& t) const {
  std::string chars = t.chars;
  for (const auto& [from_s, to_s] : t.overlaps) {
    const auto first = static_cast<std::size_t>(std::max(0.0, (from_s - t.start_s) / char_s_));
    const auto last = static_cast<std::size_t>((to_s - t.start_s) / char_s_ + 1.0);
    for (std::size_t i = first; i < std::min(last, chars.size()); ++i) chars[i] = kGarbled;
  }
  return chars;
}

void InternalBus::run_until(double t_s) {
  while (!pending_.empty()) {
    const auto next =
        std::min_element(pending_.begin(), pending_.end(),
                         [](const Transfer& a, const Transfer& b) { return a.end_s < b.end_s; });
    if (next->end_s > t_s) return;
    Transfer t = std::move(*next);
    pending_.erase(next);
    ++stats_.frames;
    stats_.chars += t.chars.size();
    stats_.busy_s += t.end_s - t.start_s;
    if (!t.overlaps.empty()) ++stats_.collisions;
    const std::string chars = heard(t);
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const bool self = i == t.from;
      if (!self && (!t.on_wire || nodes_[i].cut)) continue;
      nodes_[i].listener->on_bus(chars.data(), chars.size(), t.end_s);
    }
  }
}

}  // namespace lfpbms::sim
