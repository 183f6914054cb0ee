#pragma once
#include <cstdint>

namespace lfpbms {

// State of charge (0.01 %) of an LFP cell resting at `cell_mV`, 25 °C, mean of the charge and
// discharge branches. Coarse on the plateau, where voltage says little; good at both knees.
std::int32_t lfp_soc_from_ocv_pptt(std::uint16_t cell_mV);

}  // namespace lfpbms
