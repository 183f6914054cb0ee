#pragma once
// The live parameter values. Every change goes through write(), which refuses a value out of
// range or one that breaks an ordering, with a reason, and then changes nothing.
#include <array>
#include <cstddef>
#include <cstdint>

#include "params/param_table.hpp"

namespace lfpbms {

enum class ParamError : std::uint8_t {
  None,
  UnknownId,
  OutOfRange,
  Ordering,
  StorageFailed,  // valid, but the non-volatile memory refused it: nothing changed
};

struct WriteResult {
  ParamError error = ParamError::None;
  ParamId param = ParamId::None;     // the parameter refused
  ParamId conflict = ParamId::None;  // for Ordering: the one it collides with
  bool ok() const { return error == ParamError::None; }
};

struct ParamWrite {
  ParamId id;
  std::int32_t value;
};

using ParamValues = std::array<std::int32_t, kParamCount>;

class ParamSet {
 public:
  explicit ParamSet(std::uint8_t series_count);

  std::int32_t get(ParamId id) const { return values_[index(id)]; }
  std::uint8_t series_count() const { return series_count_; }
  const ParamValues& values() const { return values_; }
  // Bumps on every accepted change, so that consumers can tell a new set from an old one.
  std::uint32_t revision() const { return revision_; }

  WriteResult write(ParamId id, std::int32_t value);
  // All or nothing: the writes are checked together, so a pair that is only valid as a pair
  // (moving both alarm and protect) can be written at once.
  WriteResult write(const ParamWrite* writes, std::size_t count);
  WriteResult replace(const ParamValues& values);
  void restore_defaults();

  static WriteResult check(const ParamValues& values, std::uint8_t series_count);
  static ParamValues defaults(std::uint8_t series_count);

 private:
  std::uint8_t series_count_;
  std::uint32_t revision_ = 0;
  ParamValues values_;
};

const char* param_error_name(ParamError error);

}  // namespace lfpbms
