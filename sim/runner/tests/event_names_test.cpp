// Event codes, groups and texts as the outputs and the expectations read them.
#include <gtest/gtest.h>

#include <string>

#include "protection/protection_row.hpp"
#include "sim/runner/event_names.hpp"

namespace lfpbms::sim {
namespace {

Event event(EventKind kind, std::uint8_t source) {
  Event e;
  e.kind = kind;
  e.source = source;
  return e;
}

constexpr auto kSvH = static_cast<std::uint8_t>(ProtectionId::CellOv);
constexpr auto kSvL = static_cast<std::uint8_t>(ProtectionId::CellUv);

TEST(TWIN_recorder, event_codes_name_kind_and_source) {
  EXPECT_EQ(event_code(event(EventKind::AlarmSet, kSvH)), "alarm:SV_H");
  EXPECT_EQ(event_code(event(EventKind::AlarmClear, kSvH)), "alarm_clear:SV_H");
  EXPECT_EQ(event_code(event(EventKind::Protect, kSvL)), "protect:SV_L");
  EXPECT_EQ(event_code(event(EventKind::Release, kSvL)), "release:SV_L");
  EXPECT_EQ(event_code(event(EventKind::Lock, kSvH)), "lock:SV_H");
  EXPECT_EQ(event_code(event(EventKind::ManualClear, kSvH)), "manual_clear:SV_H");
  EXPECT_EQ(
      event_code(event(EventKind::System, static_cast<std::uint8_t>(SystemEvent::FullyCharged))),
      "system:FullyCharged");
  EXPECT_EQ(
      event_code(event(EventKind::System, static_cast<std::uint8_t>(SystemEvent::AutoWakeTry))),
      "system:AutoWakeTry");
  EXPECT_EQ(event_code(event(EventKind::System, 0)), "system:PowerOn");
}

TEST(TWIN_recorder, every_protection_row_and_system_event_has_a_known_code) {
  for (const ProtectionRow* r = protection_rows_begin(); r != protection_rows_end(); ++r) {
    const std::string code =
        event_code(event(EventKind::Protect, static_cast<std::uint8_t>(r->id)));
    EXPECT_EQ(code, std::string("protect:") + r->name);
    EXPECT_TRUE(known_event_name("protect", r->name)) << r->name;
  }
  for (std::size_t i = 0; i < static_cast<std::size_t>(SystemEvent::Count); ++i) {
    const std::string code = event_code(event(EventKind::System, static_cast<std::uint8_t>(i)));
    EXPECT_TRUE(known_event_name("system", code.substr(code.find(':') + 1))) << code;
    EXPECT_NE(event_text(event(EventKind::System, static_cast<std::uint8_t>(i))), "?");
  }
}

TEST(TWIN_recorder, unknown_sources_read_as_a_question_mark) {
  EXPECT_EQ(event_code(event(EventKind::System, 250)), "system:?");
  EXPECT_EQ(event_code(event(EventKind::Protect, 250)), "protect:?");
  EXPECT_EQ(event_text(event(EventKind::System, 250)), "?");
}

TEST(TWIN_recorder, event_groups_colour_the_report) {
  EXPECT_STREQ(event_group(event(EventKind::AlarmSet, kSvH)), "alarm");
  EXPECT_STREQ(event_group(event(EventKind::AlarmClear, kSvH)), "alarm");
  EXPECT_STREQ(event_group(event(EventKind::Protect, kSvH)), "protect");
  EXPECT_STREQ(event_group(event(EventKind::Release, kSvH)), "release");
  EXPECT_STREQ(event_group(event(EventKind::ManualClear, kSvH)), "release");
  EXPECT_STREQ(event_group(event(EventKind::Lock, kSvH)), "lock");
  EXPECT_STREQ(event_group(event(EventKind::System, 0)), "system");
}

TEST(TWIN_recorder, event_texts_read_as_sentences) {
  EXPECT_EQ(event_text(event(EventKind::System, 0)), "power on");
  const std::string p = event_text(event(EventKind::Protect, kSvH));
  const std::string r = event_text(event(EventKind::Release, kSvH));
  EXPECT_EQ(p.rfind("cell over-voltage ", 0), 0u) << p;
  EXPECT_EQ(r.rfind("cell over-voltage ", 0), 0u) << r;
  EXPECT_NE(p, r);
}

TEST(TWIN_recorder, known_event_names_depend_on_the_kind) {
  EXPECT_TRUE(known_event_name("system", "FullyCharged"));
  EXPECT_TRUE(known_event_name("protect", "SV_H"));
  EXPECT_TRUE(known_event_name("alarm", "SV_H"));
  EXPECT_TRUE(known_event_name("manual_clear", "SV_L"));
  EXPECT_FALSE(known_event_name("system", "SV_H"));
  EXPECT_FALSE(known_event_name("protect", "FullyCharged"));
  EXPECT_FALSE(known_event_name("protect", "sv_h"));  // names are exact
  EXPECT_FALSE(known_event_name("protect", ""));
  EXPECT_FALSE(known_event_name("protection", "SV_H"));  // no such kind
  EXPECT_FALSE(known_event_name("", "SV_H"));
}

}  // namespace
}  // namespace lfpbms::sim
