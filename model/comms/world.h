// Who this process is in a data-parallel job: its rank among how many, its place on its machine,
// and where the job's master listens. Read from the environment the way PyTorch's launchers set it,
// so torchrun-style launchers, a batch scheduler's wrapper and `ganstudio-cli train --nproc N` all
// start ranks alike (docs/DISTRIBUTED.md). No LibTorch here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace gs {

struct World {
  int rank = 0;
  int size = 1;
  int local_rank = 0;  // the rank's place among the ranks of its machine (its GPU on CUDA)
  int local_size = 1;  // ranks on this machine (they share its cores)
  std::string master_addr = "127.0.0.1";
  int master_port = 29500;  // torchrun's default
  std::string launcher;     // what set the variables: "torchrun" or "slurm"

  // "rank 1 of 2"
  std::string describe() const;
};

// Reads a variable of the environment (nullopt when unset).
using Environment = std::function<std::optional<std::string>(const char* name)>;
Environment process_environment();

// The job this process is a rank of, or nullopt for a process on its own:
// - torchrun's variables when RANK is set: RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE,
//   MASTER_ADDR, MASTER_PORT (the last four optional: 0, the world's size on one machine,
//   127.0.0.1, 29500);
// - otherwise Slurm's, when SLURM_NTASKS is more than 1: SLURM_PROCID, SLURM_NTASKS,
//   SLURM_LOCALID, SLURM_NTASKS_PER_NODE (its first number), with MASTER_ADDR (required: the first
//   host of the job) and MASTER_PORT.
// Throws Error naming the variable when one is malformed or out of range (a world size of 0, a rank
// not below the world size, a port outside 1..65535).
std::optional<World> world_from_environment(const Environment& environment = process_environment());

// MASTER_PORT when it is set (Error naming it when it is not a port from 1 to 65535), else nullopt.
std::optional<int> master_port_from_environment(
    const Environment& environment = process_environment());

// The share of a global batch that `rank` trains: sizes differ by at most one, larger first.
int64_t batch_share(int64_t global_batch, int rank, int size);

// A TCP port free on 127.0.0.1 now (the kernel's choice), for a master on this machine. Throws
// Error when there is none.
int free_loopback_port();

// CPU threads for each of `local_size` ranks that share a machine's `hardware_threads`.
int threads_per_rank(int hardware_threads, int local_size);

}  // namespace gs
