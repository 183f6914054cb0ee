#pragma once
// One line of text built without the C library's formatting (which would pull in the heap on
// a bare MCU), and the sink it goes to: the PC's stdout or the MCU's semihosting.
#include <cstddef>
#include <cstdint>

namespace lfpbms::demo {

class TextOut {
 public:
  virtual void write(const char* text) = 0;  // a null-terminated line, newline included

 protected:
  ~TextOut() = default;
};

class TextLine {
 public:
  TextLine& text(const char* s);
  // `value` right-aligned in `width` characters.
  TextLine& number(std::int64_t value, unsigned width = 0);
  // `value` in thousandths shown with one decimal, e.g. 12345 ms -> "12.3".
  TextLine& tenths(std::int64_t thousandths, unsigned width = 0);
  const char* c_str();

 private:
  static constexpr std::size_t kSize = 160;
  char buf_[kSize] = {};
  std::size_t n_ = 0;
};

}  // namespace lfpbms::demo
