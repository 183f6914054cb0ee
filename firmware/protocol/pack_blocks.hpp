#pragma once
// The battery side of the wire model: BmsStatus (the one data model) turned into the blocks the
// host protocol carries. Every protocol class reads these; none converts a value on its own.
#include "bms_status.hpp"
#include "pack_config.hpp"
#include "params/param_set.hpp"
#include "protocol/bank_blocks.hpp"
#include "protocol/wire_model.hpp"

namespace lfpbms::protocol {

AnalogBlock analog_block(const BmsStatus& s, const ParamSet& p);
AlarmBlock alarm_block(const BmsStatus& s, const ParamSet& p);
ChargeManagement charge_management(const BmsStatus& s);
MemberBlock member_block(const BmsStatus& s, const ParamSet& p, const PackConfig& c);

}  // namespace lfpbms::protocol
