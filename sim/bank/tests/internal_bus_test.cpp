// CO-3: the twin's internal RS485 bus: wire time, echo, collisions, cut cables.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/bank/internal_bus.hpp"

namespace lfpbms::sim {
namespace {

struct Ear final : BusListener {
  void on_bus(const char* data, std::size_t length, double t_s) override {
    heard.emplace_back(data, length);
    at_s.push_back(t_s);
  }
  std::vector<std::string> heard;
  std::vector<double> at_s;
};

struct Rig {
  Rig() {
    for (auto& e : ears) bus.add(e);
  }
  InternalBus bus{115200};
  Ear ears[3];
};

TEST(CO_3_internal_bus, a_frame_takes_ten_bits_a_character_after_the_turnaround) {
  Rig r;
  const std::string frame(100, 'A');
  r.bus.send(0, frame.data(), frame.size(), 1.0);
  r.bus.run_until(1.005);
  EXPECT_TRUE(r.ears[1].heard.empty()) << "100 characters at 115200 baud take 8.7 ms";
  r.bus.run_until(1.1);
  ASSERT_EQ(r.ears[1].heard.size(), 1u);
  EXPECT_NEAR(r.ears[1].at_s[0], 1.0 + InternalBus::kTurnaround_s + 100 * 10.0 / 115200, 1e-9);
  EXPECT_EQ(r.ears[2].heard[0], frame);
  EXPECT_EQ(r.ears[0].heard[0], frame) << "the sender hears its own frame";
}

TEST(CO_3_internal_bus, what_a_delivery_causes_is_delivered_in_the_same_run) {
  struct Echoer final : BusListener {
    void on_bus(const char* d, std::size_t n, double t_s) override {
      if (std::string(d, n) == "ping") bus->send(1, "pong", 4, t_s);
      heard.emplace_back(d, n);
    }
    InternalBus* bus = nullptr;
    std::vector<std::string> heard;
  };
  InternalBus bus(9600);
  Ear master;
  Echoer slave;
  slave.bus = &bus;
  bus.add(master);
  bus.add(slave);
  bus.send(0, "ping", 4, 0.0);
  bus.run_until(0.1);
  ASSERT_EQ(master.heard.size(), 2u);
  EXPECT_EQ(master.heard[1], "pong");
  EXPECT_EQ(bus.stats().frames, 2u);
}

TEST(PA_3_internal_bus, two_frames_on_the_wire_at_once_are_garbled_for_everyone) {
  Rig r;
  const std::string a(50, 'A'), b(50, 'B');
  r.bus.send(1, a.data(), a.size(), 0.0);
  r.bus.send(2, b.data(), b.size(), 0.0);
  r.bus.run_until(0.1);
  ASSERT_EQ(r.ears[0].heard.size(), 2u);
  EXPECT_NE(r.ears[0].heard[0], a);
  EXPECT_NE(r.ears[1].heard[0], a) << "the sender's echo shows the collision too";
  EXPECT_EQ(r.bus.stats().collisions, 2u);
}

TEST(PA_3_internal_bus, frames_one_after_the_other_do_not_collide) {
  Rig r;
  const std::string a(50, 'A');
  r.bus.send(1, a.data(), a.size(), 0.0);
  r.bus.send(2, a.data(), a.size(), 0.01);  // after the first's 4.3 ms
  r.bus.run_until(0.1);
  EXPECT_EQ(r.bus.stats().collisions, 0u);
  EXPECT_EQ(r.ears[0].heard[0], a);
  EXPECT_EQ(r.ears[0].heard[1], a);
}

TEST(PA_3_internal_bus, a_cut_cable_hears_only_itself_and_is_heard_by_nobody) {
  Rig r;
  r.bus.set_cut(1, true);
  r.bus.send(1, "cut", 3, 0.0);
  r.bus.send(0, "live", 4, 0.0);
  r.bus.run_until(0.1);
  ASSERT_EQ(r.ears[1].heard.size(), 1u);
  EXPECT_EQ(r.ears[1].heard[0], "cut") << "its own echo, clean";
  ASSERT_EQ(r.ears[2].heard.size(), 1u);
  EXPECT_EQ(r.ears[2].heard[0], "live") << "no collision with a frame that never reached the bus";
}

}  // namespace
}  // namespace lfpbms::sim
