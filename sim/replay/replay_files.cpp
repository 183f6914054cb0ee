// trace.csv and events.csv of a replay.
#include <cmath>
#include <cstdio>
#include <fstream>

#include "sim/core/output_file.hpp"
#include "sim/replay/replay_outputs.hpp"

namespace lfpbms::sim {

namespace {

// A fixed-point number; empty for a missing value, as the log itself writes it.
std::string num(double v, int decimals) {
  if (std::isnan(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  const std::string s = buf;
  // A tiny negative rounds to "-0.000": without the sign it does not read as a direction.
  return s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos ? s.substr(1) : s;
}

}  // namespace

void write_replay_trace_csv(const ReplayResult& r, const std::filesystem::path& file) {
  std::ofstream out = open_output(file);
  out << "t_s,current_A,sensor_A,soc_est_pct,soc_ref_pct,soc_err_pct,cell_min_V,cell_max_V,"
         "temperature_C,charge_path,discharge_path\n";
  for (const auto& p : r.points) {
    out << num(p.t_s, 3) << ',' << num(p.current_A, 4) << ',' << num(p.sensor_A, 3) << ','
        << num(p.soc_est_pct, 2) << ',' << num(p.soc_ref_pct, 3) << ','
        << num(p.soc_est_pct - p.soc_ref_pct, 3) << ',' << num(p.cell_min_V, 4) << ','
        << num(p.cell_max_V, 4) << ',' << num(p.temperature_C, 2) << ',' << int{p.charge_path}
        << ',' << int{p.discharge_path} << '\n';
  }
}

void write_replay_events_csv(const ReplayResult& r, const std::filesystem::path& file) {
  std::ofstream out = open_output(file);
  out << "t_s,code,group,text,max_cell_mV,min_cell_mV,pack_mV,current_mA,max_temp_dC,"
         "min_temp_dC,soc_pptt\n";
  for (const auto& e : r.events) {
    const EventSnapshot& s = e.snapshot;
    out << num(e.t_s, 3) << ',' << csv_field(e.code) << ',' << e.group << ',' << csv_field(e.text)
        << ',' << s.max_cell_mV << ',' << s.min_cell_mV << ',' << s.pack_voltage_mV << ','
        << s.current_mA << ',' << s.max_temperature_dC << ',' << s.min_temperature_dC << ','
        << s.soc_pptt << '\n';
  }
}

}  // namespace lfpbms::sim
