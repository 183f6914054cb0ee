#include "sim/bank/pack_unit.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lfpbms::sim {

namespace {

// The parts' random streams: pack 1 keeps the salts a lone pack always had.
std::uint64_t salt(std::size_t index, std::uint64_t part) {
  return index == 0 ? part : 1000 + 16 * index + part;
}

MonitorLimits monitor_limits(const ParamSet& p) {
  MonitorLimits l;
  auto amps = [&](ParamId id) { return p.get(id) / 1000.0; };
  auto secs = [&](ParamId id) { return p.get(id) / 1000.0; };
  l.currents = {
      {"charge over-current", amps(ParamId::chg_oc_protect_mA), secs(ParamId::chg_oc_delay_ms)},
      {"discharge over-current", -amps(ParamId::dsg_oc1_protect_mA),
       secs(ParamId::dsg_oc1_delay_ms)},
      {"discharge over-current tier 2", -amps(ParamId::dsg_oc2_protect_mA),
       secs(ParamId::dsg_oc2_delay_ms)},
      {"short circuit", -amps(ParamId::scp_current_mA), p.get(ParamId::scp_delay_us) / 1e6},
  };
  return l;
}

}  // namespace

// The firmware's events go to its own flash log at once and, marked with the pack, to the run's
// record when the bank hands them on, pack by pack in order.
class PackUnit::Events final : public EventSink {
 public:
  Events(Recorder& recorder, EventLog& log, std::size_t pack)
      : recorder_(recorder), log_(log), pack_(static_cast<int>(pack) + 1) {}
  void record(const Event& e) override {
    log_.record(e);
    pending_.push_back(e);
  }
  void flush() {
    for (const Event& e : pending_) recorder_.record(e, pack_);
    pending_.clear();
  }

 private:
  Recorder& recorder_;
  EventLog& log_;
  int pack_;
  std::vector<Event> pending_;
};

void PackUnit::flush_events() {
  events_->flush();
}

PackUnit::PackUnit(const UnitSetup& setup, const ProductProfile& profile,
                   const SensorSetup& sensors, const ParamSet& params, Random rng,
                   BankWiring& wiring, Recorder& recorder)
    : index(setup.index),
      capacity_Ah(setup.capacity_Ah),
      cable_ohm(setup.cable_ohm),
      pack(setup.cells, setup.capacity_Ah, profile.config.series_count,
           rng.fork(salt(setup.index, 2))),
      thermal(setup.capacity_Ah, profile.config.series_count, setup.start_C,
              rng.fork(salt(setup.index, 3))),
      board(pack, path, thermal, profile.config.ntc_count, rng.fork(salt(setup.index, 4)), sensors),
      event_log(board.nvm(), profile.config.flash.log_sector, profile.config.flash.log_sectors),
      monitor(monitor_limits(params)),
      profile_(profile),
      params_(params),
      wiring_(wiring),
      events_(std::make_unique<Events>(recorder, event_log, setup.index)),
      joins_at_s_(setup.joins_at_s) {
  wiring_.set_dip(index, setup.dip);
  wiring_.attach(index, *this);
  board.set_short_circuit_handler([this] {
    if (bms) bms->on_short_circuit();
  });
  path.set_limiter_A(params_.get(ParamId::charge_limit_mA) / 1000.0);
  connected_ = joins_at_s_ <= 0;
  wiring_.set_linked(index, connected_);
}

PackUnit::~PackUnit() = default;

void PackUnit::build_firmware() {
  protocol::DeviceIdentity identity;
  protocol::CredentialStore* credentials = nullptr;
  hal::SystemControl* system = nullptr;
  if (device) {
    identity = device->identity;
    credentials = device->credentials;
    system = device->system;
  }
  node.reset();
  device.reset();
  bms.reset();
  event_log.mount();
  bms = std::make_unique<Bms>(board.hardware(), profile_.config, *events_);
  device = std::make_unique<protocol::HostDevice>(
      protocol::HostDevice{*bms, board, identity, &event_log, credentials, nullptr, 1, system});
  node = std::make_unique<BankNode>(*device, wiring_.port(index));
  device->bank = node.get();
  ++firmware_builds_;
}

