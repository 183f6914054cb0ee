#pragma once
#include "hal/button.hpp"
#include "hal/cell_monitor.hpp"
#include "hal/clock.hpp"
#include "hal/current_sensor.hpp"
#include "hal/digital_io.hpp"
#include "hal/indicators.hpp"
#include "hal/nvm.hpp"
#include "hal/power_switches.hpp"
#include "hal/temperature_inputs.hpp"

namespace lfpbms::hal {

// The whole board as the firmware sees it. The twin, the test fakes and the Cortex-M4
// board code each implement these interfaces.
struct Hardware {
  CellMonitor& cells;
  CurrentSensor& current;
  TemperatureInputs& temperatures;
  PowerSwitches& switches;
  Indicators& indicators;
  Button& button;
  Clock& clock;
  Nvm& nvm;
  DigitalIo& io;
};

}  // namespace lfpbms::hal
