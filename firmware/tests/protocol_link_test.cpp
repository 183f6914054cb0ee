// The battery's end of the host link (CO-2): addressing, return codes, reads decoded with the
// same layouts the client uses, and writes that need the administrator.
#include <gtest/gtest.h>

#include "protocol/pace_protocol.hpp"
#include "protocol/pylon_protocol.hpp"
#include "protocol_rig.hpp"

namespace lfpbms::testing {
namespace {

using protocol::Rtn;

protocol::AnalogBlock decode_analog(const Answer& a, std::uint8_t& address) {
  protocol::InfoReader r = a.reader();
  protocol::FieldDecoder dec(r);
  protocol::AnalogBlock block;
  r.u8();  // flag
  address = r.u8();
  protocol::analog_layout(dec, block, protocol::kPaceUnits);
  protocol::pace_capacity_layout(dec, block);
  EXPECT_TRUE(dec.ok());
  return block;
}

std::vector<std::uint8_t> be16(std::uint16_t v) {
  return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

TEST(CO_2_link, analog_values_match_the_pack) {
  ProtocolRig rig;
  rig.board.set_cell(3, 3312);
  rig.board.set_current(-12340);
  rig.board.set_temperatures(237);
  rig.run_ms(2000);
  const Answer a = rig.ask(protocol::kAnalog, {0x01});
  ASSERT_TRUE(a.present);
  EXPECT_EQ(a.rtn(), Rtn::Ok);
  EXPECT_EQ(a.header.adr, 1);
  std::uint8_t address = 0;
  const protocol::AnalogBlock b = decode_analog(a, address);
  const BmsStatus& s = rig.status();
  EXPECT_EQ(address, 1);
  ASSERT_EQ(b.cell_count, 16);
  EXPECT_EQ(b.cell_voltage_mV[3], 3312);
  EXPECT_EQ(b.cell_voltage_mV[0], 3300);
  ASSERT_EQ(b.temperature_count, 6);
  EXPECT_EQ(b.temperature_dC[0], 237);
  EXPECT_EQ(b.temperature_dC[5], 237);
  EXPECT_EQ(b.current_mA, -12340);
  EXPECT_EQ(b.pack_voltage_mV, s.measurements.pack_voltage_mV);
  EXPECT_NEAR(b.remaining_mAh, s.remaining_mAh, 5);
  EXPECT_GT(b.full_capacity_mAh, 0);
  EXPECT_EQ(b.design_capacity_mAh, 100000);
}

TEST(CO_2_link, all_packs_from_a_single_pack_is_a_bank_of_one) {
  ProtocolRig rig;
  const Answer a = rig.ask(protocol::kAnalog, {0xFF});
  ASSERT_TRUE(a.present);
  protocol::InfoReader r = a.reader();
  EXPECT_EQ(r.u8(), 0x00);
  EXPECT_EQ(r.u8(), 1);  // pack count
}

TEST(CO_2_link, answers_its_own_address_and_00_and_nobody_elses) {
  ProtocolRig rig(3);
  EXPECT_FALSE(rig.ask(protocol::kAnalog, {0x01}, protocol::kVer25, 1).present);
  EXPECT_TRUE(rig.ask(protocol::kAnalog, {0x03}, protocol::kVer25, 3).present);
  const Answer a = rig.ask(protocol::kAnalog, {}, protocol::kVer25, 0);
  ASSERT_TRUE(a.present);
  EXPECT_EQ(a.header.adr, 0);  // the request's ADR, which monitors check
  std::uint8_t address = 0;
  decode_analog(a, address);
  EXPECT_EQ(address, 3);
}

TEST(CO_2_link, damaged_and_unknown_frames_get_their_return_code_and_change_nothing) {
  ProtocolRig rig;
  const auto params = rig.bms.params().values();
  EXPECT_EQ(rig.send_raw("~25014642E00201FD31\r").rtn(), Rtn::ChecksumError);
  EXPECT_EQ(rig.send_raw("~25014642E0020\r").rtn(), Rtn::FormatError);
  EXPECT_EQ(rig.ask(0x77).rtn(), Rtn::InvalidCommand);
  EXPECT_EQ(rig.ask(protocol::kAnalog, {}, 0x31).rtn(), Rtn::VersionError);
  EXPECT_EQ(rig.send_raw(ProtocolRig::frame(0x25, 1, 0x42, {}).replace(5, 2, "47")).rtn(),
            Rtn::ChecksumError);
  EXPECT_EQ(rig.ask(protocol::kWriteParams, {0x01, 0x00}).rtn(), Rtn::FormatError);
  EXPECT_EQ(rig.bms.params().values(), params);
}

TEST(CO_2_link, a_frame_for_another_pack_with_a_bad_checksum_gets_no_answer) {
  ProtocolRig rig(2);
  EXPECT_FALSE(rig.send_raw("~25014642E00201FD31\r").present);
}

TEST(CO_2_link, alarm_status_shows_a_cell_over_voltage_protection) {
  ProtocolRig rig;
  rig.board.set_cell(5, 3750);
  rig.run_ms(3000);
  ASSERT_TRUE(rig.status().protection.protect_on(ProtectionId::CellOv));
  const Answer a = rig.ask(protocol::kAlarms, {0x01});
  ASSERT_EQ(a.rtn(), Rtn::Ok);
  protocol::InfoReader r = a.reader();
  protocol::FieldDecoder dec(r);
  protocol::AlarmBlock b;
  r.u8();
  r.u8();
  protocol::alarm_layout(dec, b);
  protocol::pace_status_layout(dec, b);
  ASSERT_TRUE(dec.ok());
  EXPECT_TRUE(r.at_end());
  EXPECT_EQ(b.cell_alarm[5], protocol::kAlarmHigh);
  EXPECT_EQ(b.cell_alarm[4], protocol::kAlarmNormal);
  EXPECT_EQ(b.protect1 & 0x01, 0x01);
  EXPECT_EQ(b.system & 0x02, 0);  // charge FET open
}

TEST(CO_2_params, writes_need_the_administrator_and_are_all_or_nothing) {
  ProtocolRig rig;
  const auto id = static_cast<std::uint16_t>(ParamId::cell_ov_alarm_mV);
  std::vector<std::uint8_t> write = {0x01};
  for (auto b : be16(id)) write.push_back(b);
  for (auto b : {0x00, 0x00, 0x0E, 0x0B}) write.push_back(static_cast<std::uint8_t>(b));  // 3595
  EXPECT_EQ(rig.ask(protocol::kWriteParams, write).rtn(), Rtn::PermissionDenied);
  EXPECT_EQ(rig.bms.params().get(ParamId::cell_ov_alarm_mV), 3600);
  ASSERT_EQ(rig.ask(protocol::kLogIn, ascii_bytes(protocol::kDefaultAdminPassword)).rtn(), Rtn::Ok);
  EXPECT_EQ(rig.ask(protocol::kWriteParams, write).rtn(), Rtn::Ok);
  EXPECT_EQ(rig.bms.params().get(ParamId::cell_ov_alarm_mV), 3595);

  // Two writes, the second out of range: refused with its id and reason, nothing changes.
  std::vector<std::uint8_t> two = {0x02};
  for (auto b : be16(id)) two.push_back(b);
  for (auto b : {0x00, 0x00, 0x0E, 0x06}) two.push_back(static_cast<std::uint8_t>(b));  // 3590
  for (auto b : be16(static_cast<std::uint16_t>(ParamId::cell_ov_delay_ms))) two.push_back(b);
  for (auto b : {0x00, 0x0F, 0x42, 0x40}) two.push_back(static_cast<std::uint8_t>(b));  // 1e6
  const Answer a = rig.ask(protocol::kWriteParams, two);
  ASSERT_EQ(a.rtn(), Rtn::InvalidData);
  protocol::InfoReader r = a.reader();
  EXPECT_EQ(r.u16(), static_cast<std::uint16_t>(ParamId::cell_ov_delay_ms));
  EXPECT_EQ(r.u8(), protocol::kAboveMax);
  EXPECT_EQ(rig.bms.params().get(ParamId::cell_ov_alarm_mV), 3595);
}

TEST(CO_2_params, read_by_id_gives_value_and_range) {
  ProtocolRig rig;
  std::vector<std::uint8_t> req = be16(0);
  req.push_back(200);
  const Answer a = rig.ask(protocol::kReadParams, req);
  ASSERT_EQ(a.rtn(), Rtn::Ok);
  protocol::InfoReader r = a.reader();
  EXPECT_EQ(r.u16(), 0);
  const std::uint8_t count = r.u8();
  EXPECT_GT(count, 10);
  EXPECT_LT(count, 200);     // what fits in one answer
  EXPECT_EQ(r.s32(), 3600);  // cell_ov_alarm_mV
  EXPECT_EQ(r.s32(), 1000);
  EXPECT_EQ(r.s32(), 4500);
  EXPECT_EQ(r.remaining(), 2u + (count - 1u) * 14u);
}

TEST(CO_2_params, pace_settings_read_and_write_the_same_parameters) {
  ProtocolRig rig;
  Answer a = rig.ask(0xD1);
  ASSERT_EQ(a.rtn(), Rtn::Ok);
  protocol::InfoReader r = a.reader();
  EXPECT_EQ(r.u8(), 0x01);
  EXPECT_EQ(r.u16(), 3600);
  EXPECT_EQ(r.u16(), 3700);
  EXPECT_EQ(r.u16(), 3380);
  EXPECT_EQ(r.u8(), 10);  // 1000 ms in 100 ms
  std::vector<std::uint8_t> w = {0x01};
  for (std::uint16_t v : {3590, 3690, 3390}) {
    for (auto b : be16(v)) w.push_back(b);
  }
  w.push_back(20);
  EXPECT_EQ(rig.ask(0xD0, w).rtn(), Rtn::PermissionDenied);
  rig.ask(protocol::kLogIn, ascii_bytes(protocol::kDefaultAdminPassword));
  EXPECT_EQ(rig.ask(0xD0, w).rtn(), Rtn::Ok);
  EXPECT_EQ(rig.bms.params().get(ParamId::cell_ov_protect_mV), 3690);
  EXPECT_EQ(rig.bms.params().get(ParamId::cell_ov_delay_ms), 2000);
}

TEST(CO_2_clock, set_and_read_back) {
  ProtocolRig rig;
  rig.ask(protocol::kLogIn, ascii_bytes(protocol::kDefaultAdminPassword));
  ASSERT_EQ(rig.ask(protocol::kWriteClock, {26, 11, 25, 14, 30, 5}).rtn(), Rtn::Ok);
  EXPECT_EQ(rig.board.unix_time_s(), 1795617005u);  // 2026-11-25 14:30:05 UTC
  EXPECT_EQ(rig.ask(protocol::kWriteClock, {26, 2, 30, 0, 0, 0}).rtn(), Rtn::InvalidData);
  const Answer a = rig.ask(protocol::kReadClock);
  ASSERT_EQ(a.rtn(), Rtn::Ok);
  EXPECT_EQ(a.info, "1A0B190E1E05");
}

TEST(CO_2_switch, the_host_opens_and_allows_the_charge_fet) {
  ProtocolRig rig;
  ASSERT_TRUE(rig.status().switches.charge_fet);
  EXPECT_EQ(rig.ask(protocol::kChargeFet, {0x01}).rtn(), Rtn::PermissionDenied);
  rig.ask(protocol::kLogIn, ascii_bytes(protocol::kDefaultAdminPassword));
  EXPECT_EQ(rig.ask(protocol::kChargeFet, {0x01}).rtn(), Rtn::Ok);
  rig.run_ms(500);
  EXPECT_FALSE(rig.status().switches.charge_fet);
  EXPECT_TRUE(rig.status().switches.discharge_fet);
  // Both off by host command would leave nothing to wake the pack: refused, status returned.
  const Answer both = rig.ask(protocol::kDischargeFet, {0x01});
  EXPECT_EQ(both.rtn(), Rtn::OperationFailed);
  EXPECT_EQ(both.info.size(), 2u);
  EXPECT_EQ(rig.ask(protocol::kChargeFet, {0x00}).rtn(), Rtn::Ok);
  rig.run_ms(500);
  EXPECT_TRUE(rig.status().switches.charge_fet);
}

TEST(CO_2_switch, buzzer_switch_sets_the_buzzer_and_reports_config) {
  ProtocolRig rig;
  rig.ask(protocol::kLogIn, ascii_bytes(protocol::kDefaultAdminPassword));
  const Answer a = rig.ask(protocol::kSwitch, {protocol::kBuzzerOn});
  ASSERT_EQ(a.rtn(), Rtn::Ok);
  EXPECT_EQ(rig.bms.params().get(ParamId::buzzer_enable), 1);
  EXPECT_EQ(a.info.substr(0, 2), "0D");
}

TEST(CO_2_identity, version_and_serials_are_space_padded_ascii) {
  ProtocolRig rig;
  const Answer v = rig.ask(protocol::kVersion);
  ASSERT_EQ(v.rtn(), Rtn::Ok);
  EXPECT_EQ(v.info.size(), 40u);
  EXPECT_EQ(v.info.substr(v.info.size() - 2), "20");
  const Answer s = rig.ask(protocol::kSerialNumber);
  EXPECT_EQ(s.info.size(), 80u);
}

TEST(CO_2_pylon, analog_in_version_20_units) {
  ProtocolRig rig;
  rig.board.set_current(5000);
  rig.run_ms(2000);
  const Answer a = rig.ask(protocol::kPylonAnalog, {0x01}, protocol::kVer20);
  ASSERT_EQ(a.rtn(), Rtn::Ok);
  EXPECT_EQ(a.header.ver, protocol::kVer20);
  protocol::InfoReader r = a.reader();
  protocol::FieldDecoder dec(r);
  protocol::AnalogBlock b;
  r.u8();
  r.u8();
  protocol::analog_layout(dec, b, protocol::kPylonUnits);
  protocol::pylon_capacity_layout(dec, b);
  ASSERT_TRUE(dec.ok());
  EXPECT_TRUE(r.at_end());
  EXPECT_EQ(b.current_mA, 5000);
  EXPECT_EQ(b.temperature_dC[0], 250);
  EXPECT_NEAR(b.remaining_mAh, rig.status().remaining_mAh, 1);
  EXPECT_GT(b.full_capacity_mAh, 65535);  // 24-bit capacities
}

TEST(CO_2_pylon, charge_management_carries_the_advertised_limits) {
  ProtocolRig rig;
  const Answer a = rig.ask(protocol::kPylonChargeManagement, {0x01}, protocol::kVer20);
  ASSERT_EQ(a.rtn(), Rtn::Ok);
  protocol::InfoReader r = a.reader();
  protocol::FieldDecoder dec(r);
  protocol::ChargeManagement c;
  EXPECT_EQ(r.u8(), 1);
  protocol::charge_management_layout(dec, c);
  ASSERT_TRUE(dec.ok());
  EXPECT_EQ(c.charge_voltage_limit_mV, rig.status().limits.charge_voltage_mV);
  EXPECT_NEAR(c.charge_current_limit_mA, rig.status().limits.charge_current_limit_mA, 50);
  EXPECT_EQ((c.status & 0x80) != 0, rig.status().limits.charge_enable);
}

}  // namespace
}  // namespace lfpbms::testing
