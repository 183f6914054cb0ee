#pragma once
// A product profile (PK-8): what one product of the manuals is built as and the settings its
// manual gives, loaded from profiles/<name>.toml. The firmware gets `config` and, as one
// checked batch write over the defaults for its series count, `params`.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "pack_config.hpp"
#include "params/param_set.hpp"

namespace lfpbms::sim {

struct ProductProfile {
  std::string name;    // file stem, e.g. "VE-ESS-R5120"
  std::string title;   // e.g. "Voltium Energy VE-ESS-R5120, 51.2 V 100 Ah rack battery"
  std::string manual;  // e.g. "003 Voltium VE-ESS-R5120 user manual"
  PackConfig config;   // series count, NTCs, SOC LEDs, indication style, contacts, heater, button
  double capacity_Ah = 100;
  int parallel_max = 15;           // packs in one bank
  std::vector<ParamWrite> params;  // settings that differ from the SPEC defaults
  // The capacities the manual sells this build in ([002 §4.1]); capacity_Ah is one of them.
  std::vector<double> capacities_Ah;
  bool fault_code_leds = false;  // [000 §5.3]: the SOC LEDs show fault codes in binary
  bool has_contacts = true;      // false: no dry contacts at all, `config.contacts` unused
};

// A bad profile file: where and what, as "file:line: key: message".
class ProfileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The folder holding the profiles: $LFPBMS_PROFILES if set, else profiles/ in the source tree.
std::filesystem::path profiles_dir();
std::vector<std::string> profile_names();  // sorted
// Loads and checks a profile: unknown keys, wrong types, out-of-range or inconsistent
// settings (the firmware's own parameter check) are ProfileErrors.
ProductProfile load_profile(const std::string& name);
ProductProfile load_profile_file(const std::filesystem::path& file);

// The same product in another of its capacity variants: capacity_Ah and the design capacity
// follow. A capacity the manual does not list is a ProfileError.
ProductProfile with_capacity(const ProductProfile& profile, double capacity_Ah);
// Writes the profile's settings into `params` (one checked batch; nothing changes on failure).
WriteResult apply_params(const ProductProfile& profile, ParamSet& params);

}  // namespace lfpbms::sim
