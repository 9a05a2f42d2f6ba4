// The ranks of a data-parallel `ganstudio-cli train` (docs/DISTRIBUTED.md): joining the job, and
// the life of every rank but 0, which trains in step with rank 0 and writes nothing.
#pragma once

#include <memory>

#include "model/comms/process_group.h"
#include "model/comms/world.h"
#include "model/config/config.h"
#include "model/training/trainer.h"

namespace gs::cli {

// Joins the job this process is a rank of (its group's timeouts and backend from `requested`,
// the configuration its command line asks for) and refuses to go on, on every rank, unless all
// were started with the same configuration (compared without the keys that may differ between
// machines: device, threads, the run folder). Says who it is on stderr.
std::shared_ptr<ProcessGroup> join_job(const World& world, const RunConfig& requested);

// After the last iteration, on every rank: the ranks compare the digests of their weights and
// fail when one differs (their BatchNorm statistics are their own and not compared); rank 0 says
// so.
void compare_weights(ProcessGroup& group, const Trainer& trainer);

// "all-reduce: 2.1 ms per iteration (3 calls, 113.2 kB); agreeing: 0.3 ms" for the iterations
// this session trained.
std::string describe_traffic(const ProcessGroup& group, int64_t iterations);

// A rank other than 0, from rank 0's configuration to the end of the run: builds its trainer
// (its own data, rank 0's state), then does what the ranks agree on between iterations until
// they agree to stop. Returns the exit status (Errors propagate).
int follow_rank_zero(const std::shared_ptr<ProcessGroup>& group);

}  // namespace gs::cli
