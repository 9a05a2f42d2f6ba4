// Where an iteration's time goes, operator by operator: LibTorch's autograd profiler (the legacy
// event lists, CPU) around a few training iterations, reduced to self time per operator name.
#pragma once

#include <string>
#include <vector>

#include "model/config/config.h"

namespace gs {

struct OpTime {
  std::string name;    // the ATen operator or autograd node ("aten::convolution", ...)
  double calls = 0;    // per iteration
  double self_ms = 0;  // per iteration: time inside it, less the operators it called
};

struct OpProfile {
  int iterations = 0;
  double wall_ms = 0;       // per iteration, with the profiler on
  double recorded_ms = 0;   // per iteration: the outermost operators' time (the rest is glue)
  int64_t operators = 0;    // operator calls per iteration (every level)
  std::vector<OpTime> ops;  // by self time, largest first
};

struct TrainingState;

// Profiles `iterations` training steps of `state` (after the caller's warm-up).
OpProfile profile_operators(TrainingState& state, int iterations);

// The table for people: the `rows` largest operators and the shares of the iteration.
std::string to_text(const OpProfile& profile, int rows = 25);

}  // namespace gs
