#pragma once
// A small pack model in integer arithmetic that runs on the MCU itself: 16 cells on a
// piecewise-linear OCV curve with a series resistance, a current the script asks for and the
// BMS's FETs allow, scripted temperatures. It implements the firmware's hardware interfaces,
// so the unchanged core runs against it on the Cortex-M4 and on the PC alike.
#include <cstdint>

#include "hal/emulated_flash.hpp"
#include "hal/hardware.hpp"

namespace lfpbms::demo {

class Plant final : public hal::Board {
 public:
  static constexpr std::uint8_t kCells = 16;
  static constexpr std::int64_t kCapacity_mAs = 20LL * 1000 * 3600;  // 20 Ah: a short script
  // The flash: the four sectors the parameters' and estimates' A/B copies need (the default
  // FlashLayout; the demo keeps no event log), 512 B each, the smallest that holds a
  // parameter copy, to keep the MCU's RAM free. A real board uses 4 KiB serial NOR sectors.
  static constexpr std::size_t kSectorSize = 512;
  static constexpr std::size_t kSectors = 4;

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
    return unix_base_s_ + static_cast<std::uint32_t>(now_ms_ / 1000);
  }
  void set_unix_time_s(std::uint32_t t) override {
    unix_base_s_ = t - static_cast<std::uint32_t>(now_ms_ / 1000);
  }
  hal::Nvm& nvm() override { return flash_; }
  void set_contacts(const hal::ContactCommand&) override {}
  bool rapid_shutdown() override { return false; }
  bool passive_input() override { return false; }

 private:
  std::uint16_t cell_mV(std::uint8_t index) const;

  std::int64_t charge_mAs_;
  std::int32_t current_mA_ = 0;
  std::int16_t temperature_dC_ = 250;
  TimeMs now_ms_ = 0;
  std::uint32_t unix_base_s_ = 1767225600u;  // 2026-01-01
  hal::SwitchCommand switches_;
  std::uint8_t memory_[kSectors * kSectorSize];
  std::uint32_t wear_[kSectors];
  hal::EmulatedFlash flash_;
};

}  // namespace lfpbms::demo
