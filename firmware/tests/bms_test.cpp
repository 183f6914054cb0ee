#include <gtest/gtest.h>

#include "bms.hpp"
#include "fake_hardware.hpp"

using namespace lfpbms;

TEST(Smoke, starts_and_closes_fets) {
  fakes::FakeBoard board;
  fakes::EventLog log;
  PackConfig config;
  Bms bms(board.hardware(), config, log);
  bms.start();
  for (int i = 0; i < 100; ++i) {
    board.advance(100);
    bms.tick();
  }
  EXPECT_EQ(bms.status().phase, State::Standby);
  EXPECT_TRUE(board.switches.charge_fet);
  EXPECT_TRUE(board.switches.discharge_fet);
  EXPECT_EQ(bms.status().measurements.faults, 0);
  board.set_current(-20000);
  for (int i = 0; i < 30; ++i) {
    board.advance(100);
    bms.tick();
  }
  EXPECT_EQ(bms.status().phase, State::Discharge);
  for (const auto& e : log.events) {
    printf("%6llu kind=%d src=%d\n", (unsigned long long)e.time_ms, (int)e.kind, e.source);
  }
}
