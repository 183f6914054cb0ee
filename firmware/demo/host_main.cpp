// The plant demo on the PC: the same program as on the Cortex-M4, printing to stdout.
// `--steady N` runs N steady-state ticks silently, for counting instructions per tick.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "demo/plant_demo.hpp"

namespace {
class StdOut final : public lfpbms::demo::TextOut {
 public:
  void write(const char* text) override { std::fputs(text, stdout); }
};
}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--steady") == 0) {
    lfpbms::demo::run_steady(static_cast<std::uint32_t>(std::strtoul(argv[2], nullptr, 10)));
    return 0;
  }
  StdOut out;
  return lfpbms::demo::run_plant_demo(out);
}
