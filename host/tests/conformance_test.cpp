// Frames captured from real packs (tests/fixtures/host-protocol/, each with its source) decoded
// by the client's decoder, and the firmware's encoder writing the same layout (CO-2).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bms_rig.hpp"
#include "host/client/decode.hpp"
#include "protocol/field_io.hpp"
#include "protocol/host_link.hpp"

namespace lfpbms::host {
namespace {

using nlohmann::json;

struct Capture {
  std::string file;
  json frame;
};

std::vector<Capture> captures() {
  std::vector<Capture> out;
  for (const auto& entry : std::filesystem::directory_iterator(LFPBMS_FIXTURES_DIR)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    const json doc = json::parse(in);
    for (const json& f : doc["frames"]) out.push_back({entry.path().filename().string(), f});
  }
  EXPECT_GE(out.size(), 40u);
  return out;
}

// The response frame parsed with the codec both ends share; false when it has none.
bool parse(const json& f, Answer& a, protocol::FrameStatus& status) {
  if (!f.contains("response") || f["response"].get<std::string>().empty()) return false;
  const std::string text = f["response"];
  std::vector<char> buf(protocol::kMaxFrameChars);
  protocol::FrameParser p(buf.data(), buf.size());
  bool done = false;
  for (char c : text) {
    if (p.push(c)) {
      done = true;
      status = p.frame().status;
      a.header = p.frame().header;
      if (status == protocol::FrameStatus::Ok) a.info.assign(p.frame().info, p.frame().info_chars);
    }
  }
  return done;
}

bool is(const json& f, const char* ver, const char* cid2) {
  return f["ver"] == ver && f["cid2"] == cid2;
}

// A value the source published (some captures leave a field unknown: null).
bool known(const json& e, const char* key) {
  return e.contains(key) && !e[key].is_null();
}

void expect_analog(const protocol::AnalogBlock& b, const json& e, const std::string& where) {
  SCOPED_TRACE(where);
  const auto cells = e["cell_voltage_mV"].get<std::vector<int>>();
  ASSERT_EQ(b.cell_count, cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) EXPECT_EQ(b.cell_voltage_mV[i], cells[i]);
  const auto temps = e["temperature_dC"].get<std::vector<int>>();
  ASSERT_EQ(b.temperature_count, temps.size());
  for (std::size_t i = 0; i < temps.size(); ++i) EXPECT_EQ(b.temperature_dC[i], temps[i]);
  if (known(e, "current_mA")) {
    EXPECT_EQ(b.current_mA, e["current_mA"].get<int>());
  }
  if (known(e, "pack_voltage_mV")) {
    EXPECT_EQ(b.pack_voltage_mV, e["pack_voltage_mV"].get<int>());
  }
  if (known(e, "remaining_mAh")) {
    EXPECT_EQ(b.remaining_mAh, e["remaining_mAh"].get<int>());
  }
  if (known(e, "full_capacity_mAh")) {
    EXPECT_EQ(b.full_capacity_mAh, e["full_capacity_mAh"].get<int>());
  }
  if (known(e, "cycle_count")) {
    EXPECT_EQ(b.cycle_count, e["cycle_count"].get<int>());
  }
  if (known(e, "design_capacity_mAh")) {
    EXPECT_EQ(b.design_capacity_mAh, e["design_capacity_mAh"].get<int>());
  }
}

TEST(CO_2_conformance, every_captured_frame_checks_as_its_source_says) {
  int checked = 0;
  for (const Capture& c : captures()) {
    Answer a;
    protocol::FrameStatus status{};
    if (!parse(c.frame, a, status) || !c.frame.contains("checks")) continue;
    const json& k = c.frame["checks"];
    if (!k.contains("chksum_ok") || k["chksum_ok"].is_null()) continue;  // truncated captures
    const bool ok = k["chksum_ok"].get<bool>() && k["lchksum_ok"].get<bool>();
    EXPECT_EQ(status == protocol::FrameStatus::Ok, ok) << c.file << ": " << c.frame["what"];
    ++checked;
  }
  EXPECT_GE(checked, 40);
}

TEST(CO_2_conformance, analog_answers_decode_to_the_published_values) {
  int checked = 0;
  for (const Capture& c : captures()) {
    const json& f = c.frame;
    Answer a;
    protocol::FrameStatus status{};
    if (!(is(f, "25", "42") || is(f, "20", "42")) || !parse(f, a, status)) continue;
    if (status != protocol::FrameStatus::Ok) continue;
    const json& e = f["expect"];
    const bool all = e.contains("packs");
    SCOPED_TRACE(c.file + ": " + f["what"].get<std::string>());
    std::vector<PackAnalog> packs;
    ASSERT_NO_THROW(packs = decode_analog(a, all));
    if (all) {
      ASSERT_EQ(packs.size(), e["packs"].size()) << c.file;
      for (std::size_t i = 0; i < packs.size(); ++i)
        expect_analog(packs[i].block, e["packs"][i], c.file);
    } else {
      ASSERT_EQ(packs.size(), 1u);
      expect_analog(packs[0].block, e, c.file);
    }
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST(CO_2_conformance, alarm_answers_decode_to_the_published_values) {
  int checked = 0;
  for (const Capture& c : captures()) {
    const json& f = c.frame;
    Answer a;
    protocol::FrameStatus status{};
    if (!is(f, "25", "44") || !parse(f, a, status) || status != protocol::FrameStatus::Ok) continue;
    const json& e = f["expect"];
    const auto packs = decode_alarms(a, false);
    ASSERT_EQ(packs.size(), 1u);
    const protocol::AlarmBlock& b = packs[0].block;
    EXPECT_EQ(b.cell_count, e["cell_alarm"].size());
    EXPECT_EQ(b.system, e["system"].get<int>()) << c.file;
    EXPECT_EQ(b.protect1, e["protect1"].get<int>());
    EXPECT_EQ(b.protect2, e["protect2"].get<int>());
    EXPECT_EQ(b.balancing, e["balancing"].get<int>());
    EXPECT_EQ(b.warn2, e["warn2"].get<int>());
    ++checked;
  }
  EXPECT_GE(checked, 2);
}

// The firmware's encoder, given the values a real pack sent, writes the same characters.
std::string encode_info(std::uint8_t adr, const auto& layout) {
  std::vector<char> buf(protocol::kMaxFrameChars);
  protocol::FrameWriter w(buf.data(), buf.size());
  w.begin({protocol::kVer25, adr, protocol::kCid1Battery, 0});
  protocol::FieldEncoder enc(w);
  layout(w, enc);
  const std::size_t n = w.finish();
  return std::string(buf.data() + 13, n - 18);
}

TEST(CO_2_conformance, the_firmware_encoder_reproduces_captured_single_pack_layouts) {
  int checked = 0;
  for (const Capture& c : captures()) {
    const json& f = c.frame;
    Answer a;
    protocol::FrameStatus status{};
    if (f["ver"] != "25" || !parse(f, a, status) || status != protocol::FrameStatus::Ok) continue;
    const json& e = f["expect"];
    if (f["cid2"] == "42" && !e.contains("packs") && e["user_defined_count"] == 3 &&
        e["address_or_count"] == 1 &&
        a.info.size() == 2 * 2 + 2 * (1 + 32 + 1 + 12 + 2 + 2 + 2 + 1 + 6)) {
      const auto b = decode_analog(a, false)[0].block;
      EXPECT_EQ(encode_info(a.header.adr,
                            [&](protocol::FrameWriter& w, protocol::FieldEncoder& enc) {
                              w.u8(0);
                              w.u8(1);
                              protocol::analog_layout(enc, b, protocol::kPaceUnits);
                              protocol::pace_capacity_layout(enc, b);
                            }),
                a.info)
          << c.file;
      ++checked;
    }
    if (f["cid2"] == "44" && a.info.size() == 2 * (2 + 1 + 16 + 1 + 6 + 3 + 9)) {
      const auto b = decode_alarms(a, false)[0].block;
      EXPECT_EQ(encode_info(a.header.adr,
                            [&](protocol::FrameWriter& w, protocol::FieldEncoder& enc) {
                              w.u8(0);
                              w.u8(1);
                              protocol::alarm_layout(enc, b);
                              protocol::pace_status_layout(enc, b);
                            }),
                a.info)
          << c.file;
      ++checked;
    }
  }
  EXPECT_GE(checked, 2);
}

// The battery's own answers to settings, clock and version reads, for the values a real pack
// had, have the captured shape.
TEST(CO_2_conformance, the_battery_answers_settings_like_a_real_pack) {
  testing::BmsRig rig;
  rig.run_until_running();
  ASSERT_TRUE(rig.bms.set_param(ParamId::dsg_oc1_alarm_mA, 105000).ok());
  ASSERT_TRUE(rig.bms.set_param(ParamId::dsg_oc1_protect_mA, 110000).ok());
  ASSERT_TRUE(rig.bms.set_param(ParamId::dsg_oc1_delay_ms, 1000).ok());
  ASSERT_TRUE(rig.bms.set_param(ParamId::chg_ot_alarm_dC, 510).ok());
  ASSERT_TRUE(rig.bms.set_param(ParamId::dsg_ot_alarm_dC, 560).ok());
  struct Port final : hal::SerialPort {
    void send(const char* d, std::size_t n) override { last.assign(d, n); }
    std::string last;
  } port;
  std::vector<char> tx(512);
  protocol::HostDevice device{rig.bms, rig.board, {}, nullptr, nullptr, nullptr, 1};
  device.bms.set_param(ParamId::open_host_writes, 1);
  protocol::HostLink link(device, port, tx.data(), tx.size());
  int checked = 0;
  for (const Capture& c : captures()) {
    const json& f = c.frame;
    if (f["ver"] != "25" || !f.contains("request") || !f.contains("response")) continue;
    const std::string cid2 = f["cid2"];
    if (cid2 != "D1" && cid2 != "DB" && cid2 != "DD" && cid2 != "A6" && cid2 != "B1") continue;
    const std::string request = f["request"];
    link.receive(request.data(), request.size(), rig.board.now_ms());
    const std::string expected = f["response"];
    ASSERT_FALSE(port.last.empty()) << cid2;
    // Same header and length; values equal where the pack's settings are the same.
    EXPECT_EQ(port.last.substr(0, 13), expected.substr(0, 13)) << c.file << " " << cid2;
    EXPECT_EQ(port.last.size(), expected.size()) << cid2;
    if (cid2 == "D1" || cid2 == "DB" || cid2 == "DD") {
      EXPECT_EQ(port.last, expected) << cid2;
    }
    ++checked;
  }
  EXPECT_GE(checked, 4);
}

}  // namespace
}  // namespace lfpbms::host
