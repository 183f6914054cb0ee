#include "sim/replay/replay.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "bms.hpp"
#include "sim/replay/replay_board.hpp"
#include "sim/replay/replay_start.hpp"
#include "sim/runner/event_names.hpp"

namespace lfpbms::sim {

namespace {

// Before the first row the firmware runs this long on the first row's voltages with no
// current: its start-up (LED test, FETs open) is over when the log begins, as it was when the
// log was recorded.
constexpr TimeMs kPreroll_ms = 5000;
constexpr double kDefaultTemperature_C = 25.0;

std::uint16_t to_mV(double v) {
  return static_cast<std::uint16_t>(std::clamp(std::lround(v * 1000.0), 0L, 65535L));
}

// Collects the firmware's events, on the log's time axis.
class EventLog final : public EventSink {
 public:
  EventLog(std::vector<ReplayEvent>& out, double t0_s) : out_(out), t0_s_(t0_s) {}
  void record(const Event& e) override {
    const double after_s = (static_cast<double>(e.time_ms) - kPreroll_ms) / 1000.0;
    out_.push_back(
        {t0_s_ + std::max(0.0, after_s), event_code(e), event_group(e), event_text(e), e.snapshot});
  }

 private:
  std::vector<ReplayEvent>& out_;
  double t0_s_;
};

class Replayer {
 public:
  Replayer(const ReplayLog& log, ReplayResult& r)
      : log_(log),
        r_(r),
        board_(r.setup.series),
        events_(r.events, log.rows.front().time_s),
        bms_(std::make_unique<Bms>(board_.hardware(), config(r.setup), events_)) {}

  void start();
  void run();

 private:
  static PackConfig config(const ReplaySetup& s) {
    PackConfig c;
    c.series_count = s.series;
    return c;
  }
  std::int32_t firmware_mA(double log_A) const;
  void feed(const LogRow& row, bool with_current);
  void tick(TimeMs now);
  void count_blocked(const LogRow& row, double dt_s);
  ReplayPoint point(const LogRow& row) const;

  const ReplayLog& log_;
  ReplayResult& r_;
  ReplayBoard board_;
  EventLog events_;
  std::unique_ptr<Bms> bms_;
  double temperature_C_ = kDefaultTemperature_C;
};

std::int32_t Replayer::firmware_mA(double log_A) const {
  const double mA = (log_A * r_.setup.current_scale + r_.options.current_offset_A) * 1000.0;
  return static_cast<std::int32_t>(std::clamp(std::llround(mA), -2000000000LL, 2000000000LL));
}

void Replayer::feed(const LogRow& row, bool with_current) {
  std::array<std::uint16_t, kMaxCells> mV{};
  for (std::size_t i = 0; i < r_.setup.series; ++i) {
    mV[i] = to_mV(log_.single_cell() ? row.cell_V[0] : row.cell_V[i]);
  }
  board_.set_cells_mV(mV);
  if (!std::isnan(row.temperature_C)) temperature_C_ = row.temperature_C;
  board_.set_temperature_dC(static_cast<std::int16_t>(std::lround(temperature_C_ * 10.0)));
  board_.set_current_mA(firmware_mA(with_current ? row.current_A : 0.0));
}

void Replayer::tick(TimeMs now) {
  board_.set_time_ms(now);
  BmsInputs in;
  // A pack whose data is logged is being talked to; as in the twin, the polls keep it awake
  // but do not wake it (its transceivers sleep with it).
  in.comm_activity = bms_->status().state != ReportedState::Sleep;
  bms_->tick(in);
}

void Replayer::start() {
  const LogRow& first = log_.rows.front();
  feed(first, false);
  const std::optional<double>& soc = r_.options.initial_soc_pct;
  const auto soc_pptt = static_cast<std::int32_t>(std::lround(soc.value_or(0) * 100.0));
  board_.set_time_ms(0);
  bms_->start();
  configure_firmware(*bms_, r_.setup);
  if (soc && !bms_->set_soc_pptt(soc_pptt)) throw ReplayError("the firmware refused --initial-soc");
  for (TimeMs t = kTickMs; t <= kPreroll_ms; t += kTickMs) tick(t);
  r_.initial_soc_source = soc ? "option" : "voltage";
  r_.initial_soc_est_pct = bms_->status().soc_pptt / 100.0;
}

void Replayer::count_blocked(const LogRow& row, double dt_s) {
  const std::int32_t mA = firmware_mA(row.current_A);
  const std::int32_t deadband_mA = bms_->params().get(ParamId::current_deadband_mA);
  const hal::SwitchCommand& sw = board_.switches();  // in force while this row's current flowed
  if (mA > deadband_mA && !sw.charge_fet && !sw.charge_limiter) r_.charge_blocked_s += dt_s;
  if (-mA > deadband_mA && !sw.discharge_fet && !sw.precharge) r_.discharge_blocked_s += dt_s;
}

ReplayPoint Replayer::point(const LogRow& row) const {
  ReplayPoint p;
  p.t_s = row.time_s;
  p.current_A = row.current_A;
  p.sensor_A = bms_->status().measurements.current_raw_mA / 1000.0;
  p.soc_est_pct = bms_->status().soc_pptt / 100.0;
  p.soc_ref_pct = row.soc_ref * 100.0;
  const std::size_t n = log_.single_cell() ? 1 : r_.setup.series;
  const auto [lo, hi] = std::minmax_element(row.cell_V.begin(), row.cell_V.begin() + n);
  p.cell_min_V = *lo;
  p.cell_max_V = *hi;
  p.temperature_C = temperature_C_;
  const hal::SwitchCommand& sw = board_.switches();
  p.charge_path = sw.charge_fet || sw.charge_limiter;
  p.discharge_path = sw.discharge_fet || sw.precharge;
  return p;
}

void Replayer::run() {
  const double t0_s = log_.rows.front().time_s;
  TimeMs last_ms = kPreroll_ms;
  r_.points.reserve(log_.rows.size());
  // The first row ticks at the pre-roll's last time: its current has no step to flow over.
  for (const LogRow& row : log_.rows) {
    const TimeMs now = kPreroll_ms + static_cast<TimeMs>(std::llround((row.time_s - t0_s) * 1000));
    count_blocked(row, static_cast<double>(now - last_ms) / 1000.0);
    feed(row, true);
    tick(now);
    r_.points.push_back(point(row));
    last_ms = now;
  }
}

}  // namespace

ReplayResult run_replay(const ReplayLog& log, const ReplayOptions& options) {
  const auto began = std::chrono::steady_clock::now();
  ReplayResult r;
  r.source = log.source;
  r.options = options;
  r.setup = plan_replay(log, options);
  Replayer replayer(log, r);
  replayer.start();
  replayer.run();
  r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return r;
}

}  // namespace lfpbms::sim
