// [bank] with its [[bank.pack]]: packs in parallel on one DC bus (SPEC §6), and the check of the
// faults' `pack` against it. The parser bounds what a bank of the product line can be (PA-1: up
// to 32 packs, 4-bit DIP addresses); the runner checks the profile's own limits.
#include <array>
#include <cctype>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "sim/scenario/scenario_parts.hpp"
#include "sim/scenario/scenario_time.hpp"

namespace lfpbms::sim::scenario_detail {
namespace {

constexpr Range kCable_mOhm{0.1, 100};  // both conductors, lug to lug
constexpr Range kCableSpread_pct{0, 50};
constexpr Range kSocSpread_pct{0, 30};
constexpr Range kSohSpread_pct{0, 20};
constexpr std::int64_t kDipAddressMax = 15;  // the 4-bit switch; 0 = stand-alone

template <typename T>
struct Choice {
  std::string_view word;
  T value;
};

// Words a writer may reach for instead of the ones the file takes: only for the suggestion.
struct Alias {
  std::string_view word;
  std::string_view meant;
};

// "auto": automatic addressing along the Link IN / Link OUT chain.
constexpr std::array<Choice<Addressing>, 2> kAddressing{
    {{"dip", Addressing::Dip}, {"auto", Addressing::Chain}}};
constexpr std::array<Choice<bool>, 2> kWiring{{{"busbar", false}, {"daisy", true}}};
constexpr std::array<Alias, 5> kAliases{{{"chain", "auto"},
                                         {"automatic", "auto"},
                                         {"switch", "dip"},
                                         {"daisy_chain", "daisy"},
                                         {"daisychain", "daisy"}}};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// " (did you mean auto?)": a known word a few letters off in any case, or the one an alias means.
std::string suggestion(std::string_view word, const std::set<std::string, std::less<>>& known) {
  const std::string folded = lower(word);
  for (const Alias& alias : kAliases) {
    if (folded == alias.word && known.contains(alias.meant)) {
      return " (did you mean " + std::string(alias.meant) + "?)";
    }
  }
  return did_you_mean(folded, known);
}

// One of a few words; otherwise `must be "dip" or "auto", not "chain" (did you mean auto?)`.
template <typename T, std::size_t N>
std::optional<T> choice(Reader& r, std::string_view key, const std::array<Choice<T>, N>& choices) {
  const auto word = r.text(key);
  if (!word) return std::nullopt;
  std::set<std::string, std::less<>> known;
  std::string list;
  for (std::size_t i = 0; i < N; ++i) {
    if (*word == choices[i].word) return choices[i].value;
    known.emplace(choices[i].word);
    list += std::string(i == 0       ? ""
                        : i + 1 == N ? " or "
                                     : ", ") +
            "\"" + std::string(choices[i].word) + "\"";
  }
  r.fail(key, "must be " + list + ", not \"" + *word + "\"" + suggestion(*word, known));
}

// "1...4 (bank.packs = 4)", or "1 (bank.packs = 1)" for a stand-alone pack.
std::string pack_range(int packs) {
  return (packs == 1 ? "1" : "1..." + std::to_string(packs)) +
         " (bank.packs = " + std::to_string(packs) + ")";
}

std::string outside_the_bank(std::int64_t pack, int packs) {
  return "must be " + pack_range(packs) + ", not " + std::to_string(pack);
}

BankPackSetup read_bank_pack(Reader& r, const Run& run, const BankSetup& bank,
                             std::map<int, std::uint32_t>& seen) {
  BankPackSetup p;
  p.where = r.where();
  const auto which = r.integer("index", std::numeric_limits<std::int64_t>::min(),
                               std::numeric_limits<std::int64_t>::max());
  if (!which) r.fail("index", "missing: which pack, " + pack_range(bank.packs));
  if (*which < 1 || *which > bank.packs) r.fail("index", outside_the_bank(*which, bank.packs));
  p.index = static_cast<int>(*which);
  if (const auto first = seen.find(p.index); first != seen.end()) {
    r.fail("index", "pack " + std::to_string(p.index) + " already has its [[bank.pack]] at line " +
                        std::to_string(first->second));
  }
  seen.emplace(p.index, r.table_line());
  p.initial_soc = r.number("initial_soc", kFraction);
  p.soh_pct = r.number("soh_pct", kSoh_pct);
  p.capacity_Ah = r.number("capacity_Ah", kCapacity_Ah);
  p.cable_mOhm = r.number("cable_mOhm", kCable_mOhm);
  p.temperature_C = r.number("temperature_C", kTemperature_C);
  if (const auto address = r.integer("address", 0, kDipAddressMax)) {
    if (bank.addressing == Addressing::Chain) {
      r.fail("address",
             "only with addressing = \"dip\": with \"auto\" the packs number "
             "themselves along the Link IN / Link OUT chain");
    }
    p.address = static_cast<int>(*address);
  }
  p.joins_at_s = r.time_s("joins_at");
  if (p.joins_at_s && *p.joins_at_s >= run.end_s) {
    r.fail("joins_at",
           time_text(*p.joins_at_s) + " is not before the end of the run, " + time_text(run.end_s));
  }
  return p;
}

}  // namespace

void read_bank(Reader& r, const Run& run, BankSetup& bank) {
  bank.packs = static_cast<int>(r.integer("packs", 1, kMaxPacks).value_or(bank.packs));
  bank.addressing = choice(r, "addressing", kAddressing);
  bank.cable_mOhm = r.number("cable_mOhm", bank.cable_mOhm, kCable_mOhm);
  bank.cable_spread_pct = r.number("cable_spread_pct", bank.cable_spread_pct, kCableSpread_pct);
  bank.soc_spread_pct = r.number("soc_spread_pct", bank.soc_spread_pct, kSocSpread_pct);
  bank.soh_spread_pct = r.number("soh_spread_pct", bank.soh_spread_pct, kSohSpread_pct);
  if (const auto w = r.text("wiring"); w && lower(*w) == "series") {
    r.fail("wiring",
           "\"series\" is not supported: these packs go in parallel only, \"busbar\" or "
           "\"daisy\" (PA-5)");
  }
  bank.daisy_chain = choice(r, "wiring", kWiring).value_or(bank.daisy_chain);
  std::map<int, std::uint32_t> seen;  // index -> line of its [[bank.pack]]
  r.each_table("pack", [&](Reader& pack) {
    bank.packs_setup.push_back(read_bank_pack(pack, run, bank, seen));
  });
}

void check_fault_packs(const std::string& source, const BankSetup& bank,
                       const std::vector<FaultPack>& packs) {
  for (const auto& p : packs) {
    if (p.pack > bank.packs) fail_at(source, p.line, p.key, outside_the_bank(p.pack, bank.packs));
  }
}

}  // namespace lfpbms::sim::scenario_detail
