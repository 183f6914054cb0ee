// Where the profiles live, loading one by name, and the capacity variants of a product.
#include <algorithm>
#include <cstdlib>

#include "sim/profile/product_profile.hpp"
#include "sim/profile/profile_params.hpp"

namespace lfpbms::sim {

using namespace profile_detail;

namespace {

constexpr const char* kExtension = ".toml";

bool plain_name(const std::string& name) {
  return !name.empty() && name.find_first_of("/\\") == std::string::npos && name[0] != '.';
}

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

}  // namespace

std::filesystem::path profiles_dir() {
  const char* env = std::getenv("LFPBMS_PROFILES");
  if (env != nullptr && *env != '\0') return env;
  return std::filesystem::path(LFPBMS_SOURCE_DIR) / "profiles";
}

std::vector<std::string> profile_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(profiles_dir(), ec)) {
    if (entry.is_regular_file() && entry.path().extension() == kExtension) {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

ProductProfile load_profile(const std::string& name) {
  const auto file = profiles_dir() / (name + kExtension);
  if (!plain_name(name) || !std::filesystem::is_regular_file(file)) {
    throw ProfileError(file.string() + ":1: (file): no profile \"" + name +
                       "\"; known: " + listed(profile_names()));
  }
  return load_profile_file(file);
}

ProductProfile with_capacity(const ProductProfile& profile, double capacity_Ah) {
  const auto& variants = profile.capacities_Ah;
  const bool listed_here =
      std::find(variants.begin(), variants.end(), capacity_Ah) != variants.end();
  if (!listed_here && capacity_Ah != profile.capacity_Ah) {
    throw ProfileError(profile.name + ": capacity_Ah: " + std::to_string(capacity_Ah) +
                       " Ah is not a variant of this product");
  }
  ProductProfile out = profile;
  out.capacity_Ah = capacity_Ah;
  set_design_capacity(out.params, capacity_Ah, out.config.series_count);
  return out;
}

WriteResult apply_params(const ProductProfile& profile, ParamSet& params) {
  return params.write(profile.params.data(), profile.params.size());
}

}  // namespace lfpbms::sim
