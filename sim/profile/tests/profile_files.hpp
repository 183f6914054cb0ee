#pragma once
// Test helpers: profile texts written to a scratch folder, and the error a load gives.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/profile/product_profile.hpp"

namespace lfpbms::sim::test {

// A valid profile; [params] is on line 22, so appended settings start on line 23.
inline const std::string kValid =
    "name = \"T\"\n"
    "title = \"Test pack\"\n"
    "manual = \"none\"\n"
    "\n"
    "[pack]\n"
    "series = 16\n"
    "capacity_Ah = 100\n"
    "ntc_count = 4\n"
    "\n"
    "[indication]\n"
    "soc_leds = 4\n"
    "style = \"standard\"\n"
    "fault_code_leds = false\n"
    "\n"
    "[features]\n"
    "heater = false\n"
    "contacts = \"alarm_low_soc\"\n"
    "\n"
    "[parallel]\n"
    "max_packs = 15\n"
    "\n"
    "[params]\n";

// `text` with the first occurrence of `from` replaced by `to`.
inline std::string edited(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("lfpbms_profiles_") + info->test_suite_name() + "_" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~ScratchDir() { std::filesystem::remove_all(dir_); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return dir_; }
  std::filesystem::path write(const std::string& stem, const std::string& text) const {
    const auto file = dir_ / (stem + ".toml");
    std::ofstream(file) << text;
    return file;
  }

 private:
  std::filesystem::path dir_;
};

// The ProfileError message loading `text` as T.toml gives, without the folder; "" if it loads.
inline std::string load_error(const std::string& text) {
  ScratchDir dir;
  const auto file = dir.write("T", text);
  try {
    load_profile_file(file);
  } catch (const ProfileError& e) {
    std::string message = e.what();
    const std::string folder = dir.path().string() + "/";
    if (message.rfind(folder, 0) == 0) message.erase(0, folder.size());
    return message;
  }
  return "";
}

}  // namespace lfpbms::sim::test
