#pragma once
// The subcommands of the `lfpbms` command line.

namespace lfpbms::app {

// Runs the firmware core on a simulated board through a short story and checks what it did.
// Returns the number of failed checks.
int run_selftest(bool quiet);

// Prints the protection or parameter table, as Markdown or plain text.
void print_protection_table(bool markdown);
void print_parameter_table(bool markdown, int series_count);

}  // namespace lfpbms::app
