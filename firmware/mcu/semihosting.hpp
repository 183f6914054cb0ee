#pragma once
// Output and exit through ARM semihosting: the debugger (here QEMU) carries them to the host.
// On a real pack these go to a UART and a reset; nothing in the core depends on them.
namespace lfpbms::mcu {

void write_stdout(const char* text);
void write_stderr(const char* text);
[[noreturn]] void exit_with(int code);

}  // namespace lfpbms::mcu
