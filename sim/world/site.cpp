#include "sim/world/site.hpp"

#include <algorithm>
#include <cmath>

namespace lfpbms::sim {

namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kDay_s = 86400.0;
constexpr double kSpikeEnergyShare = 0.25;  // appliances' share of the daily energy

double hour_of(double t_s) {
  return std::fmod(t_s, kDay_s) / 3600.0;
}

// Morning and evening peaks over a night-time base: a typical household's shape.
double bump(double hour, double centre, double width) {
  const double d = (hour - centre) / width;
  return std::exp(-0.5 * d * d);
}

}  // namespace

Site::Site(const SiteSetup& site, const AmbientSetup& ambient, double days, Random rng)
    : site_(site), ambient_(ambient) {
  draw_clouds(rng, days);
  draw_spikes(rng, days);
  // The smooth part carries what the base and the spikes leave of the daily energy.
  double shape_sum = 0;
  for (int m = 0; m < 24 * 60; ++m) shape_sum += load_shape(m / 60.0) / 60.0;
  const double smooth_Wh =
      site.load_daily_kWh * 1000.0 * (1.0 - kSpikeEnergyShare) - site.load_base_W * 24.0;
  shape_scale_W_ = std::max(0.0, smooth_Wh / shape_sum);
}

// Each day draws its own cloudiness around the scenario's; each hour varies around the day's.
void Site::draw_clouds(Random& rng, double days) {
  const int hours = static_cast<int>(std::ceil(days * 24.0)) + 2;
  sun_factor_.resize(static_cast<std::size_t>(hours));
  double day_cloud = 0;
  for (int h = 0; h < hours; ++h) {
    if (h % 24 == 0) day_cloud = std::clamp(rng.normal(site_.cloudiness, 0.25), 0.0, 1.0);
    const double cloud = std::clamp(rng.normal(day_cloud, 0.15), 0.0, 1.0);
    sun_factor_[static_cast<std::size_t>(h)] = 1.0 - 0.85 * cloud;
  }
}

void Site::draw_spikes(Random& rng, double days) {
  const double spike_Wh = site_.load_daily_kWh * 1000.0 * kSpikeEnergyShare;
  for (int d = 0; d < static_cast<int>(std::ceil(days)); ++d) {
    double left_Wh = spike_Wh;
    while (left_Wh > 0) {
      const double power_W = rng.uniform(1200.0, 3000.0);
      // The day's last appliance runs only as long as the spikes' share has energy left.
      const double minutes = std::min(rng.uniform(3.0, 40.0), left_Wh / power_W * 60.0);
      // Appliances run by day and evening, rarely at night.
      const double hour = std::clamp(rng.normal(rng.uniform() < 0.5 ? 12.0 : 19.0, 3.0), 6.0, 23.0);
      const double start_s = d * kDay_s + hour * 3600.0;
      spikes_.push_back({start_s, start_s + minutes * 60.0, power_W});
      left_Wh -= power_W * minutes / 60.0;
    }
  }
  std::sort(spikes_.begin(), spikes_.end(),
            [](const Spike& a, const Spike& b) { return a.start_s < b.start_s; });
}

double Site::load_shape(double hour) const {
  return 0.3 + bump(hour, 7.5, 1.2) + 1.6 * bump(hour, 19.5, 1.8) + 0.5 * bump(hour, 13.0, 2.0);
}

double Site::ambient_C(double t_s) const {
  const double day = t_s / kDay_s;
  double mean = ambient_.mean_C + ambient_.season_swing_C * std::cos(2.0 * kPi * day / 365.0);
  for (const auto& snap : ambient_.snaps) {
    // A front takes about 6 h to arrive and to leave.
    const double in = std::clamp((day - snap.start_day) * 4.0, 0.0, 1.0);
    const double out = std::clamp((snap.start_day + snap.days - day) * 4.0, 0.0, 1.0);
    mean += snap.delta_C * std::min(in, out);
  }
  return mean + ambient_.day_swing_C * std::cos(2.0 * kPi * (hour_of(t_s) - 15.0) / 24.0);
}

double Site::pv_W(double t_s) const {
  const double hour = hour_of(t_s);
  if (hour <= site_.sunrise_h || hour >= site_.sunset_h) return 0.0;
  const double x = (hour - site_.sunrise_h) / (site_.sunset_h - site_.sunrise_h);
  const double clear = std::pow(std::sin(kPi * x), 1.5);
  // Interpolate the hourly cloud factor so that the power has no steps.
  const double h = t_s / 3600.0;
  const auto i = static_cast<std::size_t>(h);
  const double f = h - static_cast<double>(i);
  const std::size_t last = sun_factor_.size() - 1;
  const double sun =
      sun_factor_[std::min(i, last)] * (1.0 - f) + sun_factor_[std::min(i + 1, last)] * f;
  return site_.pv_peak_kW * 1000.0 * clear * sun;
}

double Site::load_W(double t_s) const {
  double power_W = site_.load_base_W + shape_scale_W_ * load_shape(hour_of(t_s));
  // Spikes are sorted by start; few per day, so a short scan from the first candidate.
  auto it = std::lower_bound(spikes_.begin(), spikes_.end(), t_s - 3600.0,
                             [](const Spike& s, double v) { return s.start_s < v; });
  for (; it != spikes_.end() && it->start_s <= t_s; ++it) {
    if (t_s < it->end_s) power_W += it->power_W;
  }
  return power_W;
}

SiteNow Site::at(double t_s) const {
  return {ambient_C(t_s), pv_W(t_s), load_W(t_s), site_.grid};
}

}  // namespace lfpbms::sim
