#pragma once
// The return codes (RTN) an answer carries in place of CID2 (PROTOCOLS.md §1).
#include <cstdint>

namespace lfpbms::protocol {

enum class Rtn : std::uint8_t {
  Ok = 0x00,
  VersionError = 0x01,
  ChecksumError = 0x02,
  LengthChecksumError = 0x03,
  InvalidCommand = 0x04,  // CID2 not known
  FormatError = 0x05,
  InvalidData = 0x06,
  NoData = 0x07,  // no such record: the end of a range
  OperationFailed = 0x09,
  AddressError = 0x90,
  InterPackError = 0x91,
  Cid1Error = 0xE1,
  ExecutionFailed = 0xE2,
  DeviceFault = 0xE3,
  PermissionDenied = 0xE4,
};

const char* rtn_text(Rtn rtn);  // one line a person understands

}  // namespace lfpbms::protocol
