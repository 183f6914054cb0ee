#pragma once
// How an LFP cell's resistance, usable capacity, charge efficiency and self-discharge change with
// temperature. Evaluated only when the cell's temperature moves (they use exp and log).
namespace lfpbms::sim {

struct CellTemperatureFactors {
  double resistance = 1.0;          // R(T) / R(25 °C), for R0 and both RC pairs
  double capacity = 1.0;            // usable capacity / capacity at 25 °C
  double charge_efficiency = 0.99;  // charge stored / charge delivered while charging
  double self_discharge = 1.0;      // self-discharge rate / rate at 25 °C
};

CellTemperatureFactors cell_temperature_factors(double temperature_C);

}  // namespace lfpbms::sim
