#pragma once
// A scenario: everything one `lfpbms sim` run needs, read from a TOML file (docs/scenarios.md)
// or built in. Plain data; the parts of the twin take their own section.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "pack_config.hpp"
#include "params/param_set.hpp"

namespace lfpbms::sim {

struct PackSetup {
  std::optional<double> capacity_Ah;      // default: the profile's
  double initial_soc = 0.6;               // 0...1, every cell around it
  double initial_soc_spread_pct = 1.0;    // 1 sigma, % of capacity
  double capacity_spread_pct = 1.5;       // 1 sigma
  double resistance_spread_pct = 8.0;     // 1 sigma
  double self_discharge_pct_month = 2.0;  // [001]: < 3 %/month
  std::optional<double> temperature_C;    // at the start; default: the ambient
  // Every cell's true 25 °C capacity is the rated one times this; the firmware is not told.
  double soh_pct = 100.0;
  // Initial SOCs spread evenly over this range (% of capacity) around initial_soc, in an order
  // shuffled by the seed: a known imbalance for the balancer, on top of the random spread.
  double imbalance_pct = 0.0;
};

// The front end's errors, each fixed instead of drawn when given ([sensors]); absent: the
// board's own random draws (docs/twin.md, "Front end").
struct SensorSetup {
  std::optional<double> current_gain_error_pct;  // shunt gain error
  std::optional<double> current_offset_A;        // shunt offset
  std::optional<double> cell_noise_mV;           // 1 sigma, every channel
  std::optional<double> cell_offset_mV;          // per channel, uniform within +-value
  std::optional<double> temperature_error_C;     // per NTC, uniform within +-value
};

struct AmbientSetup {
  double mean_C = 20.0;
  double day_swing_C = 4.0;     // peak to mean; warmest at 15:00
  double season_swing_C = 0.0;  // over the year, coldest at day 0 when negative
  struct ColdSnap {
    double start_day = 0, days = 0, delta_C = 0;  // a change of the mean, ramped over 6 h
  };
  std::vector<ColdSnap> snaps;
};

struct SiteSetup {
  double pv_peak_kW = 5.0;
  double sunrise_h = 6.5;
  double sunset_h = 19.5;
  double cloudiness = 0.3;  // 0 clear ... 1 overcast; drawn per day and per hour around it
  double load_base_W = 250.0;
  double load_daily_kWh = 9.0;
  bool grid = true;        // grid available for the house and for force charging
  bool generator = false;  // off-grid: a generator starts at low SOC
  double generator_kW = 3.0;
};

struct InverterSetup {
  double max_charge_A = 100.0;
  double max_discharge_A = 120.0;
  bool follows_bms = true;           // closed loop (CAN/RS485): obeys CVL, CCL, DCL, the enables
  double charge_voltage_V = 0;       // open loop: its own absorption voltage (0 = the BMS's CVL)
  double low_soc_cutoff_pct = 10.0;  // grid-tied: the house goes to the grid below this
  bool activate_battery = true;      // applies a voltage to wake a sleeping pack when it can
  bool communication = true;         // polls the pack every second (wakes it, keeps it awake)
};

// [[bank.pack]]: one pack of a bank that differs from the rest; unset keys take the bank's draw.
struct BankPackSetup {
  int index = 1;                        // which pack, 1...packs
  std::optional<double> initial_soc;    // 0...1
  std::optional<double> soh_pct;        // 50...100
  std::optional<double> capacity_Ah;    // a pack of another size (PA-6)
  std::optional<double> cable_mOhm;     // its cable to the bus bar, both conductors
  std::optional<double> temperature_C;  // at the start
  std::optional<int> address;           // its DIP switch, 0...15 (addressing "dip" only)
  std::optional<double> joins_at_s;     // connected (DC and link cable) at this time
  std::string where;                    // "file:line" of its table, for the runner's errors
};

// [bank]: packs in parallel on one DC bus (SPEC §6). One pack (the default) is a stand-alone
// pack; its address switch reads 0 unless the scenario sets one.
struct BankSetup {
  int packs = 1;                           // 1...32, at most the profile's max_packs
  std::optional<Addressing> addressing;    // default: the profile's
  double cable_mOhm = 1.5;                 // each pack's cable to the bus bar, both conductors
  double cable_spread_pct = 10.0;          // 1 sigma
  double soc_spread_pct = 0.0;             // packs' initial SOC, 1 sigma, % around initial_soc
  double soh_spread_pct = 0.0;             // packs' soh_pct, 1 sigma, % points
  bool daisy_chain = false;                // "daisy": hand-to-hand wiring, CH-2's cable cap
  std::vector<BankPackSetup> packs_setup;  // [[bank.pack]]
};

enum class FaultKind : std::uint8_t {
  CellLeak,  // internal short / leak of one cell: value = leak current, A
  NtcOpen,   // target = NTC 1...4, or 5 = MOSFET, 6 = ambient
  NtcShort,
  CellLineOpen,        // target = cell 1...n
  CurrentStuck,        // the sensor keeps its last reading
  CurrentOffset,       // value = offset, A
  ChargerOverVoltage,  // an open-loop charger regulating to value V, ignoring the BMS
  LoadSurge,           // value = extra discharge current, A
  ShortCircuit,        // the terminals shorted (value = resistance, mOhm; default 5)
  ReverseConnection,   // a source connected in reverse: value = V
  ChargerFailure,      // the inverter's charger stops (no charging at all)
  FetStuck,            // target 1 = charge FET, 2 = discharge FET stuck closed
  ButtonPress,         // value = seconds held
  LinkDown,            // the inverter stops polling
  BusCableCut,         // the pack's internal-bus (link) cable is cut: it neither hears nor is heard
  DcDisconnect,        // the pack's DC breaker opens: it leaves the bus
};

struct FaultEvent {
  double at_s = 0;
  double duration_s = 0;  // 0 = until the end
  FaultKind kind = FaultKind::CellLeak;
  int target = 1;
  int pack = 1;  // which pack of a bank it acts on (faults of the bus and the inverter: ignored)
  double value = 0;
};

// An expectation that makes the run fail when it does not hold.
struct Expectation {
  std::string text;  // as written, for the summary
  enum class Kind : std::uint8_t { EventCount, Metric } kind = Kind::EventCount;
  std::string subject;        // event code ("protect:SV_H", "system:AutoWakeTry") or summary key
  std::optional<double> min;  // inclusive bounds
  std::optional<double> max;
  std::optional<double> before_s;  // events: only those before this time count
  std::optional<double> after_s;   // events: only those at or after this time count
};

struct Scenario {
  std::string name = "default";
  std::string description;
  std::string source;  // the file it came from, or "built-in"
  std::string profile = "VE-ESS-R5120";
  double days = 7.0;
  std::uint64_t seed = 1;
  PackSetup pack;
  SensorSetup sensors;
  std::vector<ParamWrite> params;        // over the profile's, checked as one batch
  std::vector<std::string> param_where;  // "file:line" of each, for the runner's errors
  AmbientSetup ambient;
  SiteSetup site;
  InverterSetup inverter;
  BankSetup bank;
  std::vector<FaultEvent> faults;
  std::vector<Expectation> expectations;
};

// A bad scenario file: "file:line: key: message".
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Scenario load_scenario(const std::filesystem::path& file);
Scenario parse_scenario(const std::string& toml_text, const std::string& source_name);
Scenario default_scenario();  // the demo: a solar home, 7 days

const char* fault_kind_name(FaultKind kind);

}  // namespace lfpbms::sim
