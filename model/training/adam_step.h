// Adam's update for every parameter of a torch::optim::Adam in one pass over memory per parameter
// (internal: LibTorch). LibTorch 1.13's Adam::step spends about ten operator calls per parameter,
// each with its dispatch, scalar wrapping and temporary: on the CPU default's small networks those
// calls, not the arithmetic, were the optimiser's cost. The state is the optimizer's own
// (AdamParamState: step, exp_avg, exp_avg_sq), so checkpoints, live learning rates and LibTorch's
// own step stay interchangeable.
#pragma once

#include <torch/optim/adam.h>

#include <sstream>
#include <string>
#include <type_traits>
#include <utility>

namespace gs {

// An optimizer's state is keyed by its parameter's TensorImpl: spelt as a string in LibTorch 1.x,
// the pointer itself in later versions. This is that key, in whichever spelling this LibTorch has.
using OptimizerStateKey =
    typename std::decay_t<decltype(std::declval<torch::optim::Optimizer&>().state())>::key_type;

namespace detail {
template <typename Key>
Key optimizer_state_key(const torch::Tensor& parameter) {
  if constexpr (std::is_same_v<Key, std::string>) {
    std::ostringstream text;  // c10::guts::to_string's spelling of the pointer
    text << parameter.unsafeGetTensorImpl();
    return text.str();
  } else {
    return Key(parameter.unsafeGetTensorImpl());
  }
}
}  // namespace detail

inline OptimizerStateKey optimizer_state_key(const torch::Tensor& parameter) {
  return detail::optimizer_state_key<OptimizerStateKey>(parameter);
}

// The L2 norm of the gradients about to be applied (0-d float tensor on their device), then one
// Adam step. On the CPU with float parameters, no weight decay and no AMSGrad: one fused loop per
// parameter (the norm from the same pass); elsewhere LibTorch's norm and step.
torch::Tensor adam_step(torch::optim::Adam& optimizer);

// Whether adam_step takes the fused loop for `optimizer`'s parameters and gradients as they are.
bool adam_step_is_fused(const torch::optim::Adam& optimizer);

}  // namespace gs
