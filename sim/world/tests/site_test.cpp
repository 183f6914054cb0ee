// The surroundings: ambient over the day, the season and cold snaps; PV between sunrise and
// sunset; the house load and its daily energy; everything fixed by the seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/world/site.hpp"

namespace lfpbms::sim {
namespace {

constexpr double kDay = 86400.0;

double hour(int day, double h) {
  return day * kDay + h * 3600.0;
}

// The load's energy over each day, integrated in 10 s steps.
std::vector<double> daily_kWh(const Site& site, int days) {
  std::vector<double> out;
  for (int d = 0; d < days; ++d) {
    double wh = 0;
    for (int i = 0; i < 8640; ++i) wh += site.load_W(d * kDay + i * 10.0 + 5.0) * 10.0 / 3600.0;
    out.push_back(wh / 1000.0);
  }
  return out;
}

// ---- PV -----------------------------------------------------------------------------------

TEST(TWIN_site, pv_is_zero_at_night) {
  SiteSetup s;  // sun from 6:30 to 19:30
  const Site site(s, AmbientSetup{}, 10, Random(1));
  for (int d = 0; d < 10; ++d) {
    for (double h = 0; h <= 6.5; h += 0.25) EXPECT_EQ(site.pv_W(hour(d, h)), 0.0) << d << " " << h;
    for (double h = 19.5; h < 24; h += 0.25) EXPECT_EQ(site.pv_W(hour(d, h)), 0.0) << d << " " << h;
    for (double h = 7.0; h <= 19.0; h += 0.5)
      EXPECT_GT(site.pv_W(hour(d, h)), 0.0) << d << " " << h;
  }
}

TEST(TWIN_site, pv_never_exceeds_the_peak_and_peaks_at_solar_noon) {
  SiteSetup s;
  s.pv_peak_kW = 6.0;
  s.sunrise_h = 7.0;
  s.sunset_h = 17.0;  // solar noon at 12:00
  const Site site(s, AmbientSetup{}, 60, Random(2));
  std::vector<double> mean_by_quarter(96, 0.0);
  for (int d = 0; d < 60; ++d) {
    for (int q = 0; q < 96; ++q) {
      const double w = site.pv_W(hour(d, q / 4.0));
      ASSERT_LE(w, 6000.0);
      ASSERT_GE(w, 0.0);
      mean_by_quarter[q] += w / 60;
    }
  }
  const auto peak = std::max_element(mean_by_quarter.begin(), mean_by_quarter.end());
  const double peak_h = static_cast<double>(peak - mean_by_quarter.begin()) / 4.0;
  EXPECT_NEAR(peak_h, 12.0, 1.0);
  // The clear-sky shape sin^1.5: the mean at 9:30 (a quarter of the day in) against noon.
  const double ratio = mean_by_quarter[38] / mean_by_quarter[48];
  EXPECT_NEAR(ratio, std::pow(std::sin(3.141592653589793 / 4), 1.5), 0.12);
}

TEST(TWIN_site, pv_on_a_clear_sky_follows_sin_to_the_1_5) {
  SiteSetup s;
  s.cloudiness = 0;
  const Site site(s, AmbientSetup{}, 30, Random(3));
  // With no clouds drawn the sun factor is 1 at some hours: the maximum over the days reaches
  // the clear-sky curve and never exceeds it.
  for (double h : {8.0, 10.0, 13.0, 16.0, 18.0}) {
    const double x = (h - 6.5) / 13.0;
    const double clear = 5000.0 * std::pow(std::sin(3.141592653589793 * x), 1.5);
    double best = 0;
    for (int d = 0; d < 30; ++d) best = std::max(best, site.pv_W(hour(d, h)));
    EXPECT_LE(best, clear + 1e-9) << h;
    EXPECT_GT(best, 0.97 * clear) << h;
  }
}

TEST(TWIN_site, cloudiness_lowers_the_pv_energy) {
  SiteSetup clear;
  clear.cloudiness = 0.0;
  SiteSetup overcast;
  overcast.cloudiness = 1.0;
  const Site a(clear, AmbientSetup{}, 20, Random(4));
  const Site b(overcast, AmbientSetup{}, 20, Random(4));
  double ea = 0, eb = 0;
  for (int i = 0; i < 20 * 24 * 60; ++i) {
    ea += a.pv_W(i * 60.0);
    eb += b.pv_W(i * 60.0);
  }
  EXPECT_LT(eb, 0.4 * ea);
  EXPECT_GT(eb, 0.1 * ea);  // overcast still gives 15 % of clear
}

// ---- load ---------------------------------------------------------------------------------

TEST(TWIN_site, daily_load_energy_is_the_setting_within_a_few_percent) {
  SiteSetup s;  // 9 kWh a day over a 250 W base
  const Site site(s, AmbientSetup{}, 30, Random(5));
  const std::vector<double> days = daily_kWh(site, 30);
  double sum = 0;
  for (double kwh : days) {
    sum += kwh;
    EXPECT_GT(kwh, 0.8 * 9.0);
    EXPECT_LT(kwh, 1.2 * 9.0);
  }
  EXPECT_NEAR(sum / 30, 9.0, 0.03 * 9.0);
}

TEST(TWIN_site, daily_load_energy_follows_other_settings) {
  for (double kwh : {4.0, 20.0}) {
    SiteSetup s;
    s.load_daily_kWh = kwh;
    s.load_base_W = 100.0;
    const Site site(s, AmbientSetup{}, 30, Random(6));
    double sum = 0;
    for (double d : daily_kWh(site, 30)) sum += d;
    EXPECT_NEAR(sum / 30, kwh, 0.03 * kwh) << kwh;
  }
}

TEST(TWIN_site, load_never_falls_below_the_base_and_peaks_in_the_evening) {
  SiteSetup s;
  s.load_base_W = 100;  // the default 250 W carries 6 of the 9 kWh and flattens the profile
  const Site site(s, AmbientSetup{}, 30, Random(7));
  std::vector<double> by_hour(24, 0.0);
  for (int d = 0; d < 30; ++d) {
    for (int m = 0; m < 24 * 60; m += 5) {
      const double w = site.load_W(hour(d, m / 60.0));
      ASSERT_GE(w, s.load_base_W);
      by_hour[static_cast<std::size_t>(m / 60)] += w;
    }
  }
  const auto peak = std::max_element(by_hour.begin(), by_hour.end()) - by_hour.begin();
  EXPECT_GE(peak, 17);
  EXPECT_LE(peak, 21);
  EXPECT_LT(by_hour[3], by_hour[19] / 2);  // nights are quiet
}

TEST(TWIN_site, appliance_spikes_add_kilowatts_for_minutes) {
  SiteSetup s;
  const Site site(s, AmbientSetup{}, 7, Random(8));
  int spike_minutes = 0;
  double highest = 0;
  for (int m = 0; m < 7 * 24 * 60; ++m) {
    const double w = site.load_W(m * 60.0);
    highest = std::max(highest, w);
    spike_minutes += w > 1500.0 ? 1 : 0;
  }
  EXPECT_GT(highest, 1200.0);
  EXPECT_LT(highest, 3 * 3000.0 + 2000.0);
  EXPECT_GT(spike_minutes, 7 * 20);  // a quarter of 9 kWh at ~2 kW: about an hour a day
  EXPECT_LT(spike_minutes, 7 * 180);
}

TEST(TWIN_site, no_load_setting_no_load) {
  SiteSetup s;
  s.load_daily_kWh = 0;
  s.load_base_W = 0;
  const Site site(s, AmbientSetup{}, 3, Random(9));
  for (int m = 0; m < 3 * 24 * 60; m += 7) EXPECT_EQ(site.load_W(m * 60.0), 0.0);
}

// ---- ambient ------------------------------------------------------------------------------

TEST(TWIN_site, ambient_swings_daily_warmest_at_15_and_coldest_at_3) {
  AmbientSetup a;
  a.mean_C = 18.0;
  a.day_swing_C = 5.0;
  const Site site(SiteSetup{}, a, 3, Random(10));
  EXPECT_NEAR(site.ambient_C(hour(1, 15)), 23.0, 1e-9);
  EXPECT_NEAR(site.ambient_C(hour(1, 3)), 13.0, 1e-9);
  EXPECT_NEAR(site.ambient_C(hour(2, 9)), 18.0, 1e-9);
  EXPECT_NEAR(site.ambient_C(hour(2, 21)), 18.0, 1e-9);
  for (int m = 0; m < 3 * 24 * 60; m += 13) {
    const double c = site.ambient_C(m * 60.0);
    EXPECT_LE(c, 23.0 + 1e-9);
    EXPECT_GE(c, 13.0 - 1e-9);
  }
}

TEST(TWIN_site, season_moves_the_mean_over_the_year) {
  AmbientSetup a;
  a.mean_C = 10.0;
  a.day_swing_C = 0;
  a.season_swing_C = -8.0;  // coldest at day 0
  const Site site(SiteSetup{}, a, 366, Random(11));
  EXPECT_NEAR(site.ambient_C(0), 2.0, 1e-9);
  EXPECT_NEAR(site.ambient_C(182.5 * kDay), 18.0, 1e-9);
  EXPECT_NEAR(site.ambient_C(91.25 * kDay), 10.0, 1e-9);
}

TEST(TWIN_site, a_cold_snap_moves_the_mean_by_its_delta_ramped_over_6_h) {
  AmbientSetup a;
  a.mean_C = 5.0;
  a.day_swing_C = 3.0;
  a.snaps.push_back({2.0, 3.0, -15.0});  // days 2 to 5
  const Site site(SiteSetup{}, a, 8, Random(12));
  const AmbientSetup plain_setup = [&] {
    AmbientSetup p = a;
    p.snaps.clear();
    return p;
  }();
  const Site plain(SiteSetup{}, plain_setup, 8, Random(12));
  auto delta = [&](double t) { return site.ambient_C(t) - plain.ambient_C(t); };
  EXPECT_NEAR(delta(hour(1, 12)), 0.0, 1e-9);
  EXPECT_NEAR(delta(hour(2, 0)), 0.0, 1e-9);    // the front starts to arrive
  EXPECT_NEAR(delta(hour(2, 3)), -7.5, 1e-9);   // half way after 3 h
  EXPECT_NEAR(delta(hour(2, 6)), -15.0, 1e-9);  // there after 6 h
  EXPECT_NEAR(delta(hour(3, 12)), -15.0, 1e-9);
  EXPECT_NEAR(delta(hour(4, 21)), -7.5, 1e-9);  // leaving over the last 6 h
  EXPECT_NEAR(delta(hour(5, 0)), 0.0, 1e-9);
  EXPECT_NEAR(delta(hour(6, 12)), 0.0, 1e-9);
  // the daily swing goes on beneath it
  EXPECT_NEAR(site.ambient_C(hour(3, 15)) - site.ambient_C(hour(3, 3)), 6.0, 1e-9);
}

// ---- at(), determinism --------------------------------------------------------------------

TEST(TWIN_site, at_gathers_everything_for_one_time) {
  SiteSetup s;
  s.grid = false;
  const Site site(s, AmbientSetup{}, 2, Random(13));
  const double t = hour(1, 11.3);
  const SiteNow now = site.at(t);
  EXPECT_EQ(now.ambient_C, site.ambient_C(t));
  EXPECT_EQ(now.pv_W, site.pv_W(t));
  EXPECT_EQ(now.load_W, site.load_W(t));
  EXPECT_FALSE(now.grid);
}

TEST(TWIN_site, same_seed_same_site_other_seed_other_site) {
  const Site a(SiteSetup{}, AmbientSetup{}, 5, Random(14));
  const Site b(SiteSetup{}, AmbientSetup{}, 5, Random(14));
  const Site c(SiteSetup{}, AmbientSetup{}, 5, Random(15));
  bool differs = false;
  for (int m = 0; m < 5 * 24 * 60; m += 3) {
    const double t = m * 60.0;
    ASSERT_EQ(a.pv_W(t), b.pv_W(t));
    ASSERT_EQ(a.load_W(t), b.load_W(t));
    ASSERT_EQ(a.ambient_C(t), b.ambient_C(t));
    differs |= a.pv_W(t) != c.pv_W(t) || a.load_W(t) != c.load_W(t);
  }
  EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace lfpbms::sim
