#pragma once
// A whole board in memory for unit tests and the self-test: every hardware interface, with
// inputs the test sets and outputs it reads back. Not part of the firmware.
#include <algorithm>
#include <vector>

#include "events/event.hpp"
#include "hal/emulated_flash.hpp"
#include "hal/hardware.hpp"

namespace lfpbms::fakes {

// Its flash: 4 KiB sectors as the firmware's default layout expects (pack_config.hpp),
// 64 KiB unless a test asks otherwise.
class FakeBoard final : public hal::Board, public hal::Nvm {
 public:
  static constexpr std::size_t kSectorSize = 4096;

  explicit FakeBoard(std::uint8_t series_count = 16, std::size_t nvm_size = 16 * kSectorSize)
      : memory(nvm_size, 0xFF),
        wear(nvm_size / kSectorSize + 1),
        flash(memory.data(), nvm_size, kSectorSize, wear.data()),
        series_(series_count) {
    set_cells(3300);
    set_temperatures(250);
  }
  FakeBoard(const FakeBoard&) = delete;  // the flash points into this board's memory
  FakeBoard& operator=(const FakeBoard&) = delete;

  // --- inputs ---------------------------------------------------------------------------
  void set_cells(std::uint16_t mV) {
    for (std::uint8_t i = 0; i < series_; ++i) cell.cell_voltage_mV[i] = mV;
    settle();
  }
  void set_cell(std::uint8_t index, std::uint16_t mV) {
    cell.cell_voltage_mV[index] = mV;
    settle();
  }
  // Pack voltage follows the cells; the terminals follow the pack unless pinned.
  void settle() {
    std::uint32_t sum = 0;
    for (std::uint8_t i = 0; i < series_; ++i) sum += cell.cell_voltage_mV[i];
    cell.pack_voltage_mV = sum;
    if (!terminal_pinned) cell.terminal_voltage_mV = static_cast<std::int32_t>(sum);
  }
  void pin_terminals(std::int32_t mV) {
    terminal_pinned = true;
    cell.terminal_voltage_mV = mV;
  }
  void release_terminals() {
    terminal_pinned = false;
    settle();
  }
  void set_temperatures(std::int16_t dC) {
    temperature.cell_temperature_dC.fill(dC);
    temperature.mosfet_temperature_dC = dC;
    temperature.ambient_temperature_dC = dC;
  }
  void set_current(std::int32_t mA) { amps.current_mA = mA; }
  void advance(TimeMs ms) { time_ms += ms; }

  hal::CellSample cell;
  bool cells_ok = true;
  hal::CurrentSample amps;
  bool current_ok = true;
  hal::TemperatureSample temperature;
  bool temperatures_ok = true;
  bool button_down = false;
  bool rapid = false;
  bool passive = false;
  bool terminal_pinned = false;
  TimeMs time_ms = 0;
  std::uint32_t unix_s = 1767225600;  // 2026-01-01

  // --- outputs --------------------------------------------------------------------------
  hal::SwitchCommand switches;
  hal::IndicatorFrame frame;
  hal::ContactCommand contacts;
  std::uint16_t balancing = 0;
  std::int32_t scp_threshold_mA = 0;
  std::int32_t scp_delay_us = 0;
  std::vector<std::uint8_t> memory;  // the flash's bytes, for tests to inspect and damage
  std::vector<std::uint32_t> wear;
  hal::EmulatedFlash flash;
  std::size_t nvm_writes = 0;  // program() calls that succeeded
  bool nvm_fail = false;       // every erase and program fails, nothing changes

  // --- interfaces -----------------------------------------------------------------------
  bool read(hal::CellSample& out) override {
    if (cells_ok) out = cell;
    return cells_ok;
  }
  void set_balancing(std::uint16_t mask) override { balancing = mask; }
  void configure_short_circuit(std::int32_t threshold_mA, std::int32_t delay_us) override {
    scp_threshold_mA = threshold_mA;
    scp_delay_us = delay_us;
  }
  bool read(hal::CurrentSample& out) override {
    if (current_ok) out = amps;
    return current_ok;
  }
  bool read(hal::TemperatureSample& out) override {
    if (temperatures_ok) out = temperature;
    return temperatures_ok;
  }
  void apply(const hal::SwitchCommand& command) override { switches = command; }
  void show(const hal::IndicatorFrame& f) override { frame = f; }
  bool pressed() override { return button_down; }
  TimeMs now_ms() override { return time_ms; }
  std::uint32_t unix_time_s() override {
    return unix_s + static_cast<std::uint32_t>(time_ms / 1000);
  }
  void set_unix_time_s(std::uint32_t t) override {
    unix_s = t - static_cast<std::uint32_t>(time_ms / 1000);
  }
  hal::Nvm& nvm() override { return *this; }
  std::size_t size() const override { return flash.size(); }
  std::size_t sector_size() const override { return flash.sector_size(); }
  bool read(std::size_t offset, std::uint8_t* data, std::size_t length) override {
    return flash.read(offset, data, length);
  }
  bool erase_sector(std::size_t index) override { return !nvm_fail && flash.erase_sector(index); }
  bool program(std::size_t offset, const std::uint8_t* data, std::size_t length) override {
    if (nvm_fail || !flash.program(offset, data, length)) return false;
    ++nvm_writes;
    return true;
  }
  void set_contacts(const hal::ContactCommand& command) override { contacts = command; }
  bool rapid_shutdown() override { return rapid; }
  bool passive_input() override { return passive; }

 private:
  std::uint8_t series_;
};

// Keeps every event, for assertions.
class EventLog final : public EventSink {
 public:
  void record(const Event& e) override { events.push_back(e); }
  std::size_t count(EventKind kind, std::uint8_t source) const {
    return static_cast<std::size_t>(
        std::count_if(events.begin(), events.end(),
                      [&](const Event& e) { return e.kind == kind && e.source == source; }));
  }
  std::size_t count(SystemEvent e) const {
    return count(EventKind::System, static_cast<std::uint8_t>(e));
  }
  std::vector<Event> events;
};

}  // namespace lfpbms::fakes
