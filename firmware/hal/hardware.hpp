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

// One object that is the whole board: the test fakes, the demo's plant and the twin's board
// each implement every interface, and hand them over together. The flash is a part of its
// own (an hal::EmulatedFlash on every board so far), so the board names it.
class Board : public CellMonitor,
              public CurrentSensor,
              public TemperatureInputs,
              public PowerSwitches,
              public Indicators,
              public Button,
              public Clock,
              public DigitalIo {
 public:
  virtual Nvm& nvm() = 0;
  Hardware hardware() { return {*this, *this, *this, *this, *this, *this, *this, nvm(), *this}; }

 protected:
  ~Board() = default;
};

}  // namespace lfpbms::hal
