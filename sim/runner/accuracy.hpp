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

}  // namespace lfpbms::sim
