// The gradients' all-reduce of a data-parallel step (internal: includes LibTorch).
#pragma once

#include <torch/optim/optimizer.h>
#include <torch/types.h>

#include <string>

#include "model/comms/process_group.h"

namespace gs {

// Sums over ranks every gradient of `optimizer`'s parameters, each rank's scaled by `share` (its
// part of the global batch, so the sum is the global batch's gradient), in one all-reduce of one
// flat buffer per call: a network's whole gradient is one bucket. `riders` (a few statistics of
// the step, scaled alike) travel at the buffer's end, so the metrics row's means over ranks cost
// no round trip of their own; they come back summed. A parameter without a gradient counts as
// zeros. `what` names the step in the error when a rank is lost.
torch::Tensor reduce_gradients(ProcessGroup& group, torch::optim::Optimizer& optimizer,
                               double share, const torch::Tensor& riders, const std::string& what);

}  // namespace gs
