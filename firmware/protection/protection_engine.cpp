#include "protection/protection_engine.hpp"

namespace lfpbms {

namespace {

std::int32_t flag(bool b) {
  return b ? 1 : 0;
}

bool past(Side side, std::int32_t v, std::int32_t level) {
  return side == Side::High ? v >= level : v <= level;
}

// Back inside `level` (inclusive): the release side of a level.
bool back(Side side, std::int32_t v, std::int32_t level) {
  return side == Side::High ? v <= level : v >= level;
}

TimeMs delay_of(const Ref& ref, const ParamSet& params) {
  if (!ref.present()) return 0;
  const std::int32_t v = ref.value(params);
  return v > 0 ? static_cast<TimeMs>(v) : 0;
}

struct LockLimits {
  Ref count;
  Ref window_s;
};

LockLimits lock_limits(LockGroup group) {
  switch (group) {
    case LockGroup::ChargeOc:
    case LockGroup::DischargeOc:
      return {{ParamId::oc_lock_count, kNoLevel}, {ParamId::oc_lock_window_s, kNoLevel}};
    case LockGroup::Precharge:  // (own) three failed pre-charges within 5 min
      return {{ParamId::None, 3}, {ParamId::None, 300}};
    default:
      return {{ParamId::None, 0}, {ParamId::None, 0}};
  }
}

}  // namespace

ProtectionEngine::Sample ProtectionEngine::quantity(Quantity q, const ProtectionInputs& in) const {
  const Measurements& m = *in.m;
  const bool cells = m.cells_valid();
  const bool temps = m.temperatures_valid();
  const bool current = m.current_valid();
  switch (q) {
    case Quantity::MaxCell_mV:
      return {m.max_cell_mV, cells};
    case Quantity::MinCell_mV:
      return {m.min_cell_mV, cells};
    case Quantity::Pack_mV:
      return {static_cast<std::int32_t>(m.pack_voltage_mV), cells};
    case Quantity::MaxCellTemperature_dC:
      return {m.max_cell_temperature_dC, temps};
    case Quantity::MinCellTemperature_dC:
      return {m.min_cell_temperature_dC, temps};
    case Quantity::Ambient_dC:
      return {m.ambient_temperature_dC, temps};
    case Quantity::Mosfet_dC:
      return {m.mosfet_temperature_dC, temps};
    case Quantity::ChargeCurrent_mA:
      return {m.current_mA > 0 ? m.current_mA : 0, current};
    case Quantity::DischargeCurrent_mA:
      return {m.current_mA < 0 ? -m.current_mA : 0, current};
    case Quantity::CellSpread_mV:
      return {m.cell_spread_mV(), cells};
    case Quantity::Soc_pptt:
      return {in.soc_pptt, true};
    case Quantity::ShortCircuit:
      return {flag(in.short_circuit), true};
    case Quantity::ReversePolarity:
      return {flag(in.reverse_polarity), true};
    case Quantity::NtcFault:
      return {flag(!temps), true};
    case Quantity::SampleFault:
      return {flag(!cells), true};
    case Quantity::CurrentSensorFault:
      return {flag(!current), true};
    case Quantity::ChargeFetFault:
      return {flag(in.charge_fet_fault), true};
    case Quantity::DischargeFetFault:
      return {flag(in.discharge_fet_fault), true};
    case Quantity::FullCharge:
      return {flag(in.full_charge || rows_[slot(ProtectionId::CellOv)].protect ||
                   rows_[slot(ProtectionId::PackOv)].protect),
              true};
    case Quantity::FullDischarge:  // the under-voltage rows come earlier in the table
      return {flag(rows_[slot(ProtectionId::CellUv)].protect ||
                   rows_[slot(ProtectionId::PackUv)].protect),
              true};
    case Quantity::IdTimeout:
      return {flag(in.system.id_timeout), true};
    case Quantity::AddressConflict:
      return {flag(in.system.address_conflict), true};
    case Quantity::DipFault:
      return {flag(in.system.dip_fault), true};
    case Quantity::CabinetFault:
      return {flag(in.system.cabinet_fault), true};
    case Quantity::MasterLost:
      return {flag(in.system.master_lost), true};
    case Quantity::PrechargeFailed:
      return {flag(in.precharge_failed), true};
  }
  return {0, false};
}

void ProtectionEngine::evaluate(TimeMs now, const ProtectionInputs& in) {
  transition_count_ = 0;
  changed_ = false;
  const ProtectionRow* const end = protection_rows_end();
  for (const ProtectionRow* row = protection_rows_begin(); row != end; ++row) {
    evaluate_row(*row, now, in);
  }
  // The status is a function of the rows' flags, which only change with a transition.
  if (changed_) refresh_status();
}

void ProtectionEngine::evaluate_row(const ProtectionRow& row, TimeMs now,
                                    const ProtectionInputs& in) {
  RowState& st = rows_[slot(row.id)];
  const Sample s = quantity(row.quantity, in);
  if (!s.valid) {
    // An untrusted reading neither trips nor releases; the sensor-fault rows act instead.
    st.alarm_set.reset();
    st.alarm_clear.reset();
    st.trip.reset();
    st.release.reset();
    return;
  }
  if (row.alarm.present()) update_alarm(row, st, now, s.value);
  if (!st.protect) {
    if (row.protect.present()) update_trip(row, st, now, s.value);
  } else if (!st.latched) {
    update_release(row, st, now, s.value, in);
  }
}

void ProtectionEngine::update_alarm(const ProtectionRow& row, RowState& st, TimeMs now,
                                    std::int32_t v) {
  const std::int32_t level = row.alarm.value(params_);
  if (!st.alarm) {
    if (st.alarm_set.update(past(row.side, v, level), now, delay_of(row.alarm_delay_ms, params_))) {
      st.alarm = true;
      st.alarm_clear.reset();
      note(row.id, EventKind::AlarmSet);
    }
    return;
  }
  const std::int32_t hyst =
      row.alarm_hysteresis.present() ? row.alarm_hysteresis.value(params_) : 0;
  const std::int32_t clear_level = row.side == Side::High ? level - hyst : level + hyst;
  if (st.alarm_clear.update(back(row.side, v, clear_level), now,
                            delay_of(row.release_delay_ms, params_))) {
    st.alarm = false;
    st.alarm_set.reset();
    note(row.id, EventKind::AlarmClear);
  }
}

void ProtectionEngine::update_trip(const ProtectionRow& row, RowState& st, TimeMs now,
                                   std::int32_t v) {
  if (!st.trip.update(past(row.side, v, row.protect.value(params_)), now,
                      delay_of(row.protect_delay_ms, params_))) {
    return;
  }
  st.protect = true;
  st.tripped_at = now;
  st.release.reset();
  note(row.id, EventKind::Protect);
  const bool lock = row.latch == LatchRule::OnTrip ||
                    (row.latch == LatchRule::CountInWindow && count_towards_lock(row, now));
  if (lock) {
    st.latched = true;
    if (row.latch == LatchRule::CountInWindow) note(row.id, EventKind::Lock);
  }
}

bool ProtectionEngine::count_towards_lock(const ProtectionRow& row, TimeMs now) {
  LockState& lock = locks_[static_cast<std::size_t>(row.lock_group)];
  const LockLimits limits = lock_limits(row.lock_group);
  const auto window_ms = static_cast<TimeMs>(limits.window_s.value(params_)) * 1000u;
  // Trips no more than the window apart are "continuous" [003][004].
  if (lock.count == 0 || now - lock.last_trip > window_ms) {
    lock.count = 1;
  } else if (lock.count < 0xFF) {
    ++lock.count;
  }
  lock.last_trip = now;
  return lock.count >= limits.count.value(params_);
}

bool ProtectionEngine::release_condition(const ProtectionRow& row, const RowState& st, TimeMs now,
                                         std::int32_t v, const ProtectionInputs& in) const {
  const std::int32_t current_mA = in.m->current_valid() ? in.m->current_mA : 0;
  switch (row.release_rule) {
    case ReleaseRule::Level:
      return back(row.side, v, row.release.value(params_));
    case ReleaseRule::OverVoltage: {
      if (back(row.side, v, row.release.value(params_))) return true;
      if (current_mA < 0) return true;  // discharge current flows [003]
      const bool below_protect = v < row.protect.value(params_);
      const bool soc_ok = in.soc_pptt <= params_.get(ParamId::full_release_soc_pptt);
      const bool idle = in.s_since_charge_end >=
                        static_cast<std::uint32_t>(params_.get(ParamId::ov_release_idle_s));
      return below_protect && (soc_ok || idle);  // [004]
    }
    case ReleaseRule::UnderVoltage: {
      const bool level = back(row.side, v, row.release.value(params_));
      const bool charging = current_mA > 0;
      return params_.get(ParamId::uv_release_any) != 0 ? (level || charging) : (level && charging);
    }
    case ReleaseRule::Time:
      return now - st.tripped_at >= delay_of(row.release_delay_ms, params_);
    case ReleaseRule::ChargerPresent:
      return in.charger_present;
    case ReleaseRule::SocBelow:
      return v == 0 && in.soc_pptt <= row.release.value(params_);
    case ReleaseRule::Manual:
      return false;
  }
  return false;
}

void ProtectionEngine::update_release(const ProtectionRow& row, RowState& st, TimeMs now,
                                      std::int32_t v, const ProtectionInputs& in) {
  const bool cond = release_condition(row, st, now, v, in);
  // Time-based releases have already counted their delay from the trip.
  const TimeMs delay =
      row.release_rule == ReleaseRule::Time ? 0 : delay_of(row.release_delay_ms, params_);
  if (st.release.update(cond, now, delay)) {
    st.protect = false;
    st.trip.reset();
    note(row.id, EventKind::Release);
  }
}

void ProtectionEngine::clear_row(ProtectionId id, EventKind kind) {
  RowState& st = rows_[slot(id)];
  const bool was_on = st.protect;
  st = RowState{};
  if (was_on) note(id, kind);
}

void ProtectionEngine::clear_latched() {
  for (const ProtectionRow* row = protection_rows_begin(); row != protection_rows_end(); ++row) {
    const RowState& st = rows_[slot(row->id)];
    const bool by_hand = row->release_rule == ReleaseRule::Manual ||
                         row->release_rule == ReleaseRule::ChargerPresent;
    if (st.protect && (st.latched || by_hand)) clear_row(row->id, EventKind::ManualClear);
  }
  locks_ = {};
  refresh_status();
}

void ProtectionEngine::reset_all() {
  for (std::size_t i = 0; i < kProtectionCount; ++i) {
    clear_row(static_cast<ProtectionId>(i), EventKind::ManualClear);
  }
  locks_ = {};
  refresh_status();
}

void ProtectionEngine::restart_timers() {
  for (auto& st : rows_) {
    st.alarm_set.reset();
    st.alarm_clear.reset();
    st.trip.reset();
    st.release.reset();
  }
}

void ProtectionEngine::refresh_status() {
  ProtectionStatus s;
  const ProtectionRow* const end = protection_rows_end();
  for (const ProtectionRow* row = protection_rows_begin(); row != end; ++row) {
    const RowState& st = rows_[slot(row->id)];
    if (st.alarm) {
      s.alarm |= bit(row->id);
      s.alarm_flags = static_cast<std::uint16_t>(s.alarm_flags | row->alarm_flag);
    }
    if (!st.protect) continue;
    s.protect |= bit(row->id);
    if (st.latched) s.latched |= bit(row->id);
    s.protect_flags |= row->protect_flag;
    s.block_charge = s.block_charge || (row->opens & kChargeFet) != 0;
    s.block_discharge = s.block_discharge || (row->opens & kDischargeFet) != 0;
    s.fault = s.fault || row->severity == Severity::Fault;
  }
  status_ = s;
}

void ProtectionEngine::note(ProtectionId id, EventKind kind) {
  changed_ = true;
  if (transition_count_ < transitions_.size()) transitions_[transition_count_++] = {id, kind};
}

}  // namespace lfpbms
