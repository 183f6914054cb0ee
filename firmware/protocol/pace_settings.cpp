// PACE settings commands D0...EE (and B5/B6): each read/write pair carries a fixed list of
// parameters in the protocol's units. One table maps them onto the parameter table, so a write
// is checked and stored exactly like any other parameter write.
#include <array>

#include "protocol/pace_protocol.hpp"

namespace lfpbms::protocol {
namespace {

// Discharge currents go out negative, as real packs send them; delays are one byte
// (docs/protocols.md, captured D1/DB answers).
enum class WireUnit : std::uint8_t { Plain, Kelvin, Negative, Byte };

struct SettingField {
  ParamId id = ParamId::None;
  std::int32_t step = 1;  // one wire step in the parameter's unit (mV, mA, ms, us)
  WireUnit unit = WireUnit::Plain;
};

struct SettingGroup {
  std::uint8_t read_cid2 = 0;  // the write is read_cid2 - 1
  std::uint8_t count = 0;
  std::array<SettingField, 6> fields;
};

using P = ParamId;
constexpr WireUnit K = WireUnit::Kelvin;
constexpr WireUnit N = WireUnit::Negative;
constexpr WireUnit B = WireUnit::Byte;

// (own) where PROTOCOLS.md leaves the layout open: pack voltages in 10 mV (a 16S pack's range
// passes 65.5 V), currents in A, delays in 100 ms (OC2 25 ms, short circuit 25 us).
constexpr std::array<SettingGroup, 13> kGroups{{
    {0xD1,
     4,
     {{{P::cell_ov_alarm_mV, 1},
       {P::cell_ov_protect_mV, 1},
       {P::cell_ov_release_mV, 1},
       {P::cell_ov_delay_ms, 100, B}}}},
    {0xD3,
     4,
     {{{P::cell_uv_alarm_mV, 1},
       {P::cell_uv_protect_mV, 1},
       {P::cell_uv_release_mV, 1},
       {P::cell_uv_delay_ms, 100, B}}}},
    {0xD5,
     4,
     {{{P::pack_ov_alarm_mV, 10},
       {P::pack_ov_protect_mV, 10},
       {P::pack_ov_release_mV, 10},
       {P::pack_ov_delay_ms, 100, B}}}},
    {0xD7,
     4,
     {{{P::pack_uv_alarm_mV, 10},
       {P::pack_uv_protect_mV, 10},
       {P::pack_uv_release_mV, 10},
       {P::pack_uv_delay_ms, 100, B}}}},
    {0xD9,
     3,
     {{{P::chg_oc_alarm_mA, 1000}, {P::chg_oc_protect_mA, 1000}, {P::chg_oc_delay_ms, 100, B}}}},
    {0xDB,
     3,
     {{{P::dsg_oc1_alarm_mA, 1000, N},
       {P::dsg_oc1_protect_mA, 1000, N},
       {P::dsg_oc1_delay_ms, 100, B}}}},
    {0xDD,
     6,
     {{{P::chg_ot_alarm_dC, 1, K},
       {P::chg_ot_protect_dC, 1, K},
       {P::chg_ot_release_dC, 1, K},
       {P::dsg_ot_alarm_dC, 1, K},
       {P::dsg_ot_protect_dC, 1, K},
       {P::dsg_ot_release_dC, 1, K}}}},
    {0xDF,
     6,
     {{{P::chg_ut_alarm_dC, 1, K},
       {P::chg_ut_protect_dC, 1, K},
       {P::chg_ut_release_dC, 1, K},
       {P::dsg_ut_alarm_dC, 1, K},
       {P::dsg_ut_protect_dC, 1, K},
       {P::dsg_ut_release_dC, 1, K}}}},
    {0xE1,
     3,
     {{{P::mos_ot_alarm_dC, 1, K}, {P::mos_ot_protect_dC, 1, K}, {P::mos_ot_release_dC, 1, K}}}},
    {0xE3, 2, {{{P::dsg_oc2_protect_mA, 1000, N}, {P::dsg_oc2_delay_ms, 25, B}}}},
    {0xE5, 2, {{{P::scp_current_mA, 1000}, {P::scp_delay_us, 25, B}}}},
    {0xE7,
     6,
     {{{P::amb_ot_alarm_dC, 1, K},
       {P::amb_ot_protect_dC, 1, K},
       {P::amb_ot_release_dC, 1, K},
       {P::amb_ut_alarm_dC, 1, K},
       {P::amb_ut_protect_dC, 1, K},
       {P::amb_ut_release_dC, 1, K}}}},
    {0xB6, 2, {{{P::bal_start_mV, 1}, {P::bal_start_delta_mV, 1}}}},
}};

const SettingGroup* find_group(std::uint8_t cid2, bool& write) {
  for (const SettingGroup& g : kGroups) {
    if (cid2 == g.read_cid2 || cid2 == g.read_cid2 - 1) {
      write = cid2 != g.read_cid2;
      return &g;
    }
  }
  return nullptr;
}

std::uint16_t to_wire(const SettingField& f, std::int32_t value) {
  if (f.unit == WireUnit::Byte) {
    const std::int32_t raw = value / f.step;
    return static_cast<std::uint16_t>(raw < 0 ? 0 : (raw > 0xFF ? 0xFF : raw));
  }
  if (f.unit == WireUnit::Negative) {
    const std::int32_t raw = -value / f.step;
    return static_cast<std::uint16_t>(static_cast<std::int16_t>(raw < -0x8000 ? -0x8000 : raw));
  }
  const std::int32_t raw =
      f.unit == WireUnit::Kelvin ? value + kPaceUnits.kelvin_dC : value / f.step;
  return static_cast<std::uint16_t>(raw < 0 ? 0 : (raw > 0xFFFF ? 0xFFFF : raw));
}

std::int32_t from_wire(const SettingField& f, std::uint16_t raw) {
  switch (f.unit) {
    case WireUnit::Kelvin:
      return raw - kPaceUnits.kelvin_dC;
    case WireUnit::Negative:
      return -static_cast<std::int16_t>(raw) * f.step;
    case WireUnit::Plain:
    case WireUnit::Byte:
      break;
  }
  return raw * f.step;
}

void write_group(const SettingGroup& g, const ParamSet& p, FrameWriter& out) {
  out.u8(0x01);
  for (std::uint8_t i = 0; i < g.count; ++i) {
    const SettingField& f = g.fields[i];
    const std::uint16_t raw = to_wire(f, p.get(f.id));
    if (f.unit == WireUnit::Byte) {
      out.u8(static_cast<std::uint8_t>(raw));
    } else {
      out.u16(raw);
    }
  }
}

}  // namespace

Rtn PaceProtocol::settings(Request& r, FrameWriter& out) {
  bool write = false;
  const SettingGroup* g = find_group(r.header.cid2, write);
  if (g == nullptr) return Rtn::InvalidCommand;
  if (!write) {
    write_group(*g, d_.bms.params(), out);
    return Rtn::Ok;
  }
  std::array<ParamWrite, 6> writes{};
  const std::uint8_t lead = r.info.u8();
  for (std::uint8_t i = 0; i < g->count; ++i) {
    const SettingField& f = g->fields[i];
    writes[i] = {f.id, from_wire(f, f.unit == WireUnit::Byte ? r.info.u8() : r.info.u16())};
  }
  if (!r.info.ok() || !r.info.at_end() || lead != 0x01) return Rtn::FormatError;
  if (!may_write(r.now)) return Rtn::PermissionDenied;
  // A real pack answers a settings write with an empty OK.
  return stored(d_.bms.set_params(writes.data(), g->count), writes.data(), g->count, out);
}

}  // namespace lfpbms::protocol
