#include "protection/protection_names.hpp"

#include <cstddef>

namespace lfpbms {

namespace {
template <std::size_t N>
const char* pick(const char* const (&names)[N], unsigned i) {
  return i < N ? names[i] : "?";
}
}  // namespace

const char* quantity_name(Quantity q) {
  constexpr const char* kNames[] = {
      "max cell mV",         "min cell mV",        "pack mV",          "max cell temp 0.1°C",
      "min cell temp 0.1°C", "ambient 0.1°C",      "MOSFET 0.1°C",     "charge mA",
      "discharge mA",        "cell spread mV",     "SOC 0.01%",        "short-circuit trip",
      "reverse polarity",    "NTC failure",        "sampling failure", "current sensor failure",
      "charge FET leak",     "discharge FET leak", "charge taper end", "under-voltage active",
      "ID time-out",         "address conflict",   "DIP fault",        "cabinet fault",
      "pre-charge timeout",  "master silent"};
  return pick(kNames, static_cast<unsigned>(q));
}

const char* release_rule_name(ReleaseRule r) {
  constexpr const char* kNames[] = {"level",
                                    "level / SOC<=95% or 24 h idle / discharge",
                                    "charge current and level",
                                    "after delay",
                                    "charger",
                                    "SOC below",
                                    "manual"};
  return pick(kNames, static_cast<unsigned>(r));
}

const char* latch_rule_name(LatchRule l) {
  constexpr const char* kNames[] = {"-", "latches", "locks after N in window"};
  return pick(kNames, static_cast<unsigned>(l));
}

const char* fets_name(FetMask f) {
  constexpr const char* kNames[] = {"-", "charge", "discharge", "both"};
  return pick(kNames, static_cast<unsigned>(f));
}

const char* severity_name(Severity s) {
  constexpr const char* kNames[] = {"alarm", "protection", "fault"};
  return pick(kNames, static_cast<unsigned>(s));
}

const char* event_word(EventKind kind, const ProtectionRow& row) {
  if (row.opens == kNoFet && row.protect.present()) {
    if (kind == EventKind::Protect) return "set";
    if (kind == EventKind::Release) return "cleared";
  }
  return event_kind_name(kind);
}

}  // namespace lfpbms
