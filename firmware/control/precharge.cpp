#include "control/precharge.hpp"

namespace lfpbms {

Precharge::Output Precharge::update(TimeMs now, bool want_closed, std::uint32_t pack_mV,
                                    std::int32_t terminal_mV, const ParamSet& params) {
  if (!want_closed) {
    phase_ = Phase::Open;
    return {};
  }
  const std::int64_t gap_mV = static_cast<std::int64_t>(pack_mV) - terminal_mV;
  const bool link_charged = gap_mV <= params.get(ParamId::precharge_done_mV);
  switch (phase_) {
    case Phase::Open:
      if (link_charged) {
        phase_ = Phase::Closed;
        return {true, false, false};
      }
      phase_ = Phase::Charging;
      started_ = now;
      return {false, true, false};
    case Phase::Charging:
      if (link_charged) {
        phase_ = Phase::Closed;
        return {true, false, false};
      }
      if (elapsed_ms(now, started_) >= static_cast<TimeMs>(params.get(ParamId::precharge_timeout_ms))) {
        phase_ = Phase::Failed;  // wait until the protection row takes the request away
        return {false, false, true};
      }
      return {false, true, false};
    case Phase::Closed:
      return {true, false, false};
    case Phase::Failed:
      return {};
  }
  return {};
}

}  // namespace lfpbms
