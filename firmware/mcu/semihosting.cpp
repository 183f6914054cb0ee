#include "semihosting.hpp"

#include <cstdint>
#include <cstring>

namespace lfpbms::mcu {

namespace {

constexpr std::uint32_t kSysOpen = 0x01;
constexpr std::uint32_t kSysWrite = 0x05;
constexpr std::uint32_t kSysExitExtended = 0x20;
constexpr std::uint32_t kApplicationExit = 0x20026;

std::uint32_t call(std::uint32_t op, const void* arg) {
  register std::uint32_t r0 asm("r0") = op;
  register const void* r1 asm("r1") = arg;
  asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

// ":tt" opened for writing is the host's stdout, opened for appending its stderr.
std::uint32_t open_tt(std::uint32_t mode) {
  const std::uint32_t block[3] = {reinterpret_cast<std::uint32_t>(":tt"), mode, 3};
  return call(kSysOpen, block);
}

void write(std::uint32_t handle, const char* text) {
  const std::uint32_t block[3] = {handle, reinterpret_cast<std::uint32_t>(text),
                                  static_cast<std::uint32_t>(std::strlen(text))};
  call(kSysWrite, block);
}

}  // namespace

void write_stdout(const char* text) {
  static const std::uint32_t handle = open_tt(4);
  write(handle, text);
}

void write_stderr(const char* text) {
  static const std::uint32_t handle = open_tt(8);
  write(handle, text);
}

void exit_with(int code) {
  const std::uint32_t block[2] = {kApplicationExit, static_cast<std::uint32_t>(code)};
  call(kSysExitExtended, block);
  for (;;) {
  }
}

}  // namespace lfpbms::mcu
