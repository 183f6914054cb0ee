#pragma once
// PACE v2.5 (VER 25): the command set third-party monitors and the vendors' tools use
// (PROTOCOLS.md §1.1), and lfpbms's extensions F0...F9 (§1.3). Reads never need a session;
// writes need the administrator's session, or the parameter open_host_writes for PACE writes.
#include "protocol/admin_session.hpp"
#include "protocol/host_device.hpp"
#include "protocol/wire_protocol.hpp"

namespace lfpbms::protocol {

// PACE v2.5 command codes (CID2).
enum PaceCommand : std::uint8_t {
  kAnalog = 0x42,
  kAlarms = 0x44,
  kSwitch = 0x99,
  kChargeFet = 0x9A,
  kDischargeFet = 0x9B,
  kShutdown = 0x9C,
  kCapacities = 0xA6,
  kHistoryRecord = 0xA1,
  kReadClock = 0xB1,
  kWriteClock = 0xB2,
  kVersion = 0xC1,
  kSerialNumber = 0xC2,
  kLogIn = 0xF0,
  kChangePassword = 0xF1,
  kReadParams = 0xF2,
  kWriteParams = 0xF3,
  kRestoreDefaults = 0xF4,
  kReadRecords = 0xF5,
  kDeleteRecords = 0xF6,
  kCounters = 0xF7,
  kSystemView = 0xF9,     // a bank master's system view (PROTOCOLS.md §1.3)
  kReboot = 0xFA,         // restart the BMS (administrator); F8 is reserved
  kMemberStatus = 0xFB,   // one pack's summary, polled by the bank master (internal bus)
  kAssignAddress = 0xFC,  // automatic addressing along the Link IN/OUT chain (internal bus)
};

// 99 switch command bytes (docs/protocols.md §3: the PACE document and captured status bytes).
enum SwitchByte : std::uint8_t {
  kLedWarningOn = 0x06,
  kLedWarningOff = 0x07,
  kLimiterHighGear = 0x08,
  kLimiterLowGear = 0x09,
  kLimiterOn = 0x0A,
  kLimiterOff = 0x0B,
  kBuzzerOff = 0x0C,
  kBuzzerOn = 0x0D,
};

// F3 refusal reasons, after the parameter id in INFO.
enum RefusalReason : std::uint8_t {
  kBelowMin = 1,
  kAboveMax = 2,
  kBreaksOrdering = 3,
  kReadOnly = 4
};

class PaceProtocol final : public WireProtocol {
 public:
  PaceProtocol(HostDevice& device, AdminSession& session) : d_(device), session_(session) {}
  std::uint8_t version() const override { return kVer25; }
  Rtn answer(Request& request, FrameWriter& out) override;

 private:
  template <class Block, class Layout>
  Rtn per_pack(Request& r, FrameWriter& out, Layout layout);
  Rtn analog(Request& r, FrameWriter& out);
  Rtn alarms(Request& r, FrameWriter& out);
  Rtn switch_command(Request& r, FrameWriter& out);
  Rtn fet_command(Request& r, FrameWriter& out, bool charge);
  Rtn shutdown(Request& r);
  Rtn capacities(FrameWriter& out);
  Rtn read_clock(FrameWriter& out);
  Rtn write_clock(Request& r);
  Rtn identity(std::uint8_t cid2, FrameWriter& out);
  // pace_settings.cpp: D0...EE
  Rtn settings(Request& r, FrameWriter& out);
  // pace_extensions.cpp: F0...F7
  Rtn extension(Request& r, FrameWriter& out);
  Rtn log_in(Request& r);
  Rtn change_password(Request& r);
  Rtn read_params(Request& r, FrameWriter& out);
  Rtn write_params(Request& r, FrameWriter& out);
  Rtn counters(FrameWriter& out);
  // pace_bank.cpp: F9, FB
  Rtn system_view(Request& r, FrameWriter& out);
  Rtn member_status(Request& r, FrameWriter& out);
  // pace_records.cpp: A1, F5, F6
  Rtn history_record(Request& r, FrameWriter& out);
  Rtn read_records(Request& r, FrameWriter& out);
  Rtn delete_records(Request& r);

  // Which packs a request's INFO address covers: false when none of them is known.
  bool select(std::uint8_t info_address, std::uint8_t& first, std::uint8_t& count) const;
  bool block(std::uint8_t index, AnalogBlock& out) const;
  bool block(std::uint8_t index, AlarmBlock& out) const;
  bool may_write(TimeMs now) const;  // a session, or open_host_writes
  std::uint8_t host_system_status(bool charge_off, bool discharge_off) const;
  bool admin(TimeMs now);  // a session (and keep it open)
  Rtn stored(const WriteResult& result, const ParamWrite* writes, std::size_t count,
             FrameWriter& out);

  HostDevice& d_;
  AdminSession& session_;
};

}  // namespace lfpbms::protocol
