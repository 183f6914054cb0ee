// The host protocol's frame codec (CO-2): checksums, incremental parsing, the writer.
#include <gtest/gtest.h>

#include <string>

#include "protocol/frame.hpp"

namespace lfpbms::protocol {
namespace {

struct Collected {
  int frames = 0;
  ParsedFrame last;
  std::string info;
};

Collected feed(FrameParser& p, const std::string& text) {
  Collected c;
  for (char ch : text) {
    if (p.push(ch)) {
      ++c.frames;
      c.last = p.frame();
      c.info.assign(c.last.info != nullptr ? c.last.info : "", c.last.info_chars);
    }
  }
  return c;
}

std::string write(const FrameHeader& h, const std::string& info_bytes) {
  char buf[kMaxFrameChars];
  FrameWriter w(buf, sizeof(buf));
  w.begin(h);
  w.bytes(info_bytes.data(), info_bytes.size());
  return std::string(buf, w.finish());
}

TEST(CO_2_frame, the_specification_example_checks_out) {
  EXPECT_EQ(length_checksum(0x002), 0xE);
  EXPECT_EQ(length_checksum(0), 0);
  const std::string body = "25014642E00201";
  EXPECT_EQ(frame_checksum(body.data(), body.size()), 0xFD30);
  EXPECT_EQ(write({0x25, 0x01, 0x46, 0x42}, "\x01"), "~25014642E00201FD30\r");
}

TEST(CO_2_frame, parses_a_frame_that_arrives_in_pieces_between_garbage) {
  char buf[64];
  FrameParser p(buf, sizeof(buf));
  EXPECT_EQ(feed(p, "\r\nxx~2501").frames, 0);
  EXPECT_EQ(feed(p, "4642E0").frames, 0);
  const Collected c = feed(p, "0201FD30\rjunk");
  ASSERT_EQ(c.frames, 1);
  EXPECT_EQ(c.last.status, FrameStatus::Ok);
  EXPECT_EQ(c.last.header.adr, 0x01);
  EXPECT_EQ(c.last.header.cid2, 0x42);
  EXPECT_EQ(c.info, "01");
}

TEST(CO_2_frame, accepts_lower_case_hex) {
  char buf[64];
  FrameParser p(buf, sizeof(buf));
  // The checksum is over the characters as sent.
  std::string body = "25014642e00201";
  char sum[5];
  const std::uint16_t cs = frame_checksum(body.data(), body.size());
  for (int i = 0; i < 4; ++i) sum[i] = "0123456789abcdef"[(cs >> (12 - 4 * i)) & 0xF];
  sum[4] = 0;
  const Collected c = feed(p, "~" + body + sum + "\r");
  ASSERT_EQ(c.frames, 1);
  EXPECT_EQ(c.last.status, FrameStatus::Ok);
  EXPECT_EQ(c.last.reader().u8(), 0x01);
}

TEST(CO_2_frame, a_new_start_of_frame_abandons_a_partial_one) {
  char buf[64];
  FrameParser p(buf, sizeof(buf));
  const Collected c = feed(p, "~250146~25014642E00201FD30\r");
  ASSERT_EQ(c.frames, 1);
  EXPECT_EQ(c.last.status, FrameStatus::Ok);
}

TEST(CO_2_frame, reports_each_kind_of_damage) {
  char buf[64];
  FrameParser p(buf, sizeof(buf));
  EXPECT_EQ(feed(p, "~25014642E00201FD31\r").last.status, FrameStatus::BadChecksum);
  // LCHKSUM wrong, CHKSUM right for those characters.
  std::string body = "25014642F00201";
  char tail[8];
  std::snprintf(tail, sizeof(tail), "%04X", frame_checksum(body.data(), body.size()));
  EXPECT_EQ(feed(p, "~" + body + tail + "\r").last.status, FrameStatus::BadLengthChecksum);
  const Collected bad = feed(p, "~25014642E0020\r");
  EXPECT_EQ(bad.last.status, FrameStatus::BadFormat);
  EXPECT_TRUE(bad.last.header_valid);
  EXPECT_FALSE(feed(p, "~2G\r").last.header_valid);
}

TEST(CO_2_frame, an_overlong_frame_is_followed_to_its_end_and_refused) {
  char buf[20];
  FrameParser p(buf, sizeof(buf));
  const std::string big = write({0x25, 0x01, 0x46, 0x42}, std::string(40, '\x11'));
  const Collected c = feed(p, big + "~25014642E00201FD30\r");
  ASSERT_EQ(c.frames, 2);
  EXPECT_EQ(c.last.status, FrameStatus::Ok);
}

TEST(CO_2_frame, writer_refuses_what_does_not_fit) {
  char buf[24];
  FrameWriter w(buf, sizeof(buf));
  w.begin({0x25, 0x01, 0x46, 0x00});
  w.u16(1);
  EXPECT_TRUE(w.ok());
  w.u32(1);  // 13 + 4 + 8 + 5 > 24
  EXPECT_FALSE(w.ok());
  EXPECT_EQ(w.finish(), 0u);
}

TEST(CO_2_frame, ascii_fields_are_space_padded) {
  const std::string f = write({0x25, 0x01, 0x46, 0x00}, "");
  char buf[64];
  FrameWriter w(buf, sizeof(buf));
  w.begin({0x25, 0x01, 0x46, 0x00});
  w.ascii("AB", 4);
  const std::string s(buf, w.finish());
  EXPECT_EQ(s.substr(13, 8), "41422020");
}

TEST(CO_2_frame, reader_flags_a_short_info) {
  InfoReader r("0102", 4);
  EXPECT_EQ(r.u16(), 0x0102);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.u8(), 0);
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace lfpbms::protocol
