#include "sim/pack/twin_board.hpp"

#include <algorithm>
#include <cmath>

namespace lfpbms::sim {

namespace {
constexpr std::size_t kGaussBits = 12;
constexpr std::uint32_t kStartUnix_s = 1774972800;  // 2026-04-01 00:00 UTC, the run's start
constexpr std::size_t kFlashSectors = 16;
constexpr std::size_t kFlashSectorSize = 4096;
constexpr double kCellNoise_mV = 0.8;
constexpr double kCellOffsetSigma_mV = 1.5;
constexpr double kPackGainError = 0.002;
constexpr double kCurrentNoise_A = 0.03;
constexpr double kNtcOffsetSigma_C = 0.5;
constexpr std::int16_t kNtcOpen_dC = -800;  // an open NTC reads as extreme cold
constexpr std::int16_t kNtcShort_dC = 2000;

// Rounds to the nearest integer; inline, since the front end converts ~25 readings a tick.
std::int64_t nearest(double x) {
  return static_cast<std::int64_t>(x < 0 ? x - 0.5 : x + 0.5);
}

std::uint16_t to_mV16(double mV) {
  return static_cast<std::uint16_t>(nearest(std::clamp(mV, 0.0, 65535.0)));
}
}  // namespace

std::size_t ntc_cell(std::size_t ntc, std::size_t ntc_count, std::size_t series) {
  // Spread evenly: with 4 NTCs on 16 cells they sit on cells 3, 7, 11 and 15 (1-based).
  return std::min(series - 1, (2 * ntc + 1) * series / (2 * ntc_count));
}

TwinBoard::TwinBoard(Pack& pack, PowerPath& path, Thermal& thermal, std::uint8_t ntc_count,
                     Random rng, const SensorSetup& sensors)
    : pack_(pack),
      path_(path),
      thermal_(thermal),
      ntc_count_(ntc_count),
      rng_(rng),
      cell_noise_mV_(sensors.cell_noise_mV.value_or(kCellNoise_mV)),
      unix_base_s_(kStartUnix_s),
      memory_(kFlashSectors * kFlashSectorSize, 0xFF),
      wear_(kFlashSectors),
      flash_(memory_.data(), memory_.size(), kFlashSectorSize, wear_.data()) {
  gauss_.resize(std::size_t{1} << kGaussBits);
  for (auto& g : gauss_) g = rng_.normal(0, 1);
  for (std::size_t i = 0; i < pack.series_count(); ++i) {
    cell_offset_mV_.push_back(rng_.normal(0, kCellOffsetSigma_mV));
  }
  for (auto& o : ntc_offset_C_) o = rng_.normal(0, kNtcOffsetSigma_C);
  shunt_gain_ = 1.0 + rng_.normal(0, 0.004);
  shunt_offset_A_ = rng_.normal(0, 0.05);
  fix_errors(sensors);
}

// After the usual draws, so that a board without fixed errors reads as it always did.
void TwinBoard::fix_errors(const SensorSetup& sensors) {
  if (sensors.current_gain_error_pct) shunt_gain_ = 1.0 + *sensors.current_gain_error_pct / 100.0;
  if (sensors.current_offset_A) shunt_offset_A_ = *sensors.current_offset_A;
  if (const auto mV = sensors.cell_offset_mV) {
    for (auto& o : cell_offset_mV_) o = rng_.uniform(-*mV, *mV);
  }
  if (const auto C = sensors.temperature_error_C) {
    for (auto& o : ntc_offset_C_) o = rng_.uniform(-*C, *C);
  }
}

double TwinBoard::noise() {
  if (bits_left_ < static_cast<int>(kGaussBits)) {
    bits_ = rng_.next();
    bits_left_ = 64;
  }
  const double g = gauss_[bits_ & ((std::uint64_t{1} << kGaussBits) - 1)];
  bits_ >>= kGaussBits;
  bits_left_ -= static_cast<int>(kGaussBits);
  return g;
}

bool TwinBoard::read(hal::CellSample& out) {
  double sum_V = 0;
  for (std::size_t i = 0; i < pack_.series_count(); ++i) {
    const double v = pack_.cell_V(i, truth_.pack_current_A);
    sum_V += v;
    const bool open = (faults.open_lines >> i & 1u) != 0;
    out.cell_voltage_mV[i] =
        open ? 0 : to_mV16(v * 1000.0 + cell_offset_mV_[i] + cell_noise_mV_ * noise());
  }
  out.open_wire_mask = faults.open_lines;
  out.pack_voltage_mV = static_cast<std::uint32_t>(
      std::max(0.0, sum_V * 1000.0 * (1.0 + kPackGainError) + 15.0 * noise()));
  out.terminal_voltage_mV =
      static_cast<std::int32_t>(nearest(truth_.terminal_V * 1000.0 + 20.0 * noise()));
  out.adc_fault = false;
  return true;
}

void TwinBoard::configure_short_circuit(std::int32_t threshold_mA, std::int32_t delay_us) {
  path_.configure_short_circuit(threshold_mA / 1000.0, delay_us);
}

bool TwinBoard::read(hal::CurrentSample& out) {
  double a = truth_.current_A * shunt_gain_ + shunt_offset_A_ + kCurrentNoise_A * noise();
  if (faults.current_stuck) {
    a = stuck_A_;
  } else {
    stuck_A_ = a;
  }
  a += faults.current_offset_A;
  out.current_mA = static_cast<std::int32_t>(nearest(a * 1000.0));
  out.fault = false;
  return true;
}

std::int16_t TwinBoard::ntc_dC(std::size_t index, double true_C) {
  if (faults.ntc_open[index]) return kNtcOpen_dC;
  if (faults.ntc_short[index]) return kNtcShort_dC;
  const double c = true_C + ntc_offset_C_[index] + 0.05 * noise();
  return static_cast<std::int16_t>(nearest(c * 10.0));
}

TrueReadings TwinBoard::true_readings() const {
  TrueReadings t;
  for (std::size_t i = 0; i < pack_.series_count(); ++i) {
    t.cell_V.push_back(pack_.cell_V(i, truth_.pack_current_A));
    t.pack_V += t.cell_V.back();
  }
  t.current_A = truth_.current_A;
  const auto& cells = thermal_.cell_C();
  for (std::size_t n = 0; n < ntc_count_; ++n) {
    t.temperature_C.push_back(cells[ntc_cell(n, ntc_count_, cells.size())]);
  }
  t.temperature_C.push_back(thermal_.mosfet_C());
  t.temperature_C.push_back(thermal_.enclosure_C());
  return t;
}

bool TwinBoard::read(hal::TemperatureSample& out) {
  const auto& cells = thermal_.cell_C();
  for (std::size_t i = 0; i < out.cell_temperature_dC.size(); ++i) {
    const std::size_t n = std::min<std::size_t>(i, ntc_count_ - 1);  // unused inputs repeat
    out.cell_temperature_dC[i] = ntc_dC(n, cells[ntc_cell(n, ntc_count_, cells.size())]);
  }
  out.mosfet_temperature_dC = ntc_dC(4, thermal_.mosfet_C());
  out.ambient_temperature_dC = ntc_dC(5, thermal_.enclosure_C());
  return true;
}

void TwinBoard::apply(const hal::SwitchCommand& command) {
  path_.command(command);
  heater_ = command.heater;
}

std::uint32_t TwinBoard::unix_time_s() {
  return unix_base_s_ + static_cast<std::uint32_t>(now_ms_ / 1000);
}

void TwinBoard::set_unix_time_s(std::uint32_t t) {
  unix_base_s_ = t - static_cast<std::uint32_t>(now_ms_ / 1000);
}

}  // namespace lfpbms::sim
