// Adam's update for every parameter of a torch::optim::Adam in one pass over memory per parameter
// (internal: LibTorch). LibTorch 1.13's Adam::step spends about ten operator calls per parameter,
// each with its dispatch, scalar wrapping and temporary: on the CPU default's small networks those
// calls, not the arithmetic, were the optimiser's cost. The state is the optimizer's own
// (AdamParamState: step, exp_avg, exp_avg_sq), so checkpoints, live learning rates and LibTorch's
// own step stay interchangeable.
#pragma once

#include <torch/optim/adam.h>

namespace gs {

// The L2 norm of the gradients about to be applied (0-d float tensor on their device), then one
// Adam step. On the CPU with float parameters, no weight decay and no AMSGrad: one fused loop per
// parameter (the norm from the same pass); elsewhere LibTorch's norm and step.
torch::Tensor adam_step(torch::optim::Adam& optimizer);

// Whether adam_step takes the fused loop for `optimizer`'s parameters and gradients as they are.
bool adam_step_is_fused(const torch::optim::Adam& optimizer);

}  // namespace gs
