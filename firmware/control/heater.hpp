#pragma once
// Heating film (PK-5), own rules: when enabled, cold and a charger is present, heat first and
// hold the charge FET open until the coldest cell is warm enough, then charge. A time limit
// stops a heater that cannot win (until the charger goes away and comes back).
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
  bool holds_charge() const { return on_; }  // heat first, then charge

 private:
  bool on_ = false;
  bool timed_out_ = false;
  TimeMs started_ = 0;
};

}  // namespace lfpbms
