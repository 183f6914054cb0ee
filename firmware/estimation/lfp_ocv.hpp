#pragma once
// The open-circuit voltage of an LFP cell as the estimator sees it: the measured table
// interpolated in SOC and temperature, the hysteresis state blending the charge and discharge
// branches (-1 discharge ... +1 charge; LFP's branches lie 40-50 mV apart mid-SOC).
#include <cstdint>

namespace lfpbms {

struct OcvPoint {
  float V = 0;           // open-circuit voltage
  float dV_dsoc = 0;     // its slope against SOC (0...1): what a voltage says about SOC
  float half_gap_V = 0;  // half the distance between the branches here
};

// `soc` is clamped to 0...1 and the temperature to the measured -25...45 °C.
OcvPoint lfp_ocv(float soc, float temperature_C, float branch);

// The SOC (0...1) at which the cell would rest at `cell_V`: the inverse of lfp_ocv.
float lfp_soc_from_ocv(float cell_V, float temperature_C, float branch);

// The curve at one temperature and hysteresis state, for inverting many cells at once: the
// blends are done once, each cell is then a binary search (16 cells: about 2 000 instructions
// instead of 9 000).
struct OcvCurve {
  float V[48];
};
void lfp_ocv_curve(float temperature_C, float branch, OcvCurve& out);
float lfp_soc_on_curve(const OcvCurve& curve, float cell_V);

}  // namespace lfpbms
