// The LFP cell model the SOC estimate stands on (SE-1): the measured open-circuit voltage with
// its two branches, its inverse, and how resistance, capacity and efficiency follow temperature.
// Reference figures: /work/shared/data/lfp-ocv/README.md (A123 26650 data).
#include <gtest/gtest.h>

#include <cmath>

#include "estimation/lfp_cell_model.hpp"
#include "estimation/lfp_ocv.hpp"

namespace lfpbms::testing {
namespace {

constexpr float kCharge = 1.0f;
constexpr float kDischarge = -1.0f;

TEST(SE_1_ocv, rises_with_soc_on_both_branches_at_25C) {
  for (const float branch : {kDischarge, 0.0f, kCharge}) {
    float last_V = lfp_ocv(0.0f, 25.0f, branch).V;
    for (int pptt = 50; pptt <= 10000; pptt += 50) {
      const float V = lfp_ocv(static_cast<float>(pptt) * 1e-4f, 25.0f, branch).V;
      EXPECT_GE(V, last_V) << "branch " << branch << " soc " << pptt << " pptt";
      last_V = V;
    }
    // From the empty knee to full the cell rises by about a volt.
    EXPECT_GT(lfp_ocv(1.0f, 25.0f, branch).V - lfp_ocv(0.0f, 25.0f, branch).V, 0.8f);
  }
}

TEST(SE_1_ocv, charge_branch_lies_40_to_50_mV_above_discharge_mid_soc) {
  for (const float soc : {0.4f, 0.5f, 0.6f}) {
    const OcvPoint charge = lfp_ocv(soc, 25.0f, kCharge);
    const OcvPoint discharge = lfp_ocv(soc, 25.0f, kDischarge);
    const float gap_mV = (charge.V - discharge.V) * 1000.0f;
    EXPECT_GE(gap_mV, 38.0f) << "soc " << soc;  // 40-50 mV measured, 2 mV table tolerance
    EXPECT_LE(gap_mV, 52.0f) << "soc " << soc;
    EXPECT_NEAR(charge.half_gap_V * 2000.0f, gap_mV, 0.1f);
    // The middle branch (0) lies halfway.
    EXPECT_NEAR(lfp_ocv(soc, 25.0f, 0.0f).V, 0.5f * (charge.V + discharge.V), 1e-5f);
  }
}

TEST(SE_1_ocv, mid_soc_plateau_is_flat_as_measured) {
  // 3.28-3.34 V between 30 % and 90 % SOC at 25 °C, on the mean curve.
  for (int pptt = 3000; pptt <= 9000; pptt += 100) {
    const float V = lfp_ocv(static_cast<float>(pptt) * 1e-4f, 25.0f, 0.0f).V;
    EXPECT_GE(V, 3.27f) << pptt;
    EXPECT_LE(V, 3.35f) << pptt;
  }
}

TEST(SE_1_ocv, inverse_round_trips_on_the_sloped_parts) {
  for (const float branch : {kDischarge, 0.0f, kCharge}) {
    for (const float soc : {0.01f, 0.03f, 0.05f, 0.08f, 0.12f, 0.97f, 0.98f, 0.99f, 0.995f}) {
      const float V = lfp_ocv(soc, 25.0f, branch).V;
      EXPECT_NEAR(lfp_soc_from_ocv(V, 25.0f, branch), soc, 0.005f)
          << "branch " << branch << " soc " << soc;
    }
  }
  // And at the other temperatures of the table.
  for (const float t : {-20.0f, -5.0f, 10.0f, 40.0f}) {
    EXPECT_NEAR(lfp_soc_from_ocv(lfp_ocv(0.05f, t, 0.0f).V, t, 0.0f), 0.05f, 0.005f) << t;
    EXPECT_NEAR(lfp_soc_from_ocv(lfp_ocv(0.99f, t, 0.0f).V, t, 0.0f), 0.99f, 0.005f) << t;
  }
}

TEST(SE_1_ocv, clamps_soc_to_0_1) {
  EXPECT_EQ(lfp_ocv(-0.2f, 25.0f, 0.0f).V, lfp_ocv(0.0f, 25.0f, 0.0f).V);
  EXPECT_EQ(lfp_ocv(1.3f, 25.0f, 0.0f).V, lfp_ocv(1.0f, 25.0f, 0.0f).V);
  // Voltages beyond the curve's ends give its ends.
  EXPECT_EQ(lfp_soc_from_ocv(2.0f, 25.0f, 0.0f), 0.0f);
  EXPECT_EQ(lfp_soc_from_ocv(4.2f, 25.0f, 0.0f), 1.0f);
}

TEST(SE_1_ocv, clamps_temperature_to_the_measured_range) {
  for (const float soc : {0.05f, 0.5f, 0.98f}) {
    EXPECT_EQ(lfp_ocv(soc, -40.0f, 0.0f).V, lfp_ocv(soc, -25.0f, 0.0f).V) << soc;
    EXPECT_EQ(lfp_ocv(soc, 70.0f, 0.0f).V, lfp_ocv(soc, 45.0f, 0.0f).V) << soc;
  }
  const float V = lfp_ocv(0.05f, -25.0f, 0.0f).V;
  EXPECT_EQ(lfp_soc_from_ocv(V, -40.0f, 0.0f), lfp_soc_from_ocv(V, -25.0f, 0.0f));
}

TEST(SE_1_ocv, plateau_slope_is_far_below_the_knees) {
  const float plateau = lfp_ocv(0.5f, 25.0f, 0.0f).dV_dsoc;
  EXPECT_GT(plateau, 0.0f);
  EXPECT_LT(plateau, 0.1f);  // 100 mV per full SOC: a millivolt is worth 1 % or more
  EXPECT_GT(lfp_ocv(0.03f, 25.0f, 0.0f).dV_dsoc, 20.0f * plateau);
  EXPECT_GT(lfp_ocv(0.99f, 25.0f, 0.0f).dV_dsoc, 20.0f * plateau);
}

TEST(SE_1_cell_model, resistance_rises_in_the_cold_as_measured) {
  EXPECT_FLOAT_EQ(lfp_temperature_factors(25.0f).resistance, 1.0f);
  // 9 mΩ at 25 °C against 16 at 5, 28 at -5, 65 at -15, 141 at -25 °C.
  EXPECT_NEAR(lfp_temperature_factors(5.0f).resistance, 16.0f / 9.0f, 0.05f);
  EXPECT_NEAR(lfp_temperature_factors(-5.0f).resistance, 28.0f / 9.0f, 0.05f);
  EXPECT_NEAR(lfp_temperature_factors(-25.0f).resistance, 141.0f / 9.0f, 0.2f);
  float last = lfp_temperature_factors(45.0f).resistance;
  for (float t = 40.0f; t >= -30.0f; t -= 5.0f) {
    const float r = lfp_temperature_factors(t).resistance;
    EXPECT_GE(r, last) << t;
    last = r;
  }
}

TEST(SE_1_cell_model, capacity_falls_in_the_cold) {
  EXPECT_FLOAT_EQ(lfp_temperature_factors(25.0f).capacity, 1.0f);
  EXPECT_LT(lfp_temperature_factors(0.0f).capacity, 1.0f);
  EXPECT_LT(lfp_temperature_factors(-25.0f).capacity, lfp_temperature_factors(0.0f).capacity);
  EXPECT_GT(lfp_temperature_factors(-25.0f).capacity, 0.8f);
}

TEST(SE_1_cell_model, charge_efficiency_falls_below_5C) {
  EXPECT_NEAR(lfp_temperature_factors(25.0f).charge_efficiency, 0.99f, 1e-4f);
  EXPECT_NEAR(lfp_temperature_factors(5.0f).charge_efficiency, 0.99f, 1e-4f);
  EXPECT_NEAR(lfp_temperature_factors(-15.0f).charge_efficiency, 0.97f, 1e-4f);
  EXPECT_NEAR(lfp_temperature_factors(-25.0f).charge_efficiency, 0.94f, 1e-4f);
  EXPECT_LT(lfp_temperature_factors(-5.0f).charge_efficiency, 0.99f);
}

// The largest |exp_neg(x) / e^-x - 1| for x in [0, to].
double worst_exp_neg_error(float to) {
  double worst = 0;
  for (float x = 0.0f; x <= to; x += 0.05f) {
    const double error = std::fabs(exp_neg(x) / std::exp(-static_cast<double>(x)) - 1.0);
    if (error > worst) worst = error;
  }
  return worst;
}

TEST(SE_1_cell_model, exp_neg_matches_exp_where_the_filter_uses_it) {
  // The filter's decays are dt / tau: 1 s over 20 s and 600 s, far below 1.
  EXPECT_LT(worst_exp_neg_error(1.0f), 1e-5);
  EXPECT_LT(worst_exp_neg_error(19.0f), 0.002);
  EXPECT_EQ(exp_neg(0.0f), 1.0f);
  EXPECT_EQ(exp_neg(-1.0f), 1.0f);  // defined for x >= 0 only: no growth
  EXPECT_EQ(exp_neg(50.0f), 0.0f);
}

}  // namespace
}  // namespace lfpbms::testing
