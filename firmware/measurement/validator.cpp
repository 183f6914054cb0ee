#include "measurement/validator.hpp"

namespace lfpbms {

namespace {

// 64-bit: the magnitude of INT32_MIN does not fit in 32 bits, and a sensor that saturates
// there must read as out of range, not (after overflow) as 0 A inside the dead band.
std::int64_t abs64(std::int32_t v) {
  return v < 0 ? -static_cast<std::int64_t>(v) : v;
}

bool stale(bool have, TimeMs now, TimeMs at, std::int32_t max_age_ms) {
  return !have || elapsed_ms(now, at) > static_cast<TimeMs>(max_age_ms);
}

}  // namespace

Validator::Validator(std::uint8_t cell_count, std::uint8_t ntc_count) {
  // Never index past the sample arrays, whatever the configuration says.
  m_.cell_count = cell_count < kMaxCells ? cell_count : kMaxCells;
  m_.ntc_count = ntc_count < kCellNtcs ? ntc_count : kCellNtcs;
  m_.faults = cell_faults_ | current_faults_ | temperature_faults_;
}

const Measurements& Validator::update(TimeMs now, const ValidatorLimits& limits,
                                      const hal::CellSample* cells,
                                      const hal::CurrentSample* current,
                                      const hal::TemperatureSample* temperatures) {
  if (cells != nullptr) {
    take_cells(*cells, limits);
    cells_at_ = now;
    have_cells_ = true;
  }
  if (current != nullptr) {
    take_current(*current, limits);
    current_at_ = now;
    have_current_ = true;
  }
  if (temperatures != nullptr) {
    take_temperatures(*temperatures);
    temperatures_at_ = now;
    have_temperatures_ = true;
  }
  m_.time_ms = now;
  m_.faults = static_cast<std::uint16_t>(
      (cell_faults_ & ~kCellStale) | (current_faults_ & ~kCurrentStale) |
      (temperature_faults_ & ~kTemperatureStale));
  if (stale(have_cells_, now, cells_at_, limits.max_age_ms)) m_.faults |= kCellStale;
  if (stale(have_current_, now, current_at_, limits.max_age_ms)) m_.faults |= kCurrentStale;
  if (stale(have_temperatures_, now, temperatures_at_, limits.max_age_ms)) {
    m_.faults |= kTemperatureStale;
  }
  return m_;
}

void Validator::take_cells(const hal::CellSample& s, const ValidatorLimits& limits) {
  cell_faults_ = 0;
  m_.cell_voltage_mV = s.cell_voltage_mV;
  m_.pack_voltage_mV = s.pack_voltage_mV;
  m_.terminal_voltage_mV = s.terminal_voltage_mV;
  // Channels beyond the pack's cells are unconnected on a smaller pack: not a fault.
  const auto cells_mask = static_cast<std::uint16_t>((1u << m_.cell_count) - 1u);
  m_.open_wire_mask = static_cast<std::uint16_t>(s.open_wire_mask & cells_mask);
  if (s.adc_fault) cell_faults_ |= kCellAdc;
  if (m_.open_wire_mask != 0) cell_faults_ |= kCellLineOpen;

  std::uint32_t sum_mV = 0;
  m_.max_cell_mV = 0;
  m_.min_cell_mV = 0xFFFF;
  // Reset too: when every cell reads 0 (or 0xFFFF) the loop never moves them, and the index of
  // an older sample would point at the wrong cell.
  m_.max_cell_index = 0;
  m_.min_cell_index = 0;
  for (std::uint8_t i = 0; i < m_.cell_count; ++i) {
    const std::uint16_t v = s.cell_voltage_mV[i];
    if (v < kCellMin_mV || v > kCellMax_mV) cell_faults_ |= kCellLineOpen;
    sum_mV += v;
    if (v > m_.max_cell_mV) {
      m_.max_cell_mV = v;
      m_.max_cell_index = i;
    }
    if (v < m_.min_cell_mV) {
      m_.min_cell_mV = v;
      m_.min_cell_index = i;
    }
  }
  const auto diff = static_cast<std::int64_t>(sum_mV) - static_cast<std::int64_t>(s.pack_voltage_mV);
  if (diff > limits.pack_mismatch_mV || -diff > limits.pack_mismatch_mV) {
    cell_faults_ |= kPackMismatch;
  }
}

void Validator::take_current(const hal::CurrentSample& s, const ValidatorLimits& limits) {
  current_faults_ = 0;
  if (s.fault || abs64(s.current_mA) > kCurrentMax_mA) current_faults_ |= kCurrentSensor;
  m_.current_raw_mA = s.current_mA;
  m_.current_mA = abs64(s.current_mA) < limits.deadband_mA ? 0 : s.current_mA;
}

void Validator::take_temperatures(const hal::TemperatureSample& s) {
  temperature_faults_ = 0;
  m_.cell_temperature_dC = s.cell_temperature_dC;
  m_.mosfet_temperature_dC = s.mosfet_temperature_dC;
  m_.ambient_temperature_dC = s.ambient_temperature_dC;
  auto check = [this](std::int16_t t) {
    if (t < kNtcOpen_dC) temperature_faults_ |= kNtcOpen;
    if (t > kNtcShort_dC) temperature_faults_ |= kNtcShort;
  };
  m_.max_cell_temperature_dC = -32768;
  m_.min_cell_temperature_dC = 32767;
  for (std::uint8_t i = 0; i < m_.ntc_count; ++i) {
    const std::int16_t t = s.cell_temperature_dC[i];
    check(t);
    if (t > m_.max_cell_temperature_dC) m_.max_cell_temperature_dC = t;
    if (t < m_.min_cell_temperature_dC) m_.min_cell_temperature_dC = t;
  }
  check(s.mosfet_temperature_dC);
  check(s.ambient_temperature_dC);
}

}  // namespace lfpbms
