#include "demo/plant_demo.hpp"

#include "bms.hpp"
#include "demo/plant.hpp"
#include "protection/protection_names.hpp"
#include "protocol/host_link.hpp"

namespace lfpbms::demo {

namespace {

using I = ProtectionId;
using K = EventKind;

// Prints each event as one line and counts them by kind and source.
class EventPrinter final : public EventSink {
 public:
  explicit EventPrinter(TextOut* out) : out_(out) {}

  void record(const Event& e) override {
    const auto k = static_cast<std::size_t>(e.kind);
    if (k < kKinds && e.source < kSources) ++counts_[k][e.source];
    if (out_ == nullptr) return;
    TextLine line;
    line.text("[").tenths(static_cast<std::int64_t>(e.time_ms), 8).text(" s] ");
    if (e.kind == K::System) {
      line.text("system ").text(system_event_text(static_cast<SystemEvent>(e.source)));
    } else {
      const ProtectionRow& row = protection_row(static_cast<ProtectionId>(e.source));
      line.text(row.name).text(": ").text(row.text).text(" ").text(event_word(e.kind, row));
    }
    out_->write(line.text(" | min ")
                    .number(e.snapshot.min_cell_mV)
                    .text(" max ")
                    .number(e.snapshot.max_cell_mV)
                    .text(" mV, ")
                    .tenths(e.snapshot.current_mA)
                    .text(" A\n")
                    .c_str());
  }
  unsigned count(K kind, I id) const {
    return counts_[static_cast<std::size_t>(kind)][static_cast<std::size_t>(id)];
  }

 private:
  static constexpr std::size_t kKinds = 8;
  static constexpr std::size_t kSources = 64;
  TextOut* out_;
  unsigned counts_[kKinds][kSources] = {};
};

enum class Until : std::uint8_t { Time, Protect, Release, Locked };

struct Phase {
  const char* name;
  std::int32_t request_mA;
  std::int16_t temperature_dC;
  Until until;
  I id;
  std::uint32_t max_s;  // the phase's length for Until::Time, else its time-out
  bool host_clear;      // a host command at the phase's start
};

// Over 20 minutes of a 20 Ah pack: empty, full, three surges, a hot spell.
constexpr Phase kScript[] = {
    {"start", 0, 250, Until::Time, I::CellUv, 6, false},
    {"drain to empty", -100000, 250, Until::Protect, I::CellUv, 600, false},
    {"charge releases under-voltage", 50000, 250, Until::Release, I::CellUv, 600, false},
    {"charge to full", 100000, 250, Until::Protect, I::CellOv, 1800, false},
    {"rest", 0, 250, Until::Time, I::CellOv, 10, false},
    {"discharge releases over-voltage", -20000, 250, Until::Release, I::CellOv, 60, false},
    {"surge 1", -140000, 250, Until::Time, I::DischargeOc1, 11, false},
    {"pause", 0, 250, Until::Time, I::DischargeOc1, 62, false},
    {"surge 2", -140000, 250, Until::Time, I::DischargeOc1, 11, false},
    {"pause", 0, 250, Until::Time, I::DischargeOc1, 62, false},
    {"surge 3", -140000, 250, Until::Locked, I::DischargeOc1, 11, false},
    {"locked", -20000, 250, Until::Time, I::DischargeOc1, 70, false},
    {"host clears the lock", 0, 250, Until::Time, I::DischargeOc1, 5, true},
    {"hot spell", 0, 570, Until::Protect, I::ChargeOt, 30, false},
    {"cooling", 0, 450, Until::Release, I::ChargeOt, 30, false},
    {"end", 0, 250, Until::Time, I::ChargeOt, 5, false},
};

bool reached(const Phase& p, const ProtectionStatus& s) {
  switch (p.until) {
    case Until::Protect:
      return s.protect_on(p.id);
    case Until::Release:
      return !s.protect_on(p.id);
    case Until::Locked:
      return s.latched_on(p.id);
    case Until::Time:
      break;
  }
  return false;
}

struct Rig {
  explicit Rig(TextOut* out) : plant(1500), printer(out), bms(plant.hardware(), config, printer) {}
  void tick(std::int32_t request_mA) {
    plant.step(request_mA);
    bms.tick();
  }
  Plant plant;
  PackConfig config;
  EventPrinter printer;
  Bms bms;
};

// The rig is large; it lives in static storage, not on the MCU's small stack.
Rig& rig_for(TextOut* out) {
  static Rig rig(out);
  return rig;
}

void run_phase(Rig& r, const Phase& p, TextOut& out) {
  TextLine line;
  out.write(line.text("-- ").text(p.name).text("\n").c_str());
  if (p.host_clear) r.bms.clear_latched();
  r.plant.set_temperature_dC(p.temperature_dC);
  const std::uint32_t ticks = p.max_s * 10;
  for (std::uint32_t t = 0; t < ticks; ++t) {
    r.tick(p.request_mA);
    if (p.until != Until::Time && reached(p, r.bms.status().protection)) return;
  }
}

struct Expected {
  K kind;
  I id;
  unsigned min;
};

constexpr Expected kExpected[] = {
    {K::Protect, I::CellUv, 1},           {K::Release, I::CellUv, 1},
    {K::Protect, I::CellOv, 1},           {K::Release, I::CellOv, 1},
    {K::Protect, I::DischargeOc1, 3},     {K::Lock, I::DischargeOc1, 1},
    {K::ManualClear, I::DischargeOc1, 1}, {K::Protect, I::ChargeOt, 1},
    {K::Release, I::ChargeOt, 1},
};

// The host link's answers, printed as they would go out on the UART.
class PrintedPort final : public hal::SerialPort {
 public:
  explicit PrintedPort(TextOut& out) : out_(out) {}
  // In lines of at most 100 characters, without the final CR.
  void send(const char* data, std::size_t length) override {
    constexpr std::size_t kChunk = 100;
    for (std::size_t at = 0; at + 1 < length; at += kChunk) {
      char chunk[kChunk + 1];
      std::size_t n = 0;
      for (; n < kChunk && at + n + 1 < length; ++n) chunk[n] = data[at + n];
      chunk[n] = '\0';
      TextLine line;
      out_.write(line.text(at == 0 ? "host < " : "       ").text(chunk).text("\n").c_str());
    }
  }

