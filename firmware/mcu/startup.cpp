// Start-up for the Cortex-M4 image: the vector table, the reset handler (copy .data, zero
// .bss, paint the stack so that its high-water mark can be measured, turn on the FPU, run the
// static constructors, run the program) and the traps. No C library start-up is linked.
#include <cstdint>

#include "semihosting.hpp"
#include "startup.hpp"

extern "C" {
extern std::uint32_t __data_load[], __data_start[], __data_end[];
extern std::uint32_t __bss_start[], __bss_end[];
extern std::uint32_t __stack_bottom[], __stack_top[];
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();
int app_main();  // the program (main itself may not be called from C++)
void Reset_Handler();
void Fault_Handler();

// A pure virtual call means a broken object: stop with an error rather than run on.
void __cxa_pure_virtual() {
  lfpbms::mcu::exit_with(3);
}
}

namespace {

constexpr std::uint32_t kPaint = 0xC0FFEE11u;
volatile std::uint32_t* const kCpacr = reinterpret_cast<volatile std::uint32_t*>(0xE000ED88u);

using Handler = void (*)();
struct VectorTable {
  std::uint32_t* stack_top;
  Handler handlers[15];
};

}  // namespace

extern "C" __attribute__((section(".isr_vector"), used)) const VectorTable kVectors = {
    __stack_top,
    {Reset_Handler, Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler,
     nullptr, nullptr, nullptr, nullptr, Fault_Handler, Fault_Handler, nullptr, Fault_Handler,
     Fault_Handler}};

// Any fault ends the run with an error, so that a test never hangs on a crashed image.
extern "C" void Fault_Handler() {
  lfpbms::mcu::exit_with(2);
}

extern "C" void Reset_Handler() {
  for (std::uint32_t *src = __data_load, *dst = __data_start; dst < __data_end;) *dst++ = *src++;
  for (std::uint32_t* p = __bss_start; p < __bss_end; ++p) *p = 0;
  // Paint the stack below this frame, with a margin for the frame itself.
  std::uint32_t here = 0;
  const std::uintptr_t limit = reinterpret_cast<std::uintptr_t>(&here) - 256;
  for (std::uint32_t* p = __stack_bottom; reinterpret_cast<std::uintptr_t>(p) < limit; ++p) {
    *p = kPaint;
  }
  *kCpacr |= 0xFu << 20;  // CP10 and CP11: the FPU, for -mfloat-abi=hard
  asm volatile("dsb\n isb");
  for (void (**f)() = __init_array_start; f < __init_array_end; ++f) (*f)();
  lfpbms::mcu::exit_with(app_main());
}

namespace lfpbms::mcu {

std::uint32_t stack_high_water_bytes() {
  const std::uint32_t* p = __stack_bottom;
  while (p < __stack_top && *p == kPaint) ++p;
  return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(__stack_top) -
                                    reinterpret_cast<std::uintptr_t>(p));
}

std::uint32_t stack_size_bytes() {
  return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(__stack_top) -
                                    reinterpret_cast<std::uintptr_t>(__stack_bottom));
}

}  // namespace lfpbms::mcu
