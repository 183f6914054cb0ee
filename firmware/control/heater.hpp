#pragma once
// Heating film (PK-5), own rules: when enabled and cold, hold the charge FET open and ask for
// a charger; with one present, heat until the coldest cell is warm enough, then charge. A time
// limit stops a heater that cannot win; it rests as long before it tries again.
#include "core/units.hpp"
#include "params/param_set.hpp"

namespace lfpbms {

struct HeaterInputs {
  bool charger_present = false;
  bool temperatures_valid = false;
  bool failure = false;  // failure mode or a protection that opens both FETs
  std::int16_t min_cell_temperature_dC = 0;
};

class Heater {
 public:
  enum class Change { None, On, Off, Timeout };

  Change update(TimeMs now, const HeaterInputs& in, const ParamSet& params);
  bool on() const { return on_; }
  // Heat first, then charge: the charge FET stays open while the film heats and while it
  // waits for a charger to power it, so that no current reaches a cell too cold for it.
  bool holds_charge() const { return wants_; }
  // The film needs power: the inverter must be asked for some charge current.
  bool wants_power() const { return wants_; }

 private:
  bool on_ = false;
  bool wants_ = false;
  TimeMs started_ = 0;
  TimeMs rest_until_ = 0;  // after a time-out
};

}  // namespace lfpbms
