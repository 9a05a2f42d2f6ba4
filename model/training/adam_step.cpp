#include "model/training/adam_step.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <vector>

#include "model/kernels/adam_update.h"

namespace gs {

namespace {

using torch::optim::AdamOptions;
using torch::optim::AdamParamState;

// Whether b's elements lie in memory in a's order (dimensions of size 1 have no order: LibTorch
// gives a channels-last [16, 1, 4, 4] kernel and its gradient different strides there).
bool same_layout(const torch::Tensor& a, const torch::Tensor& b) {
  if (a.sizes() != b.sizes() || !b.is_non_overlapping_and_dense()) return false;
  for (int64_t d = 0; d < a.dim(); ++d) {
    if (a.size(d) > 1 && a.stride(d) != b.stride(d)) return false;
  }
  return true;
}

bool fusable(const torch::optim::Adam& optimizer) {
  for (const auto& group : optimizer.param_groups()) {
    const auto& options = static_cast<const AdamOptions&>(group.options());
    if (options.weight_decay() != 0 || options.amsgrad()) return false;
    for (const auto& p : group.params()) {
      if (!p.grad().defined()) continue;
      if (!p.device().is_cpu() || p.scalar_type() != torch::kFloat32 ||
          !p.is_non_overlapping_and_dense() || !same_layout(p, p.grad()) ||
          p.grad().scalar_type() != torch::kFloat32) {
        return false;
      }
    }
  }
  return true;
}

// LibTorch's fallback: the norm of the gradients (one per parameter, stacked), then its step.
torch::Tensor library_step(torch::optim::Adam& optimizer) {
  std::vector<torch::Tensor> norms;
  for (const auto& group : optimizer.param_groups()) {
    for (const auto& p : group.params()) {
      if (p.grad().defined()) norms.push_back(p.grad().norm(2).to(torch::kFloat32));
    }
  }
  torch::Tensor norm = norms.empty() ? torch::zeros({}) : torch::stack(norms).norm(2);
  optimizer.step();
  return norm;
}

AdamParamState& state_of(torch::optim::Adam& optimizer, const torch::Tensor& p) {
  auto& states = optimizer.state();
  const OptimizerStateKey key = optimizer_state_key(p);
  auto found = states.find(key);
  if (found == states.end()) {
    auto state = std::make_unique<AdamParamState>();
    state->step(0);
    state->exp_avg(torch::zeros_like(p, at::MemoryFormat::Preserve));
    state->exp_avg_sq(torch::zeros_like(p, at::MemoryFormat::Preserve));
    found = states.emplace(key, std::move(state)).first;
  }
  return static_cast<AdamParamState&>(*found->second);
}

// A moment as a float CPU tensor with p's strides (a loaded state may have another layout).
torch::Tensor in_layout_of(const torch::Tensor& p, const torch::Tensor& moment) {
  if (same_layout(p, moment) && moment.scalar_type() == torch::kFloat32 &&
      moment.device().is_cpu()) {
    return moment;
  }
  torch::Tensor fixed = torch::empty_like(p);
  fixed.copy_(moment);
  return fixed;
}

// The same arithmetic as LibTorch's Adam::step, element by element, in float:
//   m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2
//   p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
double update(torch::Tensor& p, AdamParamState& state, const AdamOptions& options) {
  state.step(state.step() + 1);
  const auto t = static_cast<double>(state.step());
  const double beta1 = std::get<0>(options.betas());
  const double beta2 = std::get<1>(options.betas());
  kernels::AdamCoefficients k;
  k.beta1 = static_cast<float>(beta1);
  k.beta2 = static_cast<float>(beta2);
  k.one_minus_beta1 = static_cast<float>(1 - beta1);
  k.one_minus_beta2 = static_cast<float>(1 - beta2);
  k.root_correction2 = static_cast<float>(std::sqrt(1 - std::pow(beta2, t)));
  k.step_size = static_cast<float>(options.lr() / (1 - std::pow(beta1, t)));
  k.eps = static_cast<float>(options.eps());
  // Written through a pointer: count it as an in-place change, as LibTorch's own operators do (the
  // folded kernels cached for fixed weights, and autograd's checks, go by this version).
  p.unsafeGetTensorImpl()->bump_version();
  float* param = p.data_ptr<float>();
  const float* grad = p.grad().data_ptr<float>();
  float* m = state.exp_avg().data_ptr<float>();
  float* v = state.exp_avg_sq().data_ptr<float>();
  return at::parallel_reduce(
      0, p.numel(), 16384, 0.0,
      [&](int64_t begin, int64_t end, double sum) {
        return sum + kernels::adam_update(param + begin, grad + begin, m + begin, v + begin,
                                          end - begin, k);
      },
      std::plus<double>());
}

}  // namespace

bool adam_step_is_fused(const torch::optim::Adam& optimizer) { return fusable(optimizer); }

torch::Tensor adam_step(torch::optim::Adam& optimizer) {
  if (!fusable(optimizer)) return library_step(optimizer);
  torch::NoGradGuard no_grad;
  double squares = 0;
  for (auto& group : optimizer.param_groups()) {
    const auto& options = static_cast<const AdamOptions&>(group.options());
    for (auto& p : group.params()) {
      if (!p.grad().defined()) continue;
      AdamParamState& state = state_of(optimizer, p);
      state.exp_avg(in_layout_of(p, state.exp_avg()));
      state.exp_avg_sq(in_layout_of(p, state.exp_avg_sq()));
      squares += update(p, state, options);
    }
  }
  return torch::scalar_tensor(std::sqrt(squares), torch::kFloat32);
}

}  // namespace gs
