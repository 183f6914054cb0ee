// The emulated NOR flash every board uses (hal/emulated_flash.hpp): it refuses what a real part
// refuses, counts wear and steps, and a power cut leaves the step in progress half done. The
// storage tests (ST-1...ST-3) rely on it to cut power at every step of a write.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "core/bytes.hpp"
#include "hal/emulated_flash.hpp"

namespace lfpbms::testing {
namespace {

constexpr std::size_t kSector = 256;
constexpr std::size_t kSectors = 4;

struct Part {
  Part()
      : memory(kSector * kSectors, 0xFF),
        wear(kSectors),
        flash(memory.data(), memory.size(), kSector, wear.data()) {}
  std::uint32_t word(std::size_t offset) const { return get_u32(&memory[offset]); }
  std::vector<std::uint8_t> memory;
  std::vector<std::uint32_t> wear;
  hal::EmulatedFlash flash;
};

std::array<std::uint8_t, 16> pattern() {
  return {0x12, 0x34, 0x56, 0x78, 0x00, 0x00, 0x00, 0x00,
          0xA5, 0x5A, 0xF0, 0x0F, 0x01, 0x80, 0xFE, 0x7F};
}

TEST(ST_1_emulated_flash, programs_erased_words_and_erases_whole_sectors) {
  Part p;
  EXPECT_EQ(p.flash.size(), kSector * kSectors);
  EXPECT_EQ(p.flash.sector_size(), kSector);
  EXPECT_EQ(p.flash.sector_count(), kSectors);
  const auto data = pattern();
  ASSERT_TRUE(p.flash.program(kSector + 16, data.data(), data.size()));
  std::array<std::uint8_t, 16> back{};
  ASSERT_TRUE(p.flash.read(kSector + 16, back.data(), back.size()));
  EXPECT_EQ(back, data);
  EXPECT_EQ(p.flash.steps(), 4u);  // one a word
  ASSERT_TRUE(p.flash.erase_sector(1));
  for (std::size_t i = kSector; i < 2 * kSector; ++i) ASSERT_EQ(p.memory[i], 0xFF) << i;
  EXPECT_EQ(p.flash.steps(), 5u);
  EXPECT_EQ(p.flash.erase_count(1), 1u);
  EXPECT_EQ(p.flash.erase_count(0), 0u);
}

TEST(ST_1_emulated_flash, refuses_misaligned_unerased_and_out_of_range_writes_changing_nothing) {
  Part p;
  const auto data = pattern();
  EXPECT_FALSE(p.flash.program(2, data.data(), 4));  // misaligned offset
  EXPECT_FALSE(p.flash.program(0, data.data(), 6));  // not whole words
  ASSERT_TRUE(p.flash.program(8, data.data(), 4));
  // The second word is programmed: the whole write is refused, the first word stays erased.
  EXPECT_FALSE(p.flash.program(4, data.data(), 8));
  EXPECT_EQ(p.word(4), 0xFFFFFFFFu);
  EXPECT_FALSE(p.flash.program(8, data.data(), 4));  // even with the same value
  EXPECT_FALSE(p.flash.program(p.flash.size() - 4, data.data(), 8));
  EXPECT_FALSE(p.flash.erase_sector(kSectors));
  std::uint8_t b = 0;
  EXPECT_FALSE(p.flash.read(p.flash.size(), &b, 1));
  EXPECT_EQ(p.flash.steps(), 1u);
}

TEST(ST_1_emulated_flash, a_cut_word_keeps_some_of_its_bits_and_later_steps_are_lost) {
  Part p;
  const auto data = pattern();
  p.flash.cut_power_after(2);
  EXPECT_FALSE(p.flash.program(0, data.data(), 16));
  EXPECT_FALSE(p.flash.powered());
  EXPECT_EQ(p.word(0), get_u32(&data[0]));
  EXPECT_EQ(p.word(4), 0u);
  const std::uint32_t target = get_u32(&data[8]);
  const std::uint32_t cut = p.word(8);
  EXPECT_NE(cut, target);
  EXPECT_NE(cut, 0xFFFFFFFFu);
  EXPECT_EQ(cut & target, target);  // only bits the write clears were cleared
  EXPECT_EQ(p.word(12), 0xFFFFFFFFu);
  EXPECT_FALSE(p.flash.erase_sector(0));  // no power: nothing happens
  EXPECT_EQ(p.word(0), get_u32(&data[0]));
  EXPECT_EQ(p.flash.steps(), 2u);
  p.flash.restore_power();
  EXPECT_FALSE(p.flash.program(8, data.data() + 8, 4));  // half programmed is not erased
  EXPECT_TRUE(p.flash.program(12, data.data() + 12, 4));
}

TEST(ST_1_emulated_flash, a_cut_erase_leaves_the_sector_neither_old_nor_erased) {
  Part p;
  std::vector<std::uint8_t> zeros(kSector, 0x00);
  ASSERT_TRUE(p.flash.program(0, zeros.data(), zeros.size()));
  p.flash.cut_power_after(0);
  EXPECT_FALSE(p.flash.erase_sector(0));
  std::size_t erased = 0;
  for (std::size_t i = 0; i < kSector; ++i) erased += p.memory[i] == 0xFF ? 1 : 0;
  EXPECT_GT(erased, 0u);
  EXPECT_LT(erased, kSector);
  EXPECT_EQ(p.flash.erase_count(0), 1u);  // the wear happened
  p.flash.restore_power();
  ASSERT_TRUE(p.flash.erase_sector(0));
  for (std::size_t i = 0; i < kSector; ++i) ASSERT_EQ(p.memory[i], 0xFF);
}

}  // namespace
}  // namespace lfpbms::testing
