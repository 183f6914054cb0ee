#pragma once
// The bank's internal RS485 bus in the twin (CO-3): every frame takes its wire time (10 bits a
// character at the bus's baud rate) after the sender's turnaround, then reaches every node on
// the bus at once, its sender included (an RS485 transceiver hears itself). Two frames on the
// wire at the same time collide: every node hears both garbled where they overlap. A node whose
// cable is cut is heard by nobody and hears nobody but itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lfpbms::sim {

class BusListener {
 public:
  // One frame as heard on the bus, at `t_s` (when its last character arrived).
  virtual void on_bus(const char* data, std::size_t length, double t_s) = 0;

 protected:
  ~BusListener() = default;
};

struct BusStats {
  std::uint64_t frames = 0;
  std::uint64_t chars = 0;
  std::uint64_t collisions = 0;  // frames damaged by another on the wire
  double busy_s = 0;             // wire time
};

class InternalBus {
 public:
  static constexpr double kTurnaround_s = 0.001;  // (own) a node's reaction before it sends

  explicit InternalBus(std::uint32_t baud) : char_s_(10.0 / baud) {}

  // Node ids 0...n-1 in the order added.
  std::size_t add(BusListener& listener);
  void set_cut(std::size_t node, bool cut) { nodes_[node].cut = cut; }
  bool cut(std::size_t node) const { return nodes_[node].cut; }

  // Node `from` starts a frame at `t_s` (plus its turnaround).
  void send(std::size_t from, const char* data, std::size_t length, double t_s);
  // Delivers, in time order, every frame that is complete by `t_s`; what the deliveries cause
  // is delivered too when it is complete by then.
  void run_until(double t_s);

  const BusStats& stats() const { return stats_; }
  double char_s() const { return char_s_; }

 private:
  struct Node {
    BusListener* listener = nullptr;
    bool cut = false;
  };
  struct Transfer {
    std::size_t from;
    double start_s, end_s;
    std::string chars;
    bool on_wire;  // not cut off: it can meet others
    std::vector<std::pair<double, double>> overlaps;
  };
  void mark_overlaps(Transfer& t);
  std::string heard(const Transfer& t) const;

  double char_s_;
  std::vector<Node> nodes_;
  std::vector<Transfer> pending_;  // few at a time: a polled bus has one talker
  BusStats stats_;
};

}  // namespace lfpbms::sim
