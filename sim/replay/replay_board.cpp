#include "sim/replay/replay_board.hpp"

namespace lfpbms::sim {

namespace {
constexpr std::uint32_t kStartUnix_s = 1774972800;  // 2026-04-01 00:00 UTC, as in the twin
constexpr std::size_t kFlashSectors = 16;
constexpr std::size_t kFlashSectorSize = 4096;
}  // namespace

ReplayBoard::ReplayBoard(std::uint8_t series_count)
    : series_(series_count),
      unix_base_s_(kStartUnix_s),
      memory_(kFlashSectors * kFlashSectorSize, 0xFF),
      wear_(kFlashSectors),
      flash_(memory_.data(), memory_.size(), kFlashSectorSize, wear_.data()) {}

void ReplayBoard::set_cells_mV(const std::array<std::uint16_t, kMaxCells>& cell_mV) {
  cell_mV_ = cell_mV;
}

bool ReplayBoard::read(hal::CellSample& out) {
  std::uint32_t sum_mV = 0;
  for (std::size_t i = 0; i < kMaxCells; ++i) {
    out.cell_voltage_mV[i] = i < series_ ? cell_mV_[i] : 0;
    sum_mV += out.cell_voltage_mV[i];
  }
  out.pack_voltage_mV = sum_mV;
  // The recorded pack was connected to its charger or load: the terminals show the stack.
  out.terminal_voltage_mV = static_cast<std::int32_t>(sum_mV);
  out.open_wire_mask = 0;
  out.adc_fault = false;
  return true;
}

bool ReplayBoard::read(hal::CurrentSample& out) {
  out.current_mA = current_mA_;
  out.fault = false;
  return true;
}

bool ReplayBoard::read(hal::TemperatureSample& out) {
  // One recorded temperature stands for every sensor: NTCs, MOSFETs and the air.
  out.cell_temperature_dC.fill(temperature_dC_);
  out.mosfet_temperature_dC = temperature_dC_;
  out.ambient_temperature_dC = temperature_dC_;
  return true;
}

std::uint32_t ReplayBoard::unix_time_s() {
  return unix_base_s_ + static_cast<std::uint32_t>(now_ms_ / 1000);
}

void ReplayBoard::set_unix_time_s(std::uint32_t t) {
  unix_base_s_ = t - static_cast<std::uint32_t>(now_ms_ / 1000);
}

}  // namespace lfpbms::sim
