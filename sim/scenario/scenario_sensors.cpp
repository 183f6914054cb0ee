// [sensors]: the twin board's measurement errors, fixed instead of drawn. The bounds reach
// well past the SPEC's accuracy (PK-3) so that a scenario can show what a bad front end does,
// yet stay errors of a working sensor, not failures (those are [[fault]]s).
#include "sim/scenario/scenario_parts.hpp"

namespace lfpbms::sim::scenario_detail {
namespace {

constexpr Range kGainError_pct{-5, 5};
constexpr Range kOffset_A{-5, 5};
constexpr Range kCellError_mV{0, 50};
constexpr Range kTemperatureError_C{0, 10};

}  // namespace

void read_sensors(Reader& r, SensorSetup& sensors) {
  sensors.current_gain_error_pct = r.number("current_gain_error_pct", kGainError_pct);
  sensors.current_offset_A = r.number("current_offset_A", kOffset_A);
  sensors.cell_noise_mV = r.number("cell_noise_mV", kCellError_mV);
  sensors.cell_offset_mV = r.number("cell_offset_mV", kCellError_mV);
  sensors.temperature_error_C = r.number("temperature_error_C", kTemperatureError_C);
}

}  // namespace lfpbms::sim::scenario_detail
