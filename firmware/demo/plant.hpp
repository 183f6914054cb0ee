#pragma once
// A small pack model in integer arithmetic that runs on the MCU itself: 16 cells on a
// piecewise-linear OCV curve with a series resistance, a current the script asks for and the
// BMS's FETs allow, scripted temperatures. It implements the firmware's hardware interfaces,
// so the unchanged core runs against it on the Cortex-M4 and on the PC alike.
#include <cstdint>

#include "hal/hardware.hpp"

namespace lfpbms::demo {

class Plant final : public hal::Board {
 public:
  static constexpr std::uint8_t kCells = 16;
  static constexpr std::int64_t kCapacity_mAs = 20LL * 1000 * 3600;  // 20 Ah: a short script

  explicit Plant(std::int32_t soc_pptt);

  // One 100 ms step: the script's current flows if the FETs let it.
  void step(std::int32_t request_mA);
  void set_temperature_dC(std::int16_t dC) { temperature_dC_ = dC; }
  std::int32_t current_mA() const { return current_mA_; }
  std::int32_t soc_pptt() const;
  const hal::SwitchCommand& switches() const { return switches_; }

  bool read(hal::CellSample& out) override;
  void set_balancing(std::uint16_t) override {}
  void configure_short_circuit(std::int32_t, std::int32_t) override {}
  bool read(hal::CurrentSample& out) override;
  bool read(hal::TemperatureSample& out) override;
  void apply(const hal::SwitchCommand& c) override { switches_ = c; }
  void show(const hal::IndicatorFrame&) override {}
  bool pressed() override { return false; }
  TimeMs now_ms() override { return now_ms_; }
  std::uint32_t unix_time_s() override {
    return 1767225600u + static_cast<std::uint32_t>(now_ms_ / 1000);
  }
  std::size_t size() const override { return sizeof(memory_); }
  bool read(std::size_t offset, std::uint8_t* data, std::size_t length) override;
  bool write(std::size_t offset, const std::uint8_t* data, std::size_t length) override;
  void set_contacts(const hal::ContactCommand&) override {}
  bool rapid_shutdown() override { return false; }
  bool passive_input() override { return false; }

 private:
  std::uint16_t cell_mV(std::uint8_t index) const;

  std::int64_t charge_mAs_;
  std::int32_t current_mA_ = 0;
  std::int16_t temperature_dC_ = 250;
  TimeMs now_ms_ = 0;
  hal::SwitchCommand switches_;
  std::uint8_t memory_[1024] = {};
};

}  // namespace lfpbms::demo