 private:
  TextOut& out_;
};

// A monitor asks for the analog values and the alarm status (PROTOCOLS.md §1.1), a frame
// arriving in two pieces, then a request with a bad checksum.
void ask_host_link(Rig& r, TextOut& out) {
  static char tx[512];
  static protocol::HostDevice device{r.bms, r.plant};
  static PrintedPort port(out);
  static protocol::HostLink link(device, port, tx, sizeof(tx));
  const char* requests[] = {"~25014642E0", "0201FD30\r", "~25014644E00201FD2E\r",
                            "~25014642E00201FD31\r"};
  for (const char* text : requests) {
    std::size_t n = 0;
    while (text[n] != '\0') ++n;
    link.receive(text, n, r.plant.now_ms());
  }
}

}  // namespace

int run_plant_demo(TextOut& out) {
  Rig& r = rig_for(&out);
  r.bms.start();
  for (const Phase& p : kScript) run_phase(r, p, out);
  unsigned missing = 0;
  for (const Expected& e : kExpected) {
    if (r.printer.count(e.kind, e.id) >= e.min) continue;
    ++missing;
    const ProtectionRow& row = protection_row(e.id);
    TextLine line;
    out.write(line.text("MISSING ")
                  .text(row.name)
                  .text(" ")
                  .text(event_word(e.kind, row))
                  .text("\n")
                  .c_str());
  }
  ask_host_link(r, out);
  TextLine line;
  out.write(line.text(missing == 0 ? "PASS" : "FAIL")
                .text(": every expected event ")
                .text(missing == 0 ? "seen\n" : "not seen\n")
                .c_str());
  return missing == 0 ? 0 : 1;
}

void run_steady(std::uint32_t ticks) {
  Rig& r = rig_for(nullptr);
  r.bms.start();
  for (std::uint32_t i = 0; i < 100; ++i) r.tick(0);  // past the start-up
  for (std::uint32_t i = 0; i < ticks; ++i) r.tick(-20000);
}

}  // namespace lfpbms::demo
