#pragma once
// What every output of the twin and the replay writes through: a file opened for writing or a
// clear error, and a CSV field quoted when it must be.
#include <filesystem>
#include <fstream>
#include <string>

namespace lfpbms::sim {

// Throws std::runtime_error("cannot write FILE") when the file cannot be opened.
std::ofstream open_output(const std::filesystem::path& file);

// A CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled).
std::string csv_field(const std::string& s);

}  // namespace lfpbms::sim
