// Reads one profile file into a ProductProfile; any complaint is a ProfileError and no
// profile comes back (all or nothing).
#include <algorithm>
#include <fstream>
#include <sstream>

#include "sim/profile/product_profile.hpp"
#include "sim/profile/profile_params.hpp"
#include "sim/profile/toml_section.hpp"

namespace lfpbms::sim {

using namespace profile_detail;

namespace {

// PK-1: 4...16 cells in series, 50...400 Ah; PK-2: up to 4 cell NTCs; PA-1: up to 32 packs.
constexpr std::int64_t kMinSeries = 4;
constexpr std::int64_t kMaxSeries = 16;
constexpr double kMinCapacity_Ah = 50;
constexpr double kMaxCapacity_Ah = 400;
constexpr std::int64_t kMaxNtc = 4;
constexpr std::int64_t kMaxPacks = 32;
constexpr int kDipPacks = 15;
constexpr std::int64_t kMaxButton_ms = 60000;

void read_identity(TomlSection& top, const std::string& stem, ProductProfile& p) {
  p.name = top.text("name");
  if (p.name != stem)
    top.fail("name", "\"" + p.name + "\" differs from the file name \"" + stem + "\"");
  p.title = top.text("title");
  p.manual = top.text("manual");
}

// capacity_Ah, or the variants of capacities_Ah with the first as the default.
void read_capacity(TomlSection& pack, ProductProfile& p) {
  const auto variants = pack.optional_numbers("capacities_Ah", kMinCapacity_Ah, kMaxCapacity_Ah);
  if (variants) p.capacities_Ah = *variants;
  if (!variants || pack.has("capacity_Ah")) {
    p.capacity_Ah = pack.number("capacity_Ah", kMinCapacity_Ah, kMaxCapacity_Ah);
  } else {
    p.capacity_Ah = variants->front();
  }
  if (variants && std::find(variants->begin(), variants->end(), p.capacity_Ah) == variants->end()) {
    pack.fail("capacity_Ah", "is not one of capacities_Ah");
  }
}

void read_pack(TomlSection& pack, ProductProfile& p) {
  p.config.series_count = static_cast<std::uint8_t>(pack.integer("series", kMinSeries, kMaxSeries));
  read_capacity(pack, p);
  p.config.ntc_count = static_cast<std::uint8_t>(pack.integer("ntc_count", 1, kMaxNtc));
  pack.reject_unknown();
}

void read_indication(TomlSection& ind, ProductProfile& p) {
  const auto leds = ind.integer("soc_leds", 4, 6);
  if (leds == 5) ind.fail("soc_leds", "must be 4 or 6");
  p.config.soc_led_count = static_cast<std::uint8_t>(leds);
  constexpr IndicationStyle kStyles[] = {IndicationStyle::Standard, IndicationStyle::Vtac000,
                                         IndicationStyle::Voltium003, IndicationStyle::Voltgo002};
  p.config.indication =
      kStyles[ind.choice("style", {"standard", "vtac000", "voltium003", "voltgo002"})];
  p.fault_code_leds = ind.boolean("fault_code_leds");
  // The firmware shows [000 §5.3]'s binary codes exactly with that style and 6 LEDs.
  const bool shows_codes = p.config.indication == IndicationStyle::Vtac000 && leds == 6;
  if (p.fault_code_leds != shows_codes) {
    ind.fail("fault_code_leds", shows_codes ? "style \"vtac000\" with 6 SOC LEDs shows fault codes"
                                            : "fault codes need style \"vtac000\" and 6 SOC LEDs");
  }
  ind.reject_unknown();
}

void read_features(TomlSection& features, ProductProfile& p) {
  p.config.has_heater = features.boolean("heater");
  // "none": the product has no dry contacts; config.contacts keeps its default, unused.
  const auto contacts =
      features.choice("contacts", {"alarm_low_soc", "charge_discharge_enable", "none"});
  p.has_contacts = contacts != 2;
  if (contacts == 1) p.config.contacts = ContactMode::ChargeDischargeEnable;
  features.reject_unknown();
}

void read_button_time(TomlSection& button, std::string_view key, TimeMs& out) {
  if (auto v = button.optional_integer(key, 0, kMaxButton_ms)) out = static_cast<TimeMs>(*v);
}

// SM-2: a wake press is shorter than the ignore time; SOC < sleep < reset presses.
void read_button(TomlSection& button, ButtonTimings& t) {
  read_button_time(button, "wake_min_ms", t.wake_min_ms);
  read_button_time(button, "soc_max_ms", t.soc_max_ms);
  read_button_time(button, "sleep_max_ms", t.sleep_max_ms);
  read_button_time(button, "ignore_ms", t.ignore_ms);
  button.reject_unknown();
  if (!(t.soc_max_ms > 0 && t.soc_max_ms < t.sleep_max_ms)) {
    button.fail("sleep_max_ms", "the SOC press (soc_max_ms) must end before the sleep press");
  }
  if (!(t.sleep_max_ms < t.ignore_ms)) {
    button.fail("ignore_ms", "must be above sleep_max_ms");
  }
  if (!(t.wake_min_ms < t.ignore_ms)) button.fail("wake_min_ms", "must be below ignore_ms");
}

toml::table parse(const std::filesystem::path& file, const std::string& shown) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ProfileError(profile_error_text(shown, 1, "(file)", "cannot be read"));
  std::stringstream text;
  text << in.rdbuf();
  try {
    return toml::parse(text.str(), shown);
  } catch (const toml::parse_error& e) {
    throw ProfileError(profile_error_text(shown, static_cast<int>(e.source().begin.line),
                                          "(syntax)", std::string(e.description())));
  }
}

}  // namespace

ProductProfile load_profile_file(const std::filesystem::path& file) {
  const std::string shown = file.string();
  const toml::table root = parse(file, shown);
  TomlSection top(root, "", shown);
  ProductProfile p;
  read_identity(top, file.stem().string(), p);
  TomlSection pack = top.table("pack");
  read_pack(pack, p);
  TomlSection indication = top.table("indication");
  read_indication(indication, p);
  TomlSection features = top.table("features");
  read_features(features, p);
  if (auto button = top.optional_table("button")) read_button(*button, p.config.button);
  TomlSection parallel = top.table("parallel");
  p.parallel_max = static_cast<int>(parallel.integer("max_packs", 1, kMaxPacks));
  // PA-1: DIP switches give 15 addresses; a bank beyond needs the Link IN/OUT chain.
  if (parallel.has("addressing")) {
    const bool chain = parallel.choice("addressing", {"dip", "auto"}) == 1;
    p.config.bank.addressing = chain ? Addressing::Chain : Addressing::Dip;
  }
  if (p.config.bank.addressing == Addressing::Dip && p.parallel_max > kDipPacks) {
    parallel.fail("max_packs",
                  "a DIP switch gives 15 addresses: more packs need addressing = "
                  "\"auto\" (the Link IN/OUT chain)");
  }
  parallel.reject_unknown();
  auto params = top.optional_table("params");
  p.params =
      read_profile_params(params, p.config.series_count, {&pack, "capacity_Ah", p.capacity_Ah});
  top.reject_unknown();
  return p;
}

}  // namespace lfpbms::sim
