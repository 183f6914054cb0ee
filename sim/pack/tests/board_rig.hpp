#pragma once
// The twin's parts a board reads from, and reads of each sample, for the board's tests.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <vector>

#include "measurement/validator.hpp"
#include "sim/pack/twin_board.hpp"

namespace lfpbms::sim {

inline PackSetup even_pack() {
  PackSetup s;
  s.initial_soc = 0.5;
  s.initial_soc_spread_pct = 0;
  s.capacity_spread_pct = 0;
  s.resistance_spread_pct = 0;
  s.self_discharge_pct_month = 0;
  return s;
}

// The twin's parts a board reads from.
struct Rig {
  explicit Rig(std::uint64_t seed = 1, std::uint8_t ntcs = 4, const PackSetup& setup = {},
               const SensorSetup& sensors = {})
      : pack(setup, 100, 16, Random(seed)),
        thermal(100, 16, 20.0, Random(seed + 1)),
        board(pack, path, thermal, ntcs, Random(seed + 2), sensors) {}
  Pack pack;
  PowerPath path;
  Thermal thermal;
  TwinBoard board;
};

inline hal::CellSample cells(TwinBoard& b) {
  hal::CellSample s;
  EXPECT_TRUE(b.read(s));
  return s;
}

inline hal::CurrentSample current(TwinBoard& b) {
  hal::CurrentSample s;
  EXPECT_TRUE(b.read(s));
  return s;
}

inline hal::TemperatureSample temperatures(TwinBoard& b) {
  hal::TemperatureSample s;
  EXPECT_TRUE(b.read(s));
  return s;
}

}  // namespace lfpbms::sim
