#pragma once
// The [params] table of a profile: parameter names from the firmware's table, values in the
// unit the name ends with (PerCell settings as the pack total for the profile's series count).
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "params/param_set.hpp"
#include "sim/profile/toml_section.hpp"

namespace lfpbms::sim::profile_detail {

// Where pack.capacity_Ah stands, for complaints about the design capacity derived from it.
struct CapacitySource {
  TomlSection* section;
  std::string_view key;
  double capacity_Ah;
};

// Reads `params` (absent: no table) and runs the firmware's batch check over the SPEC defaults
// for `series` cells; any refusal is a ProfileError at the offending key. Sorted by id.
std::vector<ParamWrite> read_profile_params(std::optional<TomlSection>& params, std::uint8_t series,
                                            const CapacitySource& capacity);

// Replaces the design-capacity write by `capacity_Ah` (none when it is the default).
void set_design_capacity(std::vector<ParamWrite>& writes, double capacity_Ah, std::uint8_t series);

}  // namespace lfpbms::sim::profile_detail
