#pragma once
// The manuals' pages as plain-text tables: home, battery info, battery state flags, system
// info; and one row per pack for a bank.
#include <cstdio>
#include <vector>

#include "pack_snapshot.hpp"

namespace lfpbms::app {

void print_home(std::FILE* out, const PackSnapshot& p);
void print_battery_info(std::FILE* out, const PackSnapshot& p);
void print_state_flags(std::FILE* out, const PackSnapshot& p);
void print_system_info(std::FILE* out, const SystemInfo& s);
void print_pack_rows(std::FILE* out, const std::vector<PackSnapshot>& packs);
void print_system_view(std::FILE* out, const host::SystemView& s);
void print_bank_view(std::FILE* out, const protocol::SystemBlock& s);
void print_warnings(std::FILE* out, const std::vector<std::string>& warnings);

}  // namespace lfpbms::app
