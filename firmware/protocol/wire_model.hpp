#pragma once
// What the host protocol carries about one pack, as blocks with units in the names, and the
// layout of each block on the wire (PROTOCOLS.md §1.1, §1.2). The battery fills the blocks from
// BmsStatus (pack_blocks.hpp); the Linux client decodes frames into the same blocks.
#include <array>
#include <cstdint>

#include "core/units.hpp"
#include "protocol/field_io.hpp"

namespace lfpbms::protocol {

inline constexpr std::uint8_t kMaxTemperatures = kCellNtcs + 2;  // cells, MOSFET, ambient

// CID2 42: analog values.
struct AnalogBlock {
  std::uint8_t cell_count = 0;
  std::array<std::uint16_t, kMaxCells> cell_voltage_mV{};
  std::uint8_t temperature_count = 0;  // cell NTCs, then MOSFET, then ambient
  std::array<std::int16_t, kMaxTemperatures> temperature_dC{};
  std::int32_t current_mA = 0;  // + charge
  std::uint16_t pack_voltage_mV = 0;
  std::int32_t remaining_mAh = 0;
  std::int32_t full_capacity_mAh = 0;
  std::uint16_t cycle_count = 0;
  std::int32_t design_capacity_mAh = 0;
};

// CID2 44: alarm and status. Alarm bytes: 00 normal, 01 below the lower limit, 02 above the
// upper limit, F0 other fault.
inline constexpr std::uint8_t kAlarmNormal = 0x00;
inline constexpr std::uint8_t kAlarmLow = 0x01;
inline constexpr std::uint8_t kAlarmHigh = 0x02;
inline constexpr std::uint8_t kAlarmOther = 0xF0;

struct AlarmBlock {
  std::uint8_t cell_count = 0;
  std::array<std::uint8_t, kMaxCells> cell_alarm{};
  std::uint8_t temperature_count = 0;
  std::array<std::uint8_t, kMaxTemperatures> temperature_alarm{};
  std::uint8_t charge_current_alarm = 0;
  std::uint8_t pack_voltage_alarm = 0;
  std::uint8_t discharge_current_alarm = 0;
  std::uint8_t protect1 = 0;  // b0 cell OV, b1 cell UV, b2 pack OV, b3 pack UV, b4 charge OC, b5
                              // discharge OC, b6 short circuit
  std::uint8_t protect2 =
      0;  // b0/b1 charge/discharge high T, b2/b3 low T, b4 MOSFET, b5/b6 ambient, b7 full
  std::uint8_t system = 0;  // b0 limiter, b1 charge FET on, b2 discharge FET on, b3 discharging, b4
                            // reverse, b7 heartbeat
  std::uint8_t config = 0;  // b0 buzzer on, b3 limiter low gear, b4 limiter off, b5 LED warning off
  std::uint8_t fault = 0;   // b0 charge FET, b1 discharge FET, b2 NTC, b4 cell, b5 sampling
  std::uint16_t balancing = 0;  // bit 0 = cell 1
  std::uint8_t warn1 =
      0;  // b0 cell OV, b1 cell UV, b2 pack OV, b3 pack UV, b4 charge OC, b5 discharge OC
  std::uint8_t warn2 =
      0;  // b0/b1 charge/discharge high T, b2/b3 low T, b4/b5 ambient, b6 MOSFET, b7 low SOC
};

// Pylontech 92: charge and discharge management.
struct ChargeManagement {
  std::uint16_t charge_voltage_limit_mV = 0;
  std::uint16_t discharge_voltage_limit_mV = 0;
  std::int32_t charge_current_limit_mA = 0;
  std::int32_t discharge_current_limit_mA = 0;
  std::uint8_t status =
      0;  // b7 charge enable, b6 discharge enable, b5/b4 force charge, b3 full-charge request
};

// A1 / F5: one stored record (ST-3).
struct RecordBlock {
  std::uint32_t sequence = 0;  // never reused; the host reads a range by it
  std::uint32_t unix_time_s = 0;
  std::uint16_t code = 0;  // Event::code(): kind << 8 | source
  std::uint16_t max_cell_mV = 0;
  std::uint16_t min_cell_mV = 0;
  std::uint16_t pack_voltage_mV = 0;
  std::int32_t current_mA = 0;
  std::int16_t max_temperature_dC = 0;
  std::int16_t min_temperature_dC = 0;
  std::int16_t mosfet_temperature_dC = 0;
  std::int16_t ambient_temperature_dC = 0;
  std::uint16_t soc_pptt = 0;
};

// ---- Layouts: `A` is the block, const when encoding. ----

template <class Io, class A>
void analog_layout(Io& io, A& a, const WireUnits& u) {
  io.count(a.cell_count, kMaxCells);
  for (std::uint8_t i = 0; i < a.cell_count; ++i) io.u16(a.cell_voltage_mV[i]);
  io.count(a.temperature_count, kMaxTemperatures);
  for (std::uint8_t i = 0; i < a.temperature_count; ++i)
    io.kelvin(a.temperature_dC[i], u.kelvin_dC);
  io.scaled_s16(a.current_mA, u.current_mA);
  io.u16(a.pack_voltage_mV);
}

// PACE v2.5: 16-bit capacities in 10 mAh after a user-defined count of 03.
template <class Io, class A>
void pace_capacity_layout(Io& io, A& a) {
  std::uint8_t user_defined = 3;
  io.scaled_u16(a.remaining_mAh, kPaceUnits.capacity_mAh);
  io.u8(user_defined);
  io.scaled_u16(a.full_capacity_mAh, kPaceUnits.capacity_mAh);
  io.u16(a.cycle_count);
  io.scaled_u16(a.design_capacity_mAh, kPaceUnits.capacity_mAh);
}

template <class Io, class A>
void alarm_layout(Io& io, A& a) {
  io.count(a.cell_count, kMaxCells);
  for (std::uint8_t i = 0; i < a.cell_count; ++i) io.u8(a.cell_alarm[i]);
  io.count(a.temperature_count, kMaxTemperatures);
  for (std::uint8_t i = 0; i < a.temperature_count; ++i) io.u8(a.temperature_alarm[i]);
  io.u8(a.charge_current_alarm);
  io.u8(a.pack_voltage_alarm);
  io.u8(a.discharge_current_alarm);
}

template <class Io, class A>
void pace_status_layout(Io& io, A& a) {
  io.u8(a.protect1);
  io.u8(a.protect2);
  io.u8(a.system);
  io.u8(a.config);
  io.u8(a.fault);
  io.u16(a.balancing);
  io.u8(a.warn1);
  io.u8(a.warn2);
}

template <class Io, class A>
void charge_management_layout(Io& io, A& a) {
  io.u16(a.charge_voltage_limit_mV);
  io.u16(a.discharge_voltage_limit_mV);
  io.scaled_s16(a.charge_current_limit_mA, 100);
  io.scaled_s16(a.discharge_current_limit_mA, 100);
  io.u8(a.status);
}

template <class Io, class A>
void record_layout(Io& io, A& a) {
  io.u32(a.sequence);
  io.u32(a.unix_time_s);
  io.u16(a.code);
  io.u16(a.max_cell_mV);
  io.u16(a.min_cell_mV);
  io.u16(a.pack_voltage_mV);
  io.scaled_s16(a.current_mA, kPaceUnits.current_mA);
  io.kelvin(a.max_temperature_dC, kPaceUnits.kelvin_dC);
  io.kelvin(a.min_temperature_dC, kPaceUnits.kelvin_dC);
  io.kelvin(a.mosfet_temperature_dC, kPaceUnits.kelvin_dC);
  io.kelvin(a.ambient_temperature_dC, kPaceUnits.kelvin_dC);
  io.u16(a.soc_pptt);
}

}  // namespace lfpbms::protocol
