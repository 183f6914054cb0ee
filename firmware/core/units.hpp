#pragma once
// Project-wide fixed sizes and the time base. Units live in names: _mV, _mA, _dC (0.1 °C),
// _pptt (0.01 %), _ms, _s.
#include <cstdint>

namespace lfpbms {

using TimeMs = std::uint64_t;  // monotonic milliseconds since power-up; never wraps in practice

inline constexpr std::uint8_t kMinCells = 4;
inline constexpr std::uint8_t kMaxCells = 16;
inline constexpr std::uint8_t kCellNtcs = 4;
inline constexpr std::uint8_t kMaxSocLeds = 6;
inline constexpr TimeMs kTickMs = 100;  // the protection tick

inline constexpr std::int32_t kFullSoc_pptt = 10000;

// Elapsed time since `since`, saturating at zero if `since` lies in the future.
constexpr TimeMs elapsed_ms(TimeMs now, TimeMs since) {
  return now > since ? now - since : 0;
}

}  // namespace lfpbms
