#pragma once
// The measured LFP open-circuit-voltage table (generated into lfp_ocv_table.cpp by
// tools/gen-fw-ocv-table.py): SOC nodes, and per temperature the charge and discharge branch.
#include <cstdint>

namespace lfpbms::ocv {

inline constexpr int kNodes = 48;
inline constexpr int kTemperatures = 8;  // -25...45 °C
inline constexpr float kTemperatureMin_C = -25.0f;
inline constexpr float kTemperatureStep_C = 10.0f;

// Constant data defined in the .cpp, not initialised at run time.
// NOLINTBEGIN(bugprone-dynamic-static-initializers)
extern const std::uint16_t kSoc_pptt[kNodes];
// Rows of kNodes voltages in 0.1 mV, coldest first.
extern const std::uint16_t kCharge_100uV[kTemperatures * kNodes];
extern const std::uint16_t kDischarge_100uV[kTemperatures * kNodes];
// NOLINTEND(bugprone-dynamic-static-initializers)

}  // namespace lfpbms::ocv
