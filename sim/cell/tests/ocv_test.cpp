// The OCV table against the measured data, the plateau, the knees and the branch gap.
#include <gtest/gtest.h>

#include "sim/cell/lfp_cell.hpp"

namespace lfpbms::sim {
namespace {

constexpr double kCharge = 1.0;
constexpr double kDischarge = -1.0;
constexpr double kMean = 0.0;

struct Measured {
  double temperature_C;
  double branch;
  double soc;
  double voltage_V;
};

// Points copied from the measured A123 26650 curves (doi:10.17632/p8kf893yv3.1, CC BY 4.0):
// some are table nodes, most lie between nodes.
constexpr Measured kMeasured[] = {
    {25, kCharge, 0.50, 3.3203},     {25, kDischarge, 0.50, 3.2765},
    {25, kMean, 0.50, 3.2984},       {25, kCharge, 0.63, 3.3280},
    {25, kDischarge, 0.63, 3.2811},  {25, kMean, 0.35, 3.2881},
    {25, kMean, 0.85, 3.3377},       {25, kDischarge, 0.05, 3.0398},
    {25, kCharge, 0.95, 3.3676},     {25, kCharge, 0.02, 2.9440},
    {25, kDischarge, 0.98, 3.3338},  {-25, kCharge, 0.98, 3.5741},
    {-25, kDischarge, 0.66, 3.2044}, {-15, kDischarge, 0.47, 3.2286},
    {-15, kCharge, 0.83, 3.4148},    {-5, kCharge, 0.58, 3.3340},
    {5, kDischarge, 0.12, 3.1701},   {15, kDischarge, 0.41, 3.2684},
    {35, kMean, 0.93, 3.3397},       {45, kCharge, 0.27, 3.2915},
};

TEST(TWIN_cell_ocv, matches_the_measured_curves_within_2_mV) {
  for (const Measured& m : kMeasured) {
    EXPECT_NEAR(lfp_ocv_V(m.soc, m.temperature_C, m.branch), m.voltage_V, 0.002)
        << m.temperature_C << " °C, branch " << m.branch << ", SOC " << m.soc;
  }
}

TEST(TWIN_cell_ocv, interpolates_between_measured_temperatures) {
  // 20 °C lies halfway between the 15 and 25 °C curves (3.2722 / 3.2765 and 3.3193 / 3.3203 V).
  EXPECT_NEAR(lfp_ocv_V(0.50, 20.0, kDischarge), 0.5 * (3.2722 + 3.2765), 0.002);
  EXPECT_NEAR(lfp_ocv_V(0.50, 20.0, kCharge), 0.5 * (3.3193 + 3.3203), 0.002);
}

TEST(TWIN_cell_ocv, clamps_temperature_outside_the_measurements) {
  EXPECT_DOUBLE_EQ(lfp_ocv_V(0.5, -40.0), lfp_ocv_V(0.5, -25.0));
  EXPECT_DOUBLE_EQ(lfp_ocv_V(0.5, 70.0), lfp_ocv_V(0.5, 45.0));
}

TEST(TWIN_cell_ocv, plateau_is_flat_between_30_and_90_percent_at_25_C) {
  for (double soc = 0.30; soc <= 0.90; soc += 0.01) {
    const double v = lfp_ocv_V(soc, 25.0, kMean);
    EXPECT_GE(v, 3.27) << soc;
    EXPECT_LE(v, 3.345) << soc;
  }
}

TEST(TWIN_cell_ocv, branch_gap_at_half_charge_is_40_to_50_mV_at_25_C) {
  const double charge = lfp_ocv_V(0.5, 25.0, kCharge);
  const double discharge = lfp_ocv_V(0.5, 25.0, kDischarge);
  const double mean = lfp_ocv_V(0.5, 25.0, kMean);
  EXPECT_GE(charge - discharge, 0.040);
  EXPECT_LE(charge - discharge, 0.050);
  EXPECT_NEAR(charge - mean, mean - discharge, 1e-9);
  EXPECT_NEAR(lfp_ocv_V(0.5, 25.0, 0.5), 0.5 * (mean + charge), 1e-9);
}

TEST(TWIN_cell_ocv, top_knee_passes_the_overvoltage_levels) {
  for (double t = -25.0; t <= 45.0; t += 10.0) {
    EXPECT_LT(lfp_ocv_V(0.97, t, kCharge), 3.60) << t;
    EXPECT_GT(lfp_ocv_V(1.01, t, kCharge), 3.65) << t;
    EXPECT_GT(lfp_ocv_V(1.03, t, kCharge), 3.80) << t;
    EXPECT_GT(lfp_ocv_V(1.03, t, kDischarge), 3.80) << t;
  }
  EXPECT_NEAR(lfp_ocv_V(1.00, 25.0, kCharge), 3.59, 0.02);  // the data's own 3.6 V charge end
  EXPECT_GT(lfp_ocv_V(1.01, 25.0, kCharge), 3.80);
}

TEST(TWIN_cell_ocv, bottom_knee_passes_the_undervoltage_levels) {
  for (double t = -25.0; t <= 45.0; t += 10.0) {
    // Above the knee the measured curve stays clear of the alarm (cold cells measured lower).
    if (t >= -5.0) {
      EXPECT_GT(lfp_ocv_V(0.03, t, kDischarge), 2.8) << t;
    }
    EXPECT_LT(lfp_ocv_V(0.00, t, kDischarge), 2.50) << t;
    EXPECT_LT(lfp_ocv_V(0.00, t, kCharge), 2.55) << t;
    EXPECT_LT(lfp_ocv_V(-0.03, t, kCharge), 2.00) << t;
  }
  EXPECT_NEAR(lfp_ocv_V(-0.01, 25.0, kDischarge), 2.0, 0.15);
}

TEST(TWIN_cell_ocv, rises_with_soc_everywhere) {
  for (double t = -25.0; t <= 45.0; t += 5.0) {
    for (double branch : {kDischarge, kMean, kCharge}) {
      double last = lfp_ocv_V(-0.03, t, branch);
      for (double soc = -0.029; soc <= 1.03; soc += 0.001) {
        const double v = lfp_ocv_V(soc, t, branch);
        EXPECT_GE(v, last - 0.0005) << t << " °C, branch " << branch << ", SOC " << soc;
        last = v;
      }
    }
  }
}

TEST(TWIN_cell_ocv, holds_its_end_values_beyond_the_table) {
  EXPECT_DOUBLE_EQ(lfp_ocv_V(1.2, 25.0), lfp_ocv_V(1.03, 25.0));
  EXPECT_DOUBLE_EQ(lfp_ocv_V(-0.2, 25.0), lfp_ocv_V(-0.03, 25.0));
}

}  // namespace
}  // namespace lfpbms::sim
