// What every rank of a data-parallel run does between two iterations, agreed in one small
// all-reduce: rank 0's steering decides (its control folder, its time limit, the run's end), any
// rank's Ctrl-C stops all of them, and live settings rank 0 took reach every rank before the
// iteration that uses them. So pause, one step, resume, stop and a learning rate act on all ranks
// at the same iteration boundary. No LibTorch here.
#pragma once

#include <cstdint>
#include <optional>

#include "model/comms/process_group.h"
#include "model/config/config.h"

namespace gs {

class RankAgreement {
 public:
  enum class Action : int64_t { Wait = 0, Train = 1, Stop = 2 };

  struct Decision {
    Action action = Action::Wait;
    bool interrupted = false;           // some rank was interrupted (Ctrl-C, SIGTERM): all stop
    std::optional<RunConfig> settings;  // rank 0's live settings, when they changed (not on 0)
  };

  // `settings`: the run's configuration as the ranks start (its live keys are compared later).
  RankAgreement(ProcessGroup& group, RunConfig settings);

  // Every rank calls it, in step. `action` and `settings` count on rank 0 only (the others pass
  // anything); `interrupted` on every rank. Throws Error when a rank is lost.
  Decision agree(Action action, const RunConfig& settings, bool interrupted);

  // Whether a Stop was agreed (after it, no rank trains again).
  bool stopped() const { return stopped_; }

 private:
  ProcessGroup& group_;
  RunConfig sent_;       // rank 0: the live settings the others have
  int64_t version_ = 0;  // how many times they changed
  bool stopped_ = false;
};

}  // namespace gs
