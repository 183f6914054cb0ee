#include "demo/text_line.hpp"

namespace lfpbms::demo {

TextLine& TextLine::text(const char* s) {
  while (*s != '\0' && n_ + 1 < kSize) buf_[n_++] = *s++;
  return *this;
}

TextLine& TextLine::number(std::int64_t value, unsigned width) {
  char digits[24];
  unsigned len = 0;
  const bool negative = value < 0;
  std::uint64_t v =
      negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  do {
    digits[len++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  if (negative) digits[len++] = '-';
  for (unsigned pad = len; pad < width && n_ + 1 < kSize; ++pad) buf_[n_++] = ' ';
  while (len > 0 && n_ + 1 < kSize) buf_[n_++] = digits[--len];
  return *this;
}

TextLine& TextLine::tenths(std::int64_t thousandths, unsigned width) {
  const std::int64_t t = thousandths / 100;  // truncated: times here are whole ticks
  number(t / 10, width > 2 ? width - 2 : 0);
  const char frac[3] = {'.', static_cast<char>('0' + (t % 10 + 10) % 10), '\0'};
  return text(frac);
}

const char* TextLine::c_str() {
  buf_[n_] = '\0';
  return buf_;
}

}  // namespace lfpbms::demo
