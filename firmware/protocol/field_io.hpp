#pragma once
// A wire layout is written once, as a template over one of these two: FieldEncoder writes each
// field of a block into a frame, FieldDecoder reads it back into the same block. The firmware
// encodes with the layouts, the Linux client decodes with them: one set of field definitions.
#include <cstdint>

#include "protocol/frame.hpp"

namespace lfpbms::protocol {

// How a protocol version scales what it carries.
struct WireUnits {
  std::int32_t current_mA;    // one step of the current field
  std::int32_t capacity_mAh;  // one step of the capacity fields
  std::int16_t kelvin_dC;     // raw = °C x 10 + this
};
inline constexpr WireUnits kPaceUnits{10, 10, 2730};
inline constexpr WireUnits kPylonUnits{100, 1, 2731};

class FieldEncoder {
 public:
  explicit FieldEncoder(FrameWriter& w) : w_(w) {}
  void u8(std::uint8_t v) { w_.u8(v); }
  void u16(std::uint16_t v) { w_.u16(v); }
  void u24(std::uint32_t v) { w_.u24(v); }
  void u32(std::uint32_t v) { w_.u32(v); }
  void count(std::uint8_t n, std::uint8_t /*max*/) { w_.u8(n); }
  // Rounded to the nearest step and held inside the field's range.
  void scaled_u16(std::int32_t v, std::int32_t step) {
    w_.u16(static_cast<std::uint16_t>(clamp(round(v, step), 0, 0xFFFF)));
  }
  void scaled_s16(std::int32_t v, std::int32_t step) {
    w_.s16(static_cast<std::int16_t>(clamp(round(v, step), -0x8000, 0x7FFF)));
  }
  void scaled_u24(std::int32_t v, std::int32_t step) {
    w_.u24(static_cast<std::uint32_t>(clamp(round(v, step), 0, 0xFFFFFF)));
  }
  void kelvin(std::int16_t dC, std::int16_t offset) {
    w_.u16(static_cast<std::uint16_t>(clamp(dC + offset, 0, 0xFFFF)));
  }

 private:
  static std::int32_t round(std::int32_t v, std::int32_t step) {
    return v >= 0 ? (v + step / 2) / step : -((-v + step / 2) / step);
  }
  static std::int32_t clamp(std::int32_t v, std::int32_t lo, std::int32_t hi) {
    return v < lo ? lo : (v > hi ? hi : v);
  }
  FrameWriter& w_;
};

class FieldDecoder {
 public:
  explicit FieldDecoder(InfoReader& r) : r_(r) {}
  void u8(std::uint8_t& v) { v = r_.u8(); }
  void u16(std::uint16_t& v) { v = r_.u16(); }
  void u24(std::uint32_t& v) { v = r_.u24(); }
  void u32(std::uint32_t& v) { v = r_.u32(); }
  // A count larger than the block can hold makes the frame invalid.
  void count(std::uint8_t& n, std::uint8_t max) {
    n = r_.u8();
    if (n > max) {
      n = max;
      bad_ = true;
    }
  }
  void scaled_u16(std::int32_t& v, std::int32_t step) { v = r_.u16() * step; }
  void scaled_s16(std::int32_t& v, std::int32_t step) { v = r_.s16() * step; }
  void scaled_u24(std::int32_t& v, std::int32_t step) {
    v = static_cast<std::int32_t>(r_.u24()) * step;
  }
  void kelvin(std::int16_t& dC, std::int16_t offset) {
    dC = static_cast<std::int16_t>(r_.u16() - offset);
  }
  bool ok() const { return r_.ok() && !bad_; }

 private:
  InfoReader& r_;
  bool bad_ = false;
};

}  // namespace lfpbms::protocol
