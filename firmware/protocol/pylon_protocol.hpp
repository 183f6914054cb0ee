#pragma once
// Pylontech v2.0 (VER 20): the reads inverters and older monitors poll (PROTOCOLS.md §1.2), from
// the same blocks as PACE, in this version's units (100 mA, mAh, 24-bit capacities).
#include <type_traits>

#include "protocol/host_device.hpp"
#include "protocol/wire_protocol.hpp"

namespace lfpbms::protocol {

enum PylonCommand : std::uint8_t {
  kPylonAnalog = 0x42,
  kPylonAlarms = 0x44,
  kPylonSystemParams = 0x47,
  kPylonReadTime = 0x4D,
  kPylonWriteTime = 0x4E,
  kPylonProtocolVersion = 0x4F,
  kPylonManufacturer = 0x51,
  kPylonChargeManagement = 0x92,
  kPylonSerialNumber = 0x93,
};

// Pylontech 44 status bytes, from the same AlarmBlock.
struct PylonStatus {
  std::uint8_t status1 = 0;  // b0 module OV, b1 cell UV, b2 charge OC, b4 discharge OC, b5
                             // discharge OT, b6 charge OT, b7 module UV
  std::uint8_t status2 =
      0;  // b0 pre-charge FET, b1 charge FET, b2 discharge FET, b3 using the pack's power
  std::uint8_t status3 = 0;  // b0 buzzer, b3 fully charged, b7 effective charge current
  std::uint8_t status4 = 0;  // cells 1...8 in fault
  std::uint8_t status5 = 0;  // cells 9...16 in fault
};
PylonStatus pylon_status(const AlarmBlock& a);

template <class Io, class A>
void pylon_capacity_layout(Io& io, A& a) {
  // 24-bit capacities after a user-defined count of 04: a 100 Ah pack in mAh passes 16 bits.
  // Older packs send 02 and only the 16-bit fields.
  std::uint8_t user_defined = 4;
  std::int32_t remaining16 = a.remaining_mAh > 0xFFFF ? 0xFFFF : a.remaining_mAh;
  std::int32_t full16 = a.full_capacity_mAh > 0xFFFF ? 0xFFFF : a.full_capacity_mAh;
  io.scaled_u16(remaining16, 1);
  io.u8(user_defined);
  io.scaled_u16(full16, 1);
  io.u16(a.cycle_count);
  if (user_defined >= 4) {
    io.scaled_u24(a.remaining_mAh, 1);
    io.scaled_u24(a.full_capacity_mAh, 1);
  } else {
    if constexpr (!std::is_const_v<A>) {
      a.remaining_mAh = remaining16;
      a.full_capacity_mAh = full16;
    }
  }
}

class PylonProtocol final : public WireProtocol {
 public:
  explicit PylonProtocol(HostDevice& device) : d_(device) {}
  std::uint8_t version() const override { return kVer20; }
  Rtn answer(Request& request, FrameWriter& out) override;

 private:
  Rtn analog(Request& r, FrameWriter& out);
  Rtn alarms(Request& r, FrameWriter& out);
  Rtn system_params(FrameWriter& out);
  Rtn read_time(FrameWriter& out);
  Rtn write_time(Request& r);
  Rtn manufacturer(FrameWriter& out);
  Rtn charge_management(Request& r, FrameWriter& out);
  Rtn serial_number(Request& r, FrameWriter& out);
  bool for_us(Request& r) const;

  HostDevice& d_;
};

}  // namespace lfpbms::protocol
