// The plant demo on the Cortex-M4: the event lines to the host's stdout (they must match the
// PC build's byte for byte), the measured stack to its stderr, the verdict as the exit code.
#include "demo/plant_demo.hpp"
#include "demo/text_line.hpp"
#include "semihosting.hpp"
#include "startup.hpp"

namespace {
class SemihostingOut final : public lfpbms::demo::TextOut {
 public:
  void write(const char* text) override { lfpbms::mcu::write_stdout(text); }
};
}  // namespace

extern "C" int app_main() {
  SemihostingOut out;
  const int rc = lfpbms::demo::run_plant_demo(out);
  lfpbms::demo::TextLine line;
  lfpbms::mcu::write_stderr(line.text("stack_high_water_bytes ")
                                .number(lfpbms::mcu::stack_high_water_bytes())
                                .text("\nstack_size_bytes ")
                                .number(lfpbms::mcu::stack_size_bytes())
                                .text("\n")
                                .c_str());
  return rc;
}
