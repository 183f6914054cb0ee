// events.csv, trace.csv and report.html of a run.
#include <cmath>
#include <cstdio>
#include <fstream>

#include "sim/core/output_file.hpp"
#include "sim/report/report_html.hpp"
#include "sim/runner/outputs.hpp"

namespace lfpbms::sim {

namespace {

std::string num(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

std::string clock_text(double t_s) {
  const auto s = static_cast<long long>(std::floor(t_s));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lldd %02lld:%02lld:%02lld", s / 86400, s / 3600 % 24,
                s / 60 % 60, s % 60);
  return buf;
}

void write_events_csv(const Simulation& sim, const std::filesystem::path& file) {
  std::ofstream out = open_output(file);
  out << "t_s,time,pack,code,group,text,max_cell_mV,min_cell_mV,pack_mV,current_mA,"
         "max_temp_dC,min_temp_dC,soc_pptt\n";
  for (const auto& e : sim.recorder().events()) {
    const EventSnapshot& s = e.snapshot;
    out << num(e.t_s, 1) << ',' << clock_text(e.t_s) << ',' << e.pack << ',' << csv_field(e.code)
        << ',' << e.group << ',' << csv_field(e.text) << ',' << s.max_cell_mV << ','
        << s.min_cell_mV << ',' << s.pack_voltage_mV << ',' << s.current_mA << ','
        << s.max_temperature_dC << ',' << s.min_temperature_dC << ',' << s.soc_pptt << '\n';
  }
}

void write_trace_csv(const Simulation& sim, const std::filesystem::path& file) {
  std::ofstream out = open_output(file);
  out << "t_s,pack_V,terminal_V,current_A,soc_true_pct,soc_est_pct,cell_min_V,cell_max_V,"
         "cell_temp_min_C,cell_temp_max_C,mosfet_C,ambient_C,pv_kW,load_kW,grid_kW,cvl_V,"
         "ccl_A,dcl_A,charge_fet,discharge_fet,precharge,limiter,heater,force_charge,state,"
         "balancing_cells\n";
  for (const auto& r : sim.recorder().trace()) {
    out << num(r.t_s, 1) << ',' << num(r.pack_V, 3) << ',' << num(r.terminal_V, 3) << ','
        << num(r.current_A, 2) << ',' << num(r.soc_true_pct, 2) << ',' << num(r.soc_est_pct, 2)
        << ',' << num(r.cell_min_V, 4) << ',' << num(r.cell_max_V, 4) << ',' << num(r.temp_min_C, 2)
        << ',' << num(r.temp_max_C, 2) << ',' << num(r.mosfet_C, 2) << ',' << num(r.ambient_C, 2)
        << ',' << num(r.pv_kW, 3) << ',' << num(r.load_kW, 3) << ',' << num(r.grid_kW, 3) << ','
        << num(r.cvl_V, 2) << ',' << num(r.ccl_A, 1) << ',' << num(r.dcl_A, 1) << ',' << int{r.chg}
        << ',' << int{r.dsg} << ',' << int{r.pre} << ',' << int{r.lim} << ',' << int{r.heater}
        << ',' << int{r.force} << ',' << reported_state_name(static_cast<ReportedState>(r.state))
        << ',' << int{r.bleeding} << '\n';
  }
}

}  // namespace lfpbms::sim
