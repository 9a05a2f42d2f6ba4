// `ganstudio-cli train --nproc N`: starts N ranks of this very command on this machine, as
// torchrun would (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR=127.0.0.1 and a free
// MASTER_PORT), forwards Ctrl-C and SIGTERM to them once each, and waits. When a rank fails (an
// error, a signal such as kill -9) it names it; the others stop on their own (their collectives
// fail at once when a peer's sockets close, or after the collective timeout when it hangs), and
// whatever is still running `grace` later is killed. Exits 0 when every rank did.
#pragma once

#include <chrono>

namespace gs::cli {

int launch_ranks(int processes, std::chrono::seconds grace);

}  // namespace gs::cli
