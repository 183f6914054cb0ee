#include "sim/report/tests/sample_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

namespace lfpbms::sim::report_test {
namespace {

constexpr int kCells = 16;
constexpr double kDay = 86400;
constexpr double kCapacityAh = 280;
constexpr double kCellOhm = 0.0015;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// LFP open-circuit voltage: steep at both ends, a long flat plateau between.
double ocv(double soc) {
  if (soc < 0.1) return 2.9 + 3.5 * soc;
  const double plateau = 3.25 + 0.09 * std::min(soc - 0.1, 0.8) / 0.8;
  if (soc < 0.9) return plateau;
  return plateau + 0.1 * (soc - 0.9) / 0.1 + 0.3 * std::exp((soc - 1.0) / 0.015);
}

// Sun from 08:00 to 15:00, a heavier evening load, a light night load.
double demanded_current(double t) {
  const double hour = std::fmod(t, kDay) / 3600;
  if (hour >= 8 && hour < 15) return 45;
  if (hour >= 18 && hour < 23) return -30;
  if (hour >= 23 || hour < 6) return -10;
  return 0;
}

struct Pack {
  std::array<double, kCells> soc{};
  std::array<double, kCells> capacity_ah{};
  bool charge_fet = true;
  bool discharge_fet = true;
  bool alarmed = false;
  double cell_temp = 18;
  double fet_temp = 18;
};

Pack make_pack() {
  Pack p;
  for (int i = 0; i < kCells; ++i) {
    p.capacity_ah[i] = kCapacityAh * (1 + 0.015 * std::sin(i * 1.3));
    p.soc[i] = 0.45 + 0.01 * std::cos(i * 2.1);
  }
  return p;
}

struct Columns {
  std::vector<double> pack_v, current, soc_true, soc_est, cell_max, cell_min, spread;
  std::vector<double> ambient, t1, t2, t_fet, chg, dsg;
};

void protect(Pack& p, double t, double vmax, double vmin, std::vector<ReportEvent>& events) {
  if (!p.alarmed && vmax > 3.55) {
    p.alarmed = true;
    events.push_back({t, "alarm", "cell max " + std::to_string(vmax).substr(0, 5) + " V > 3.55 V"});
  }
  if (p.charge_fet && vmax > 3.65) {
    p.charge_fet = false;
    events.push_back({t, "protect", "cell over-voltage: charge FET off"});
  }
  if (!p.charge_fet && vmax < 3.40) {
    p.charge_fet = true;
    p.alarmed = false;
    events.push_back({t, "release", "cell max below 3.40 V: charge FET on"});
  }
  if (p.discharge_fet && vmin < 2.80) {
    p.discharge_fet = false;
    events.push_back({t, "protect", "cell under-voltage: discharge FET off"});
  }
}

void step(Pack& p, Columns& c, double t, double dt, std::vector<ReportEvent>& events) {
  double amps = demanded_current(t);
  if ((amps > 0 && !p.charge_fet) || (amps < 0 && !p.discharge_fet)) amps = 0;
  double vmax = 0, vmin = 10, vsum = 0, soc_sum = 0;
  for (int i = 0; i < kCells; ++i) {
    p.soc[i] = std::clamp(p.soc[i] + amps * dt / 3600 / p.capacity_ah[i], 0.0, 1.0);
    const double v = ocv(p.soc[i]) + amps * kCellOhm;
    vmax = std::max(vmax, v);
    vmin = std::min(vmin, v);
    vsum += v;
    soc_sum += p.soc[i];
  }
  protect(p, t, vmax, vmin, events);
  const double ambient = 20 + 6 * std::sin(2 * std::numbers::pi * (t / kDay - 0.375));
  p.cell_temp += (ambient + 0.004 * amps * amps - p.cell_temp) * dt / 5400;
  p.fet_temp += (p.cell_temp + 0.006 * amps * amps - p.fet_temp) * dt / 900;
  const double soc = 100 * soc_sum / kCells;
  c.pack_v.push_back(vsum);
  c.current.push_back(amps);
  c.soc_true.push_back(soc);
  // The estimate drifts between full charges and is unknown for its first half hour.
  c.soc_est.push_back(t < 1800 ? kNaN : soc + 2.5 * std::sin(t / kDay * 2.2));
  c.cell_max.push_back(vmax);
  c.cell_min.push_back(vmin);
  c.spread.push_back(1000 * (vmax - vmin));
  c.ambient.push_back(ambient);
  c.t1.push_back(p.cell_temp);
  // Sensor T2 is open for three hours on day 1: no reading.
  c.t2.push_back(t > kDay + 3 * 3600 && t < kDay + 6 * 3600 ? kNaN : p.cell_temp + 0.8);
  c.t_fet.push_back(p.fet_temp);
  c.chg.push_back(p.charge_fet ? 1 : 0);
  c.dsg.push_back(p.discharge_fet ? 1 : 0);
}

std::vector<ReportPanel> panels(Columns& c) {
  return {
      {"Pack voltage", "V", {{"pack", c.pack_v}}},
      {"Current", "A", {{"current (+ charge)", c.current}}},
      {"State of charge", "%", {{"true", c.soc_true}, {"estimated", c.soc_est}}},
      {"Cell voltage", "V", {{"cell max", c.cell_max}, {"cell min", c.cell_min}}},
      {"Cell spread", "mV", {{"max - min", c.spread}}},
      {"Temperature",
       "\xC2\xB0"
       "C",
       {{"ambient", c.ambient}, {"cells T1", c.t1}, {"cells T2", c.t2}, {"FETs", c.t_fet}}},
      {"FETs", "on/off", {{"charge", c.chg, true}, {"discharge", c.dsg, true}}},
  };
}

}  // namespace

ReportData make_sample_report(int days, double step_s) {
  ReportData d;
  d.title = "Sample: daily cycle";
  d.subtitle = "synthetic 16s LFP pack, " + std::to_string(days) + " days, one point every " +
               std::to_string(static_cast<int>(step_s)) + " s";
  d.events.push_back({0, "system", "BMS started, all FETs on"});
  d.events.push_back({kDay + 3 * 3600, "fault", "temperature sensor T2 open circuit"});
  d.events.push_back({kDay + 6 * 3600, "system", "temperature sensor T2 reads again"});
  d.events.push_back({kDay + 9 * 3600 + 1800, "violation", "monitor: cell 9 at 3.66 V for 1 s"});
  Pack pack = make_pack();
  Columns c;
  for (double t = 0; t <= days * kDay; t += step_s) {
    d.t_s.push_back(t);
    step(pack, c, t, step_s, d.events);
  }
  std::stable_sort(d.events.begin(), d.events.end(),
                   [](const ReportEvent& a, const ReportEvent& b) { return a.t_s < b.t_s; });
  d.panels = panels(c);
  d.summary = {{"duration", std::to_string(days) + " days"},
               {"time points", std::to_string(d.t_s.size())},
               {"events", std::to_string(d.events.size())},
               {"capacity", "280 Ah (16 cells, 1.5% spread)"}};
  return d;
}

ReportData make_bulk_report(std::size_t points, std::size_t series) {
  ReportData d;
  d.title = "bulk";
  for (std::size_t i = 0; i < points; ++i) d.t_s.push_back(60.0 * static_cast<double>(i));
  ReportPanel panel{"cells", "V", {}};
  for (std::size_t s = 0; s < series; ++s) {
    ReportSeries one{"cell " + std::to_string(s + 1), {}, false};
    for (std::size_t i = 0; i < points; ++i) {
      const double x = static_cast<double>(i * 7 + s * 13);
      one.values.push_back(3.3 + 0.05 * std::sin(x * 0.001) + 0.0001234 * std::sin(x * 1.7));
    }
    panel.series.push_back(std::move(one));
  }
  d.panels.push_back(std::move(panel));
  return d;
}

}  // namespace lfpbms::sim::report_test
