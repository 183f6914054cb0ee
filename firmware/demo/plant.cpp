#include "demo/plant.hpp"

#include <cstring>

#include "params/param_storage.hpp"

namespace lfpbms::demo {

namespace {

struct OcvPoint {
  std::int32_t soc_pptt;
  std::int32_t mV;
};

// An LFP-like curve: a steep start, the flat plateau, a knee at the top that overcharge climbs.
constexpr OcvPoint kOcv[] = {{-200, 2000}, {0, 2400},     {500, 3000},  {1500, 3200},
                             {3000, 3260}, {7000, 3320},  {9000, 3340}, {9500, 3400},
                             {9800, 3500}, {10000, 3650}, {10200, 3900}};
constexpr std::int32_t kCellResistance_uOhm = 1000;  // 1 mOhm
constexpr std::int32_t kLimiter_mA = 20000;

std::int32_t ocv_mV(std::int32_t soc_pptt) {
  if (soc_pptt <= kOcv[0].soc_pptt) return kOcv[0].mV;
  for (std::size_t i = 1; i < sizeof(kOcv) / sizeof(kOcv[0]); ++i) {
    const OcvPoint& a = kOcv[i - 1];
    const OcvPoint& b = kOcv[i];
    if (soc_pptt <= b.soc_pptt) {
      return a.mV + (b.mV - a.mV) * (soc_pptt - a.soc_pptt) / (b.soc_pptt - a.soc_pptt);
    }
  }
  return kOcv[sizeof(kOcv) / sizeof(kOcv[0]) - 1].mV;
}

}  // namespace

static_assert(ParamStorage::kFrameSize <= Plant::kSectorSize, "a parameter copy needs a sector");

Plant::Plant(std::int32_t soc_pptt)
    : charge_mAs_(kCapacity_mAs * soc_pptt / 10000),
      memory_(),
      wear_(),
      flash_(memory_, sizeof(memory_), kSectorSize, wear_) {
  std::memset(memory_, 0xFF, sizeof(memory_));  // a new part: erased
}

std::int32_t Plant::soc_pptt() const {
  return static_cast<std::int32_t>(charge_mAs_ * 10000 / kCapacity_mAs);
}

void Plant::step(std::int32_t request_mA) {
  std::int32_t i = 0;
  if (request_mA > 0 && switches_.charge_fet) i = request_mA;
  if (request_mA > 0 && !switches_.charge_fet && switches_.charge_limiter) {
    i = request_mA < kLimiter_mA ? request_mA : kLimiter_mA;
  }
  if (request_mA < 0 && switches_.discharge_fet) i = request_mA;
  current_mA_ = i;
  charge_mAs_ += static_cast<std::int64_t>(i) * static_cast<std::int64_t>(kTickMs) / 1000;
  now_ms_ += kTickMs;
}

// Cell 5 sits 15 mV above the others: it reaches the knee first, as a real pack's does.
std::uint16_t Plant::cell_mV(std::uint8_t index) const {
  const std::int32_t ir_mV = current_mA_ * kCellResistance_uOhm / 1000000;
  const std::int32_t offset_mV = index == 4 ? 15 : 0;
  return static_cast<std::uint16_t>(ocv_mV(soc_pptt()) + ir_mV + offset_mV);
}

bool Plant::read(hal::CellSample& out) {
  std::uint32_t sum = 0;
  for (std::uint8_t i = 0; i < kCells; ++i) {
    out.cell_voltage_mV[i] = cell_mV(i);
    sum += out.cell_voltage_mV[i];
  }
  out.pack_voltage_mV = sum;
  const bool connected = switches_.charge_fet || switches_.discharge_fet;
  out.terminal_voltage_mV = connected ? static_cast<std::int32_t>(sum) : 0;
  out.open_wire_mask = 0;
  out.adc_fault = false;
  return true;
}

bool Plant::read(hal::CurrentSample& out) {
  out.current_mA = current_mA_;
  out.fault = false;
  return true;
}

bool Plant::read(hal::TemperatureSample& out) {
  out.cell_temperature_dC.fill(temperature_dC_);
  out.mosfet_temperature_dC = 300;
  out.ambient_temperature_dC = 250;
  return true;
}

}  // namespace lfpbms::demo
