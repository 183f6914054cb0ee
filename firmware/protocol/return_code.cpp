#include "protocol/return_code.hpp"

namespace lfpbms::protocol {

const char* rtn_text(Rtn rtn) {
  switch (rtn) {
    case Rtn::Ok:
      return "ok";
    case Rtn::VersionError:
      return "protocol version not supported";
    case Rtn::ChecksumError:
      return "checksum error";
    case Rtn::LengthChecksumError:
      return "length checksum error";
    case Rtn::InvalidCommand:
      return "command not supported";
    case Rtn::FormatError:
      return "format error";
    case Rtn::InvalidData:
      return "invalid data";
    case Rtn::NoData:
      return "no more data";
    case Rtn::OperationFailed:
      return "operation failed";
    case Rtn::AddressError:
      return "address error";
    case Rtn::InterPackError:
      return "communication error between packs";
    case Rtn::Cid1Error:
      return "not a battery command (CID1)";
    case Rtn::ExecutionFailed:
      return "execution failed";
    case Rtn::DeviceFault:
      return "device fault";
    case Rtn::PermissionDenied:
      return "permission denied: administrator password needed";
  }
  return "unknown return code";
}

}  // namespace lfpbms::protocol
