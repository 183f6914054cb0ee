#include "sim/runner/recorder.hpp"

#include <algorithm>
#include <cmath>

#include "sim/runner/event_names.hpp"

namespace lfpbms::sim {

namespace {
// The estimate needs a moment to settle after power-on; the statistics start after it.
constexpr double kSocSettle_s = 600.0;
constexpr double kSwingSample_s = 1.0;
}  // namespace

Recorder::Recorder(double trace_interval_s) : interval_s_(trace_interval_s) {}

void Recorder::record(const Event& e, int pack) {
  LoggedEvent l;
  l.t_s = static_cast<double>(e.time_ms) / 1000.0;
  l.pack = pack;
  l.code = event_code(e);
  l.group = event_group(e);
  l.text = event_text(e);
  l.snapshot = e.snapshot;
  events_.push_back(std::move(l));
}

void Recorder::note(double t_s, const std::string& code, const std::string& group,
                    const std::string& text) {
  LoggedEvent l;
  l.t_s = t_s;
  l.code = code;
  l.group = group;
  l.text = text;
  events_.push_back(std::move(l));
}

void Recorder::statistics(const StepSample& s) {
  RunStats& st = stats_;
  if (s.t_s >= kSocSettle_s) {
    const double err = s.soc_est - s.soc_true;
    st.soc_sq_sum += err * err;
    st.soc_max_err = std::max(st.soc_max_err, std::abs(err));
    ++st.soc_samples;
    // Step times are multiples of 0.1 s in floating point: allow their rounding, skip none.
    if (s.t_s >= next_swing_s_ - 1e-6) {
      soc_swing_.add(100.0 * s.soc_est);
      st.soc_max_rate_pct_min = soc_swing_.max_swing();
      jump_swing_.add(100.0 * err);
      st.soc_max_jump_pct_min = jump_swing_.max_swing();
      next_swing_s_ = std::max(next_swing_s_, kSocSettle_s) + kSwingSample_s;
    }
  }
  st.min_cell_V = std::min(st.min_cell_V, s.cell_min_V);
  st.max_cell_V = std::max(st.max_cell_V, s.cell_max_V);
  st.max_cell_C = std::max(st.max_cell_C, s.temp_max_C);
  st.min_cell_C = std::min(st.min_cell_C, s.temp_min_C);
  const double wh = s.terminal_V * s.current_A * s.dt_s / 3600.0;
  (wh > 0 ? st.charged_Wh : st.discharged_Wh) += std::abs(wh);
  st.grid_import_Wh += std::max(0.0, s.grid_W) * s.dt_s / 3600.0;
  st.pv_Wh += s.pv_W * s.dt_s / 3600.0;
  st.load_Wh += s.load_W * s.dt_s / 3600.0;
  if (s.awake) st.awake_s += s.dt_s;
}

void Recorder::sample_packs(const std::vector<PackSample>& packs) {
  if (pack_current_sum_.size() != packs.size()) pack_current_sum_.assign(packs.size(), 0.0);
  for (std::size_t i = 0; i < packs.size(); ++i) pack_current_sum_[i] += packs[i].current_A;
  packs_now_ = packs;
}

void Recorder::emit_pack_row(double t_s, double steps) {
  if (packs_now_.empty()) return;
  PackTraceRow row{t_s, {}, {}, {}, {}};
  for (std::size_t i = 0; i < packs_now_.size(); ++i) {
    row.soc_est_pct.push_back(static_cast<float>(packs_now_[i].soc_est * 100));
    row.soc_true_pct.push_back(static_cast<float>(packs_now_[i].soc_true * 100));
    row.current_A.push_back(static_cast<float>(pack_current_sum_[i] / steps));
    row.state.push_back(packs_now_[i].state);
    pack_current_sum_[i] = 0;
  }
  pack_trace_.push_back(std::move(row));
}

void Recorder::sample(const StepSample& s) {
  statistics(s);
  sum_current_ += s.current_A * s.dt_s;
  sum_pv_ += s.pv_W * s.dt_s;
  sum_load_ += s.load_W * s.dt_s;
  sum_grid_ += s.grid_W * s.dt_s;
  sum_t_ += s.dt_s;
  lo_cell_ = std::min(lo_cell_, s.cell_min_V);
  hi_cell_ = std::max(hi_cell_, s.cell_max_V);
  ++row_steps_;
  if (s.t_s >= next_row_s_) {
    emit_pack_row(s.t_s, row_steps_);
    row_steps_ = 0;
    emit_row(s);
    next_row_s_ += interval_s_;
  }
}

void Recorder::emit_row(const StepSample& s) {
  const double n = sum_t_ > 0 ? sum_t_ : 1.0;
  auto f = [](double v) { return static_cast<float>(v); };
  auto b = [](bool v) { return static_cast<std::uint8_t>(v ? 1 : 0); };
  trace_.push_back({s.t_s,
                    f(s.pack_V),
                    f(s.terminal_V),
                    f(sum_current_ / n),
                    f(s.soc_true * 100),
                    f(s.soc_est * 100),
                    f(lo_cell_),
                    f(hi_cell_),
                    f(s.temp_min_C),
                    f(s.temp_max_C),
                    f(s.mosfet_C),
                    f(s.ambient_C),
                    f(sum_pv_ / n / 1000),
                    f(sum_load_ / n / 1000),
                    f(sum_grid_ / n / 1000),
                    f(s.cvl_V),
                    f(s.ccl_A),
                    f(s.dcl_A),
                    b(s.chg),
                    b(s.dsg),
                    b(s.pre),
                    b(s.lim),
                    b(s.heater),
                    b(s.force),
                    s.state,
                    s.bleeding});
  sum_current_ = sum_pv_ = sum_load_ = sum_grid_ = sum_t_ = 0;
  lo_cell_ = 1e9;
  hi_cell_ = 0;
}

std::map<std::string, int> Recorder::counts() const {
  std::map<std::string, int> c;
  for (const auto& e : events_) ++c[e.code];
  return c;
}

}  // namespace lfpbms::sim
