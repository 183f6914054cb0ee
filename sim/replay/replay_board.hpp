#pragma once
// The board the firmware runs on in a replay: every hardware interface of firmware/hal, reading
// the recorded values the replay sets before each tick. What the firmware commands (FETs,
// bleed resistors, LEDs) is kept for the outputs but changes nothing: the log was recorded
// with whatever the real hardware did.
#include <array>
#include <cstdint>
#include <vector>

#include "hal/emulated_flash.hpp"
#include "hal/hardware.hpp"

namespace lfpbms::sim {

class ReplayBoard final : public hal::Board {
 public:
  explicit ReplayBoard(std::uint8_t series_count);
  ReplayBoard(const ReplayBoard&) = delete;  // the flash points into this board's memory
  ReplayBoard& operator=(const ReplayBoard&) = delete;

  // --- the replay's side: one row in the firmware's units -------------------------------
  void set_time_ms(TimeMs t) { now_ms_ = t; }
  void set_cells_mV(const std::array<std::uint16_t, kMaxCells>& cell_mV);
  void set_current_mA(std::int32_t current_mA) { current_mA_ = current_mA; }
  void set_temperature_dC(std::int16_t t) { temperature_dC_ = t; }
  const hal::SwitchCommand& switches() const { return switches_; }
  std::uint16_t balancing_mask() const { return balancing_; }

  // --- firmware/hal ---------------------------------------------------------------------
  bool read(hal::CellSample& out) override;
  void set_balancing(std::uint16_t mask) override { balancing_ = mask; }
  void configure_short_circuit(std::int32_t, std::int32_t) override {}  // no comparator to arm
  bool read(hal::CurrentSample& out) override;
  bool read(hal::TemperatureSample& out) override;
  void apply(const hal::SwitchCommand& command) override { switches_ = command; }
  void show(const hal::IndicatorFrame&) override {}
  bool pressed() override { return false; }
  TimeMs now_ms() override { return now_ms_; }
  std::uint32_t unix_time_s() override;
  void set_unix_time_s(std::uint32_t t) override;
  hal::Nvm& nvm() override { return flash_; }  // as the twin's: 16 sectors of 4 KiB
  void set_contacts(const hal::ContactCommand&) override {}
  bool rapid_shutdown() override { return false; }
  bool passive_input() override { return false; }

 private:
  std::uint8_t series_;
  std::array<std::uint16_t, kMaxCells> cell_mV_{};
  std::int32_t current_mA_ = 0;
  std::int16_t temperature_dC_ = 250;
  TimeMs now_ms_ = 0;
  hal::SwitchCommand switches_;
  std::uint16_t balancing_ = 0;
  std::uint32_t unix_base_s_;
  std::vector<std::uint8_t> memory_;
  std::vector<std::uint32_t> wear_;
  hal::EmulatedFlash flash_;
};

}  // namespace lfpbms::sim
