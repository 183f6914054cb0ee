#pragma once
// The BMS: one tick every 100 ms runs measure -> validate -> estimate -> protect -> state ->
// gate -> limits -> indicate -> outputs, on the hardware interfaces it was given. The short-
// circuit interrupt path (on_short_circuit) does not wait for the tick.
#include <cstdint>

#include "bms_status.hpp"
#include "control/balancer.hpp"
#include "control/charge_tracker.hpp"
#include "control/fet_gate.hpp"
#include "control/force_charge.hpp"
#include "control/heater.hpp"
#include "estimation/pack_estimator.hpp"
#include "hal/hardware.hpp"
#include "measurement/validator.hpp"
#include "pack_config.hpp"
#include "params/param_storage.hpp"
#include "protection/protection_engine.hpp"
#include "state/state_machine.hpp"

namespace lfpbms {

// What the rest of the firmware (links, parallel master) tells the core each tick.
struct BmsInputs {
  bool comm_activity = false;
  bool link_wake = false;
  bool in_bank = false;  // other packs share the DC bus: the join rule applies (PA-4)
  bool bank_master = false;  // the master of a bank with slaves: the M/S LED (PA-1)
  SystemFaults system;
};

inline constexpr std::int32_t kReversePolarity_mV = -1000;  // (own) terminals this negative
inline constexpr std::int32_t kChargerDetect_mV = 1000;     // (own) terminals above the pack

class Bms {
 public:
  Bms(const hal::Hardware& hw, const PackConfig& config, EventSink& events);

  void start();
  void tick(const BmsInputs& inputs = {});
  // Called from the front end's short-circuit interrupt; the hardware has opened the FETs.
  void on_short_circuit() { short_circuit_pending_ = true; }

  // Host commands. Writes are checked, then stored; a refused write changes nothing.
  WriteResult set_param(ParamId id, std::int32_t value);
  WriteResult set_params(const ParamWrite* writes, std::size_t count);
  // Returns false (and changes nothing) when the defaults could not be stored.
  bool restore_defaults();
  void request_sleep() { host_sleep_ = true; }
  void clear_latched();  // manual intervention by host command
  void set_host_switches(bool charge_off, bool discharge_off);
  bool host_charge_off() const { return host_charge_off_; }
  bool host_discharge_off() const { return host_discharge_off_; }
  // A SOC the host knows (a replay's reference, an installer's reading): 0...10000, trusted to
  // 1 %; the filter corrects it from there. False (and nothing changed) when out of range or
  // before the first measurement.
  bool set_soc_pptt(std::int32_t soc_pptt) { return estimates_.set_soc_pptt(soc_pptt); }

  const BmsStatus& status() const { return status_; }
  const ParamSet& params() const { return params_; }
  const PackConfig& config() const { return config_; }
  const ProtectionEngine& protection() const { return engine_; }
  const PackEstimator& estimates() const { return estimates_; }

 private:
  const Measurements& measure(TimeMs now);
  void estimate(TimeMs now, const Measurements& m);
  void protect(TimeMs now, const Measurements& m, const BmsInputs& inputs);
  FsmOutput step_state(TimeMs now, const Measurements& m, const BmsInputs& inputs);
  void drive(TimeMs now, const Measurements& m, const FsmOutput& fsm);
  static bool charger_present(const Measurements& m);
  void heat(TimeMs now, const Measurements& m);
  void balance(const Measurements& m);
  GateDecision gate(TimeMs now, const Measurements& m, const FsmOutput& fsm);
  void advertise(TimeMs now, const Measurements& m, const GateDecision& d);
  void publish(TimeMs now, const Measurements& m, const GateDecision& d);
  void record(EventKind kind, std::uint8_t source);
  void record(SystemEvent e) { record(EventKind::System, static_cast<std::uint8_t>(e)); }
  void drain_protection_events();
  WriteResult stored(const ParamValues& before, WriteResult result);

  hal::Hardware hw_;
  PackConfig config_;
  EventSink& events_;
  ParamSet params_;
  ParamStorage storage_;
  Validator validator_;
  PackEstimator estimates_;
  ChargeTracker charge_;
  ProtectionEngine engine_;
  StateMachine fsm_;
  ButtonTracker button_;
  Heater heater_;
  Balancer balancer_;
  FetGate gate_;
  LimitCalculator limits_;
  ForceCharge force_charge_;
  BmsStatus status_;
  TimeMs last_tick_ = 0;
  TimeMs show_soc_until_ = 0;
  bool host_sleep_ = false;
  bool in_bank_ = false;
  bool bank_master_ = false;
  bool host_charge_off_ = false;
  bool host_discharge_off_ = false;
  bool full_event_ = false;
  bool precharge_failed_ = false;
  volatile bool short_circuit_pending_ = false;
};

}  // namespace lfpbms
