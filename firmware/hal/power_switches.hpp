#pragma once

namespace lfpbms::hal {

// Everything the BMS switches in the power path, written once per tick.
struct SwitchCommand {
  bool charge_fet = false;
  bool discharge_fet = false;
  bool precharge = false;       // pre-charge resistor path around the discharge FET
  bool charge_limiter = false;  // current-limiting path around the charge FET
  bool heater = false;          // heating film
};

class PowerSwitches {
 public:
  virtual void apply(const SwitchCommand& command) = 0;

 protected:
  ~PowerSwitches() = default;
};

}  // namespace lfpbms::hal
