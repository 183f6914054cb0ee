#pragma once
// The signal side of a bank in the twin: each pack's address switch, the Link IN / Link OUT
// chain (pack i's Link IN is pack i-1's Link OUT, in the scenario's order), the open-collector
// wake line every pack can pull, and the internal bus. Each pack's firmware sees its share
// through a hal::BankPort.
#include <cstdint>
#include <memory>
#include <vector>

#include "hal/bank_port.hpp"
#include "sim/bank/internal_bus.hpp"

namespace lfpbms::sim {

class BankWiring {
 public:
  BankWiring(std::size_t packs, std::uint32_t baud);
  ~BankWiring();
  BankWiring(const BankWiring&) = delete;
  BankWiring& operator=(const BankWiring&) = delete;

  hal::BankPort& port(std::size_t pack);
  // The pack's bus transceiver: what it hears goes to `listener`.
  void attach(std::size_t pack, BusListener& listener);
  InternalBus& bus() { return bus_; }
  // When the firmware sends: the tick's time, or the time of the frame it answers.
  void set_now(double t_s) { now_s_ = t_s; }
  void set_dip(std::size_t pack, std::uint8_t value);
  // A pack's link cable (Link IN and the bus): unplugged, it is neither chained nor heard.
  void set_linked(std::size_t pack, bool linked);
  bool linked(std::size_t pack) const;
  void set_bus_cut(std::size_t pack, bool cut);

 private:
  class Port;
  std::vector<std::unique_ptr<Port>> ports_;
  InternalBus bus_;
  double now_s_ = 0;
};

}  // namespace lfpbms::sim
