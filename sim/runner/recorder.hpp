#pragma once
// Collects what a run produced: every firmware event with its time, the injected faults and
// the safety violations; a decimated trace (interval means of flows, extremes of the cells,
// states at the end); and the running statistics the summary reports.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "events/event.hpp"
#include "sim/runner/minute_swing.hpp"

namespace lfpbms::sim {

struct LoggedEvent {
  double t_s = 0;
  int pack = 0;       // 1...N: the pack whose firmware or monitor it came from; 0: the site
  std::string code;   // "protect:SV_H", "fault:ntc_open", "violation"
  std::string group;  // "alarm", "protect", "release", "lock", "system", "fault", "violation"
  std::string text;
  EventSnapshot snapshot;  // the firmware's measurements then (zeros for others)
};

// One step of everything the trace and the statistics look at.
struct StepSample {
  double t_s = 0;
  double dt_s = 0.1;
  double pack_V = 0, terminal_V = 0, current_A = 0;
  double soc_true = 0, soc_est = 0;  // 0...1
  double cell_min_V = 0, cell_max_V = 0;
  double temp_min_C = 0, temp_max_C = 0, mosfet_C = 0, ambient_C = 0;
  double pv_W = 0, load_W = 0, grid_W = 0;
  double cvl_V = 0, ccl_A = 0, dcl_A = 0;
  bool chg = false, dsg = false, pre = false, lim = false, heater = false, force = false;
  std::uint8_t bleeding = 0;  // cells the balancer bleeds
  std::uint8_t state = 0;     // ReportedState
  bool awake = true;
};

struct TraceRow {
  double t_s;
  float pack_V, terminal_V, current_A, soc_true_pct, soc_est_pct, cell_min_V, cell_max_V;
  float temp_min_C, temp_max_C, mosfet_C, ambient_C, pv_kW, load_kW, grid_kW;
  float cvl_V, ccl_A, dcl_A;
  std::uint8_t chg, dsg, pre, lim, heater, force, state, bleeding;
};

// One pack of a bank at one step, for the per-pack trace.
struct PackSample {
  double soc_est = 0, soc_true = 0;  // 0...1
  double current_A = 0;              // + charges
  std::uint8_t state = 0;            // ReportedState
};

// Every pack at one trace row: SOC (firmware, true), mean current over the row's interval.
struct PackTraceRow {
  double t_s;
  std::vector<float> soc_est_pct, soc_true_pct, current_A;
  std::vector<std::uint8_t> state;
};

struct RunStats {
  double soc_sq_sum = 0;
  double soc_max_err = 0;           // 0...1
  double soc_max_rate_pct_min = 0;  // the reported SOC's largest change in any 60 s
  // Its error's largest change in any 60 s: how far the SOC moved that charge did not move.
  double soc_max_jump_pct_min = 0;
  std::uint64_t soc_samples = 0;
  double min_cell_V = 1e9, max_cell_V = 0, max_cell_C = -1e9, min_cell_C = 1e9;
  double charged_Wh = 0, discharged_Wh = 0;
  double grid_import_Wh = 0, pv_Wh = 0, load_Wh = 0;
  double awake_s = 0;
};

class Recorder final : public EventSink {
 public:
  explicit Recorder(double trace_interval_s);

  void record(const Event& e) override { record(e, 0); }
  void record(const Event& e, int pack);  // a bank's firmware events, marked with the pack
  void note(double t_s, const std::string& code, const std::string& group, const std::string& text);
  // Each step of a bank: its packs, before sample() of the same step.
  void sample_packs(const std::vector<PackSample>& packs);
  void sample(const StepSample& s);

  const std::vector<LoggedEvent>& events() const { return events_; }
  const std::vector<TraceRow>& trace() const { return trace_; }
  const std::vector<PackTraceRow>& pack_trace() const { return pack_trace_; }
  const RunStats& stats() const { return stats_; }
  std::map<std::string, int> counts() const;  // events by code

 private:
  void statistics(const StepSample& s);
  void emit_row(const StepSample& s);
  void emit_pack_row(double t_s, double steps);

  double interval_s_;
  double next_row_s_ = 0;
  double row_steps_ = 0;
  // Interval accumulators.
  double sum_current_ = 0, sum_pv_ = 0, sum_load_ = 0, sum_grid_ = 0, sum_t_ = 0;
  double lo_cell_ = 1e9, hi_cell_ = 0;
  std::vector<LoggedEvent> events_;
  std::vector<TraceRow> trace_;
  std::vector<PackTraceRow> pack_trace_;
  std::vector<double> pack_current_sum_;  // A s over the row's interval, per pack
  std::vector<PackSample> packs_now_;
  RunStats stats_;
  MinuteSwing soc_swing_;   // of the reported SOC, in %
  MinuteSwing jump_swing_;  // of its error against the truth, in %
  double next_swing_s_ = 0;
};

}  // namespace lfpbms::sim
