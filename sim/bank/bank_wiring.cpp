#include "sim/bank/bank_wiring.hpp"

namespace lfpbms::sim {

class BankWiring::Port final : public hal::BankPort, public hal::SerialPort {
 public:
  Port(BankWiring& wiring, std::size_t index) : w_(wiring), index_(index) {}

  std::uint8_t address_switch() override { return dip; }
  bool link_in_connected() override { return upstream() != nullptr; }
  bool link_in_token() override {
    const Port* up = upstream();
    return up != nullptr && up->token_out;
  }
  void set_link_out_token(bool on) override { token_out = on; }
  bool wake_line() override {
    for (const auto& p : w_.ports_) {
      if (p.get() != this && p->linked && p->wake_out) return linked;
    }
    return false;
  }
  void set_wake_line(bool on) override { wake_out = on; }
  hal::SerialPort& bus() override { return *this; }
  void send(const char* data, std::size_t length) override {
    w_.bus_.send(node, data, length, w_.now_s_);
  }

  std::uint8_t dip = 0;
  bool token_out = false;
  bool wake_out = false;
  bool linked = true;
  std::size_t node = 0;

 private:
  // The pack before this one on the chain, when both ends of the cable are plugged in.
  const Port* upstream() const {
    if (index_ == 0 || !linked || !w_.ports_[index_ - 1]->linked) return nullptr;
    return w_.ports_[index_ - 1].get();
  }

  BankWiring& w_;
  std::size_t index_;
};

BankWiring::BankWiring(std::size_t packs, std::uint32_t baud) : bus_(baud) {
  for (std::size_t i = 0; i < packs; ++i) ports_.push_back(std::make_unique<Port>(*this, i));
}

BankWiring::~BankWiring() = default;

hal::BankPort& BankWiring::port(std::size_t pack) {
  return *ports_.at(pack);
}

void BankWiring::attach(std::size_t pack, BusListener& listener) {
  ports_.at(pack)->node = bus_.add(listener);
}

void BankWiring::set_dip(std::size_t pack, std::uint8_t value) {
  ports_.at(pack)->dip = value;
}

void BankWiring::set_linked(std::size_t pack, bool linked) {
  ports_.at(pack)->linked = linked;
}

bool BankWiring::linked(std::size_t pack) const {
  return ports_.at(pack)->linked;
}

void BankWiring::set_bus_cut(std::size_t pack, bool cut) {
  bus_.set_cut(ports_.at(pack)->node, cut);
}

}  // namespace lfpbms::sim
