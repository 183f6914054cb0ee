// `lfpbms selftest`: the firmware core on a simulated board, told as a short story. Each
// chapter drives the board the way a real installation would and checks what the BMS did.
// (`lfpbms sim` runs the firmware in the full digital twin instead.)
#include <fmt/core.h>

#include <cmath>
#include <string>

#include "bms.hpp"
#include "commands.hpp"
#include "fake_hardware.hpp"
#include "sim/runner/event_names.hpp"

namespace lfpbms::app {

namespace {

// Prints each event as it happens, with the measurements the BMS saw at that moment.
class EventPrinter final : public EventSink {
 public:
  explicit EventPrinter(bool quiet) : quiet_(quiet) {}
  void record(const Event& e) override {
    ++count;
    if (quiet_) return;
    const std::string what = sim::event_text(e);
    fmt::print("    [{:>9.1f} s] {:<48} cells {}-{} mV, {:.1f} A, SOC {:.1f} %\n",
               static_cast<double>(e.time_ms) / 1000.0, what, e.snapshot.min_cell_mV,
               e.snapshot.max_cell_mV, e.snapshot.current_mA / 1000.0, e.snapshot.soc_pptt / 100.0);
  }
  int count = 0;

 private:
  bool quiet_;
};

class Story {
 public:
  explicit Story(bool quiet)
      : quiet_(quiet), printer_(quiet), bms_(board.hardware(), config_, printer_) {
    bms_.start();
  }

  void chapter(const char* title) {
    if (!quiet_) fmt::print("\n== {}\n", title);
  }
  void run_s(double seconds, const BmsInputs& in = {}) {
    const long ticks = std::lround(seconds * 10.0);
    for (long i = 0; i < ticks; ++i) {
      board.advance(kTickMs);
      bms_.tick(in);
    }
  }
  void press(double seconds) {
    board.button_down = true;
    run_s(seconds);
    board.button_down = false;
    run_s(0.1);
  }
  void check(bool ok, const std::string& what) {
    ++checks_;
    if (!ok) ++failures_;
    if (!quiet_ || !ok) fmt::print("  {} {}\n", ok ? "ok  " : "FAIL", what);
  }
  void show_fets() {
    if (quiet_) return;
    const auto& s = bms_.status();
    fmt::print("  state {}, charge FET {}, discharge FET {}, SOC {:.1f} %\n",
               reported_state_name(s.state), s.switches.charge_fet ? "on" : "off",
               s.switches.discharge_fet ? "on" : "off", s.soc_pptt / 100.0);
  }
  const BmsStatus& status() const { return bms_.status(); }
  Bms& bms() { return bms_; }
  int failures() const { return failures_; }
  int checks() const { return checks_; }
  int events() const { return printer_.count; }

  fakes::FakeBoard board;

