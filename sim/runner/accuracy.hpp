#pragma once
// What a run tells about the firmware's estimates beyond the SOC error (the reported SOC's
// speed is the recorder's, sim/runner/minute_swing.hpp): the pack's true state of health and
// the cell spread at the top of charge.
#include <optional>
#include <vector>

#include "sim/pack/pack.hpp"
#include "sim/runner/recorder.hpp"

namespace lfpbms::sim {

// The smallest cell's 25 °C capacity over the rated one, in %: the pack holds no more.
double true_soh_pct(const Pack& pack, double rated_capacity_Ah);

// max - min cell as the firmware measured it at the last full charge it detected; nothing if
// it never saw one.
std::optional<double> top_spread_mV(const std::vector<LoggedEvent>& events);

// The day (from the start, fractional) of the first full charge whose cell spread was at most
// `spread_mV`: how long balancing took to bring the top together; nothing if it never did.
// Once there, the spread at later full charges wanders between the balancer's stop and start
// thresholds (BA-1: 20 and 30 mV), so the last full charge alone says little.
std::optional<double> days_to_top_spread(const std::vector<LoggedEvent>& events, double spread_mV);

}  // namespace lfpbms::sim
