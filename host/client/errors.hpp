#pragma once
// What can go wrong talking to a pack, each one line a person understands.
#include <stdexcept>
#include <string>

#include "params/param_table.hpp"
#include "protocol/return_code.hpp"

namespace lfpbms::host {

// The pack did not answer, or only with damaged frames.
struct LinkError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The pack answered with a return code other than 00, or with an answer that does not parse.
struct ProtocolError : std::runtime_error {
  ProtocolError(protocol::Rtn rtn, const std::string& what);
  protocol::Rtn rtn;
};

// A parameter write refused by the pack: which parameter and why (PROTOCOLS.md §1.3).
struct RefusedWrite : ProtocolError {
  RefusedWrite(ParamId param, std::uint8_t reason);
  ParamId param;
  std::uint8_t reason;
};

const char* refusal_text(std::uint8_t reason);

}  // namespace lfpbms::host