void PackUnit::start() {
  connected_ = !faults.dc_disconnected;
  wiring_.set_linked(index, true);
  build_firmware();
  bms->start();
  std::vector<ParamWrite> all;
  for (std::size_t i = 0; i < kParamCount; ++i) {
    all.push_back({static_cast<ParamId>(i), params_.values()[i]});
  }
  if (!bms->set_params(all.data(), all.size()).ok()) {
    throw std::runtime_error("pack " + std::to_string(index + 1) +
                             ": the firmware refused the settings");
  }
  node->start(board.now_ms());
}

void PackUnit::power_cycle() {
  build_firmware();
  bms->start();
  node->start(board.now_ms());
}

Branch PackUnit::branch() const {
  return {const_cast<PowerPath*>(&path), pack.internal_V(), pack.resistance_ohm(), cable_ohm,
          connected_};
}

void PackUnit::apply_faults() {
  board.set_button(faults.button);
  wiring_.set_bus_cut(index, faults.bus_cable_cut);
  if (bms) connected_ = !faults.dc_disconnected;
}

void PackUnit::physics(double dt_s, double ambient_C, bool charger_holds_port) {
  if (last.short_trip) board.short_circuit();
  const bool powered = bms != nullptr;
  const bool heater = powered && board.heater_on();
  const double pack_V = pack.internal_V();
  const double heater_A = heater && !charger_holds_port ? thermal.heater_W() / pack_V : 0.0;
  own_A_ = (powered && awake() ? kBmsRunning_A : kBmsSleeping_A) + heater_A;
  pack.step(last.current_A, own_A_, dt_s, thermal.cell_C());
  thermal.step(dt_s, ambient_C, pack.heat_W(), heater, last.fet_heat_W + pack.bleed_W());
  board.set_truth({last.current_A, last.terminal_V, last.current_A - own_A_});
  // The monitor judges this step's current against what was in force while it flowed.
  in_force_ = in_force();
}

void PackUnit::tick(TimeMs now_ms, bool polled) {
  board.set_time_ms(now_ms);
  if (!bms) return;
  BmsInputs in = node->inputs();
  in.comm_activity = in.comm_activity || polled;
  bms->tick(in);
}

void PackUnit::network(TimeMs now_ms) {
  if (node) node->tick(now_ms);
}

void PackUnit::on_bus(const char* data, std::size_t length, double t_s) {
  if (!node) return;
  wiring_.set_now(t_s);
  node->receive(data, length, static_cast<TimeMs>(std::floor(t_s * 1000.0 + 1e-6)));
}

MonitorSample PackUnit::in_force() const {
  MonitorSample m;
  m.charge_gate = path.gates().charge_fet;
  m.discharge_gate = path.gates().discharge_fet;
  m.discharge_path = path.discharge_closed();
  if (!bms) return m;
  const ProtectionStatus& p = bms->status().protection;
  m.failure_mode = p.fault;
  m.charge_locked = p.latched_on(ProtectionId::ChargeOc);
  m.discharge_locked =
      p.latched_on(ProtectionId::DischargeOc1) || p.latched_on(ProtectionId::DischargeOc2);
  return m;
}

void PackUnit::check(double t_s, double dt_s) {
  const auto& cells_C = thermal.cell_C();
  cell_min_V_ = 1e9;
  cell_max_V_ = 0;
  for (std::size_t i = 0; i < pack.series_count(); ++i) {
    const double v = pack.cell_V(i, last.current_A);
    cell_min_V_ = std::min(cell_min_V_, v);
    cell_max_V_ = std::max(cell_max_V_, v);
  }
  const auto [lo, hi] = std::minmax_element(cells_C.begin(), cells_C.end());
  MonitorSample m = in_force_;
  m.t_s = t_s;
  m.max_cell_V = cell_max_V_;
  m.min_cell_V = cell_min_V_;
  m.max_cell_C = *hi;
  m.min_cell_C = *lo;
  m.current_A = last.current_A;
  monitor.check(m, dt_s);
  totals_.min_cell_V = std::min(totals_.min_cell_V, cell_min_V_);
  totals_.max_cell_V = std::max(totals_.max_cell_V, cell_max_V_);
  const double wh = last.terminal_V * last.current_A * dt_s / 3600.0;
  (wh > 0 ? totals_.charged_Wh : totals_.discharged_Wh) += std::abs(wh);
}

}  // namespace lfpbms::sim
