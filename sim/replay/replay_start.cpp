#include "sim/replay/replay_start.hpp"

#include <cmath>
#include <string>

namespace lfpbms::sim {

void configure_firmware(Bms& bms, const ReplaySetup& setup) {
  const auto design_mAh = static_cast<std::int32_t>(std::lround(setup.design_capacity_Ah * 1000.0));
  const ParamWrite write{ParamId::design_capacity_mAh, design_mAh};
  const WriteResult r = bms.set_params(&write, 1);
  if (!r.ok()) {
    throw ReplayError(std::string("the firmware refused design_capacity_mAh = ") +
                      std::to_string(design_mAh) + ": " + param_error_name(r.error));
  }
}

}  // namespace lfpbms::sim
