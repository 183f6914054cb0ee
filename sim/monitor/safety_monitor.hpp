#pragma once
// The independent safety monitor: it knows the twin's true cell voltages, temperatures and
// current and checks them against absolute limits, without any firmware logic. Each episode
// of a violation counts once, when it begins. A cell below the minimum counts while the
// discharge path is closed: behind open FETs only the cell itself (an injected internal
// short) can drain it further, which the BMS cannot stop; that is reported as a notice.
#include <string>
#include <vector>

namespace lfpbms::sim {

struct MonitorLimits {
  double cell_max_V = 3.75;
  double cell_min_V = 2.45;
  double charge_min_C = 0.0;      // no charging of a cell below freezing ...
  double charge_max_C = 60.0;     // ... or above 60 °C
  double charge_current_A = 1.0;  // what counts as charging (above the BMS's own draw)
  double reaction_s = 1.0;        // charging in the cold or heat for longer than this counts
  struct Level {
    const char* name;
    double level_A;  // the protection level, + charge / - discharge
    double delay_s;  // its delay; allowed: delay + 1 s
  };
  std::vector<Level> currents;
};

// One step of the truth.
struct MonitorSample {
  double t_s = 0;
  double max_cell_V = 0;
  double min_cell_V = 0;
  double max_cell_C = 0;
  double min_cell_C = 0;
  double current_A = 0;      // through the cells, + charges
  bool charge_gate = false;  // what the firmware commands
  bool discharge_gate = false;
  bool discharge_path = false;  // discharge current can flow (FET really closed)
  bool failure_mode = false;    // the firmware's latched failure mode
  bool charge_locked = false;   // a latched charge-side lockout
  bool discharge_locked = false;
};

struct Violation {
  double t_s;
  std::string text;
};

class SafetyMonitor {
 public:
  explicit SafetyMonitor(MonitorLimits limits);

  void check(const MonitorSample& s, double dt_s);
  const std::vector<Violation>& violations() const { return violations_; }
  const std::vector<Violation>& notices() const { return notices_; }
  std::size_t new_since(std::size_t seen) const { return violations_.size() - seen; }

 private:
  enum Rule {
    kOverVoltage,
    kUnderVoltage,
    kTemperatureCharge,
    kFailureFets,
    kLockedCharge,
    kLockedDischarge,
    kRuleCount
  };
  // Records a violation when `broken` starts; `text` is only built then (this runs every step).
  template <typename Text>
  void rule(Rule r, bool broken, double t_s, Text text) {
    if (broken && !active_[r]) violations_.push_back({t_s, text()});
    active_[r] = broken;
  }

  MonitorLimits limits_;
  bool active_[kRuleCount] = {};
  std::vector<double> over_s_;  // time spent beyond each current level
  std::vector<bool> over_flagged_;
  std::vector<Violation> violations_;
  std::vector<Violation> notices_;
  bool drained_ = false;
  double bad_charge_s_ = 0;
};

}  // namespace lfpbms::sim
