// Ctrl-C (SIGINT) and SIGTERM as a flag the training loop polls: the first signal asks the run to
// stop after the current iteration (it then writes a checkpoint); a second one ends the program at
// once.
#pragma once

namespace gs::cli {

void install_interrupt_handler();
bool interrupt_requested();

}  // namespace gs::cli
