#pragma once
// The surroundings of the pack: the ambient temperature, the PV array's output and the house
// load over the run, drawn once from the scenario's seed and then read at any time.
#include <vector>

#include "sim/core/random.hpp"
#include "sim/scenario/scenario.hpp"

namespace lfpbms::sim {

struct SiteNow {
  double ambient_C = 20;
  double pv_W = 0;
  double load_W = 0;
  bool grid = true;
};

class Site {
 public:
  Site(const SiteSetup& site, const AmbientSetup& ambient, double days, Random rng);

  SiteNow at(double t_s) const;
  double ambient_C(double t_s) const;
  double pv_W(double t_s) const;
  double load_W(double t_s) const;

 private:
  struct Spike {
    double start_s, end_s, power_W;
  };
  void draw_clouds(Random& rng, double days);
  void draw_spikes(Random& rng, double days);
  double load_shape(double hour) const;  // relative, mean 1 over a day

  SiteSetup site_;
  AmbientSetup ambient_;
  std::vector<double> sun_factor_;  // per hour of the run: 1 clear ... 0.15 overcast
  std::vector<Spike> spikes_;       // appliances: kettle, oven, washing machine
  double shape_scale_W_ = 0;        // makes the daily energy load_daily_kWh
};

}  // namespace lfpbms::sim