 private:
  bool quiet_;
  PackConfig config_;
  EventPrinter printer_;
  Bms bms_;
  int checks_ = 0;
  int failures_ = 0;
};

bool protecting(const Story& s, ProtectionId id) {
  return s.status().protection.protect_on(id);
}

void power_on(Story& s) {
  s.chapter("Power on: a 16S 100 Ah pack, default settings");
  s.run_s(6);
  const auto& l = s.status().limits;
  s.check(s.status().state == ReportedState::Standby, "LED test done, standby");
  s.check(s.status().switches.charge_fet && s.status().switches.discharge_fet, "both FETs closed");
  s.check(
      l.charge_voltage_mV == 56000 && l.charge_current_limit_mA == 70000 &&
          l.discharge_current_limit_mA == 100000,
      fmt::format("inverter told: CVL {:.1f} V, CCL {} A, DCL {} A", l.charge_voltage_mV / 1000.0,
                  l.charge_current_limit_mA / 1000, l.discharge_current_limit_mA / 1000));
}

void over_voltage(Story& s) {
  s.chapter("Charging at 50 A; cell 7 runs ahead to 3.70 V");
  s.board.set_current(50000);
  s.run_s(3);
  s.check(s.status().state == ReportedState::Charge, "state: charge");
  s.board.set_cell(6, 3700);
  s.run_s(1.2);
  s.show_fets();
  s.check(protecting(s, ProtectionId::CellOv), "cell over-voltage protection after 1 s");
  s.check(!s.status().switches.charge_fet && s.status().switches.discharge_fet,
          "charge FET open, discharge FET still closed");
  s.board.set_current(0);
  s.board.set_cell(6, 3370);
  s.run_s(2.5);
  s.check(!protecting(s, ProtectionId::CellOv), "released 2 s after the cell fell to 3.37 V");
}

void over_current(Story& s) {
  s.chapter("An inverter surge: 135 A discharge, three times within 5 minutes");
  for (int i = 1; i <= 3; ++i) {
    s.board.set_current(-135000);
    s.run_s(10.2);
    s.check(protecting(s, ProtectionId::DischargeOc1),
            fmt::format("discharge over-current #{} after 10 s", i));
    s.board.set_current(0);
    s.run_s(61);
  }
  s.check(s.status().protection.latched_on(ProtectionId::DischargeOc1),
          "locked after 3 continuous events");
  s.check(!s.status().switches.discharge_fet, "discharge FET stays open");
  s.press(7);
  s.run_s(6);
  s.check(s.status().switches.discharge_fet, "button held 7 s: reset clears the lock");
}

void cold_morning(Story& s) {
  s.chapter("A frosty morning: cells at -6 °C while the sun starts charging");
  s.board.set_temperatures(-60);
  s.run_s(2.2);
  s.show_fets();
  s.check(protecting(s, ProtectionId::ChargeUt), "charge under-temperature protection");
  s.check(!s.status().switches.charge_fet && s.status().switches.discharge_fet,
          "no charging, the house still runs");
  s.check(s.status().limits.charge_current_limit_mA == 0, "CCL 0: the inverter is told first");
  s.board.set_temperatures(50);
  s.run_s(2.2);
  s.check(!protecting(s, ProtectionId::ChargeUt), "released at 0 °C");
}

void short_circuit(Story& s) {
  s.chapter("A short circuit at the terminals");
  s.bms().on_short_circuit();
  s.run_s(0.1);
  s.check(!s.status().switches.charge_fet && !s.status().switches.discharge_fet,
          fmt::format("both FETs open, fault code {:02}", s.status().fault_code));
  s.board.pin_terminals(56000);
  s.run_s(2.2);
  s.board.release_terminals();
  s.run_s(0.2);
  s.check(!protecting(s, ProtectionId::ShortCircuit), "a charger at the terminals releases it");
}

void broken_sensor(Story& s) {
  s.chapter("A temperature sensor comes loose");
  s.board.temperature.cell_temperature_dC[2] = -700;
  s.run_s(0.1);
  s.check(!s.status().switches.charge_fet && !s.status().switches.discharge_fet,
          "invalid reading: both FETs open at once");
  s.run_s(1);
  s.check(s.status().state == ReportedState::Fault, "failure mode after 1 s");
  s.board.set_temperatures(250);
  s.run_s(5);
  s.check(s.status().state == ReportedState::Fault, "stays in failure mode once repaired");
  s.bms().clear_latched();
  s.run_s(3);
  s.check(s.status().switches.discharge_fet, "host clears it: running again");
}

void deep_discharge(Story& s) {
  s.chapter("The grid is down for days: the pack runs empty");
  s.board.set_current(-20000);
  s.board.set_cells(2480);
  s.run_s(1.2);
  s.board.set_current(0);
  s.check(protecting(s, ProtectionId::CellUv), "cell under-voltage protection");
  s.run_s(32);
  s.check(s.status().state == ReportedState::Sleep, "asleep 30 s later");
  s.run_s(4 * 3600);
  s.check(s.status().phase == State::AutoWake, "4 h later it wakes to try the FETs");
  s.board.pin_terminals(56000);
  s.board.set_current(10000);
  s.run_s(3);
  s.board.release_terminals();
  s.check(s.status().state == ReportedState::Charge,
          "the generator's charge current keeps it awake");
}

}  // namespace

int run_selftest(bool quiet) {
  Story s(quiet);
  power_on(s);
  over_voltage(s);
  over_current(s);
  cold_morning(s);
  short_circuit(s);
  broken_sensor(s);
  deep_discharge(s);
  fmt::print("\nlfpbms self-test: {} checks, {} failed, {} events logged\n", s.checks(),
             s.failures(), s.events());
  return s.failures();
}

}  // namespace lfpbms::app
