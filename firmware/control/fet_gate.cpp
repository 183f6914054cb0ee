#include "control/fet_gate.hpp"

namespace lfpbms {

namespace {
constexpr std::uint64_t kUnderVoltage = bit(ProtectionId::CellUv) | bit(ProtectionId::PackUv);
}

GateDecision FetGate::update(TimeMs now, const GateInputs& in, const ParamSet& params) {
  const ProtectionStatus& p = *in.protection;
  const bool hard_off = !in.fets_allowed || in.measurements_invalid || in.rapid_shutdown || p.fault;
  // During an automatic wake the under-voltage rows do not hold the discharge FET, so that an
  // inverter sees the pack and can start charging it [001 §5.5].
  const std::uint64_t blocking = in.auto_wake_try ? (p.protect & ~kUnderVoltage) : p.protect;
  const FetMask opened = fets_opened_by(blocking);

  GateDecision d;
  d.charge_allowed =
      !hard_off && (opened & kChargeFet) == 0 && !in.host_charge_off && !in.heater_holds_charge;
  d.discharge_allowed = !hard_off && (opened & kDischargeFet) == 0 && !in.host_discharge_off;

  // Body-diode rule, only when the other direction's FET is closed (with both open no current
  // can flow, and a protection that opens both keeps both open); the current dead band (PK-3)
  // is the hysteresis between the directions.
  const bool diode_charge =
      !hard_off && !d.charge_allowed && d.discharge_allowed && in.current_mA < 0;
  const bool diode_discharge =
      !hard_off && !d.discharge_allowed && d.charge_allowed && in.current_mA > 0;

  d.limiter = limiter_.update(now, in.current_mA, d.charge_allowed, params);
  // Joining a bank at a lower voltage: the limiter charges the pack up to the others before
  // the charge FET closes. Judged only while the FET is open; once closed, the over-current
  // rows and the limiter's own entry govern.
  const bool join = in.join_gap && !charge_fet_closed_ && params.get(ParamId::charge_limit_mA) > 0;
  const bool limiting = (limiter_.active() || join) && !diode_charge;
  d.command.charge_fet = (d.charge_allowed && !limiting) || diode_charge;
  d.command.charge_limiter = d.charge_allowed && limiting;
  charge_fet_closed_ = d.command.charge_fet;

  const Precharge::Output pre =
      precharge_.update(now, d.discharge_allowed || diode_discharge, in.pack_voltage_mV,
                        in.terminal_voltage_mV, params);
  d.command.discharge_fet = pre.discharge_fet;
  d.command.precharge = pre.precharge;
  d.precharge_failed = pre.failed;
  return d;
}

}  // namespace lfpbms
