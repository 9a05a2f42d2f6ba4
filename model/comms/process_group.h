// The process group of a data-parallel job: PyTorch's c10d engine (a TCPStore at the master for
// setting up, then Gloo, or NCCL for CUDA tensors when this LibTorch has it, for the collectives).
// GanStudio writes no communication layer of its own: this class connects, names what went wrong
// (a rank that cannot reach the master, a port in use, a lost rank), and offers the few operations
// the rest of the program needs. Its interface has no LibTorch types; the gradients' all-reduce
// is in gradients.h.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/comms/world.h"
#include "model/config/config.h"

namespace gs {

struct GroupOptions {
  std::optional<DistributedBackend> backend;  // training.distributed_backend; unset: auto
  bool cuda = false;                          // the ranks train on GPUs (auto then picks NCCL)
  // Each collective, and so how soon the others stop when a rank hangs
  // (training.distributed_timeout). A rank that dies is noticed at once: its sockets close.
  std::chrono::seconds timeout{60};
  std::chrono::seconds connect_timeout{60};  // reaching the master; all ranks joining
  // Waiting for rank 0's configuration and state while it loads the data and opens its run.
  std::chrono::seconds setup_timeout{3600};
};

// Which backends this build has ("gloo" or "gloo, nccl").
std::string available_backends();

// The training.device a rank uses: its own GPU (cuda:LOCAL_RANK) when `device` asks for CUDA or
// is auto on a machine with one; otherwise `device`.
std::string rank_device(const std::string& device, const World& world);

class ProcessGroup {
 public:
  // Joins the job: rank 0 listens on world.master_port, the others connect to it, then the
  // backend's own rendezvous. Throws Error: the master unreachable within connect_timeout, the port
  // in use, not every rank joining in time, a backend this build lacks.
  static std::shared_ptr<ProcessGroup> connect(const World& world, const GroupOptions& options);
  ~ProcessGroup();
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  const World& world() const;
  std::string backend() const;  // "gloo" or "nccl"
  std::chrono::seconds timeout() const;
  // Where the ranks run: "2 processes on host-a" or "4 processes on host-a, host-b".
  std::string describe_ranks() const;

  // Every rank's `text` compared with rank 0's before training starts: throws Error on every rank
  // when one differs ("the configuration of rank 1 differs from rank 0's").
  void require_same(const std::string& what, const std::string& text);

  // Rank 0's `bytes` (ignored elsewhere) on every rank, through the master's store: for the
  // configuration and the training state, once, while the others may wait up to setup_timeout.
  std::string share(const std::string& key, const std::string& bytes);

  // Returns when every rank has called it with `name` (through the store: each may take up to
  // setup_timeout to get there, loading its data, before the collectives' shorter timeout
  // applies).
  void meet(const std::string& name);

  // The element-wise sum over ranks of a few integers: one small all-reduce. `what` names the
  // operation in the error when it fails.
  std::vector<int64_t> sum(const std::vector<int64_t>& values, const std::string& what);

  // Time this rank spent in collectives (waiting for the slowest rank included) and the bytes it
  // handed to them, since it joined: the gradients' all-reduces and the agreements between
  // iterations apart.
  struct Traffic {
    double gradient_seconds = 0;
    int64_t gradient_bytes = 0;
    int64_t gradient_calls = 0;
    double agreement_seconds = 0;
    int64_t agreement_calls = 0;
  };
  const Traffic& traffic() const;

  // Rethrows a failed collective as an Error naming the ranks that are gone or did not answer.
  [[noreturn]] void fail(const std::string& what, const std::exception& error) const;

  struct Impl;
  Impl& impl() const { return *impl_; }

 private:
  explicit ProcessGroup(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gs
