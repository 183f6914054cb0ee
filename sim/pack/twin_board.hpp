#pragma once
// The board the firmware runs on inside the twin: every hardware interface of firmware/hal,
// reading the twin's true state through sensor models (offset, gain, noise, quantisation,
// failures) and driving the twin's power path.
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "hal/emulated_flash.hpp"
#include "hal/hardware.hpp"
#include "sim/core/random.hpp"
#include "sim/pack/pack.hpp"
#include "sim/pack/power_path.hpp"
#include "sim/thermal/thermal.hpp"

namespace lfpbms::sim {

// Sensor failures switched by the fault schedule.
struct SensorFaults {
  std::array<bool, 6> ntc_open{};  // NTC 1...4, MOSFET, ambient
  std::array<bool, 6> ntc_short{};
  std::uint16_t open_lines = 0;  // bit i: the sense line of cell i+1
  bool current_stuck = false;
  double current_offset_A = 0;
};

// What the board measures from, refreshed by the simulation before each firmware tick.
struct BoardTruth {
  double current_A = 0;  // through the shunt, + charges
  double terminal_V = 0;
  double pack_current_A = 0;  // through the cells, for their terminal voltages
};

// What the sensors would read if they were perfect: for checking what the firmware reports
// against the truth (host-link tests, lfpbms sim --serve --truth).
struct TrueReadings {
  std::vector<double> cell_V;
  double pack_V = 0;
  double current_A = 0;               // through the shunt, + charges
  std::vector<double> temperature_C;  // the cell NTCs' cells, then MOSFET, then ambient
};

class TwinBoard final : public hal::Board {
 public:
  // `sensors` fixes errors that are otherwise drawn from `rng` (a scenario's [sensors]).
  TwinBoard(Pack& pack, PowerPath& path, Thermal& thermal, std::uint8_t ntc_count, Random rng,
            const SensorSetup& sensors = {});
  TwinBoard(const TwinBoard&) = delete;  // the flash points into this board's memory
  TwinBoard& operator=(const TwinBoard&) = delete;

  // --- the simulation's side ------------------------------------------------------------
  void set_time_ms(TimeMs t) { now_ms_ = t; }
  void set_truth(const BoardTruth& t) { truth_ = t; }
  TrueReadings true_readings() const;
  void set_button(bool down) { button_ = down; }
  void set_short_circuit_handler(std::function<void()> f) { on_short_ = std::move(f); }
  void short_circuit() {
    if (on_short_) on_short_();
  }
  SensorFaults faults;
  const hal::IndicatorFrame& frame() const { return frame_; }
  const hal::ContactCommand& contacts() const { return contacts_; }
  bool heater_on() const { return heater_; }

  // --- firmware/hal ---------------------------------------------------------------------
  bool read(hal::CellSample& out) override;
  void set_balancing(std::uint16_t mask) override { pack_.set_balancing(mask); }
  void configure_short_circuit(std::int32_t threshold_mA, std::int32_t delay_us) override;
  bool read(hal::CurrentSample& out) override;
  bool read(hal::TemperatureSample& out) override;
  void apply(const hal::SwitchCommand& command) override;
  void show(const hal::IndicatorFrame& f) override { frame_ = f; }
  bool pressed() override { return button_; }
  TimeMs now_ms() override { return now_ms_; }
  std::uint32_t unix_time_s() override;
  void set_unix_time_s(std::uint32_t t) override;
  // A serial NOR flash of 16 sectors of 4 KiB, erased at the start of a run.
  hal::Nvm& nvm() override { return flash_; }
  hal::EmulatedFlash& flash() { return flash_; }
  void set_contacts(const hal::ContactCommand& command) override { contacts_ = command; }
  bool rapid_shutdown() override { return false; }
  bool passive_input() override { return false; }

 private:
  double noise();  // N(0, 1) from a table: cheap enough for 25 readings a tick
  void fix_errors(const SensorSetup& sensors);
  std::int16_t ntc_dC(std::size_t index, double true_C);

  Pack& pack_;
  PowerPath& path_;
  Thermal& thermal_;
  std::uint8_t ntc_count_;
  Random rng_;
  std::vector<double> gauss_;
  std::uint64_t bits_ = 0;
  int bits_left_ = 0;
  std::vector<double> cell_offset_mV_;  // the front end's per-channel error
  double cell_noise_mV_;
  std::array<double, 6> ntc_offset_C_{};
  double shunt_gain_ = 1.0;
  double shunt_offset_A_ = 0;
  double stuck_A_ = 0;
  BoardTruth truth_;
  TimeMs now_ms_ = 0;
  bool button_ = false;
  bool heater_ = false;
  hal::IndicatorFrame frame_;
  hal::ContactCommand contacts_;
  std::uint32_t unix_base_s_;
  std::vector<std::uint8_t> memory_;
  std::vector<std::uint32_t> wear_;
  hal::EmulatedFlash flash_;
  std::function<void()> on_short_;
};

// Where each NTC sits along the string of `series` cells (0-based cell index).
std::size_t ntc_cell(std::size_t ntc, std::size_t ntc_count, std::size_t series);

}  // namespace lfpbms::sim
