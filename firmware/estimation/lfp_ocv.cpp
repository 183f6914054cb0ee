#include "estimation/lfp_ocv.hpp"

namespace lfpbms {

namespace {

struct Point {
  std::uint16_t mV;
  std::int32_t soc_pptt;
};

// A123 26650 LFP cell, 25 °C, mean of the C/30 charge and discharge curves, from
// "Lithium-ion Battery OCV and Dynamic Test Data of a LiFePO4 cylindrical cell",
// Mendeley Data, doi:10.17632/p8kf893yv3.1 (CC BY 4.0); end points 2.50 V / 3.45 V (own).
constexpr Point kCurve[] = {
    {2500, 0},    {2887, 200},  {2971, 300},  {3033, 400},  {3081, 500},   {3154, 700},
    {3208, 1200}, {3225, 1700}, {3250, 2200}, {3269, 2700}, {3282, 3200},  {3291, 3700},
    {3296, 4200}, {3299, 5200}, {3304, 6200}, {3310, 6700}, {3325, 7200},  {3335, 7700},
    {3338, 8200}, {3341, 9200}, {3352, 9700}, {3363, 9800}, {3450, 10000},
};
constexpr int kPoints = sizeof(kCurve) / sizeof(kCurve[0]);

}  // namespace

std::int32_t lfp_soc_from_ocv_pptt(std::uint16_t cell_mV) {
  if (cell_mV <= kCurve[0].mV) return 0;
  for (int i = 1; i < kPoints; ++i) {
    if (cell_mV <= kCurve[i].mV) {
      const Point& a = kCurve[i - 1];
      const Point& b = kCurve[i];
      return a.soc_pptt + (b.soc_pptt - a.soc_pptt) * (cell_mV - a.mV) / (b.mV - a.mV);
    }
  }
  return 10000;
}

}  // namespace lfpbms
