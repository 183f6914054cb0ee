#include "sim/replay/replay_start.hpp"

#include <cmath>
#include <cstdlib>
#include <memory>

#include "sim/replay/replay_board.hpp"

namespace lfpbms::sim {

namespace {

// LFP rests between these at 0 % and 100 %; the firmware's SOC from voltage rises across them.
constexpr std::uint16_t kLow_mV = 2000;
constexpr std::uint16_t kHigh_mV = 3700;

class NoEvents final : public EventSink {
 public:
  void record(const Event&) override {}
};

std::array<std::uint16_t, kMaxCells> cells(std::uint16_t mV) {
  std::array<std::uint16_t, kMaxCells> a{};
  a.fill(mV);
  return a;
}

// The SOC the firmware reports after starting on cells resting at `mV`.
std::int32_t start_soc_pptt(std::uint8_t series, std::uint16_t mV) {
  ReplayBoard board(series);
  board.set_cells_mV(cells(mV));
  NoEvents events;
  PackConfig config;
  config.series_count = series;
  const auto bms = std::make_unique<Bms>(board.hardware(), config, events);
  bms->start();
  board.set_time_ms(kTickMs);
  bms->tick();
  return bms->status().soc_pptt;
}

}  // namespace

std::array<std::uint16_t, kMaxCells> resting_cells_mV(std::uint8_t series, std::int32_t soc_pptt) {
  std::uint16_t lo = kLow_mV;
  std::uint16_t hi = kHigh_mV;
  while (hi - lo > 1) {
    const auto mid = static_cast<std::uint16_t>((lo + hi) / 2);
    (start_soc_pptt(series, mid) < soc_pptt ? lo : hi) = mid;
  }
  const bool low_closer = std::abs(start_soc_pptt(series, lo) - soc_pptt) <=
                          std::abs(start_soc_pptt(series, hi) - soc_pptt);
  return cells(low_closer ? lo : hi);
}

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
