#include "model/comms/gradients.h"

#include <chrono>
#include <vector>

#include "model/comms/process_group_impl.h"

namespace gs {

torch::Tensor reduce_gradients(ProcessGroup& group, torch::optim::Optimizer& optimizer,
                               double share, const torch::Tensor& riders, const std::string& what) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> parameters;
  for (auto& param_group : optimizer.param_groups()) {
    for (auto& parameter : param_group.params()) parameters.push_back(parameter);
  }
  int64_t count = riders.defined() ? riders.numel() : 0;
  for (const auto& parameter : parameters) count += parameter.numel();
  const auto options = torch::TensorOptions()
                           .dtype(torch::kFloat32)
                           .device(parameters.empty() ? torch::kCPU : parameters[0].device());
  torch::Tensor flat = torch::empty({count}, options);
  int64_t offset = 0;
  for (const auto& parameter : parameters) {
    torch::Tensor slot = flat.narrow(0, offset, parameter.numel());
    const torch::Tensor& grad = parameter.grad();
    if (grad.defined()) {
      // view(sizes) of the slot is in the gradient's logical order whatever its strides.
      slot.view(grad.sizes()).copy_(grad);
      if (share != 1.0) slot.mul_(share);
    } else {
      slot.zero_();
    }
    offset += parameter.numel();
  }
  if (riders.defined()) {
    torch::Tensor slot = flat.narrow(0, offset, riders.numel());
    slot.copy_(riders.reshape(-1));
    if (share != 1.0) slot.mul_(share);
  }
  std::vector<torch::Tensor> tensors{flat};
  const auto start = std::chrono::steady_clock::now();
  try {
    group.impl().group->allreduce(tensors)->wait();
  } catch (const std::exception& error) {
    group.fail(what, error);
  }
  ProcessGroup::Traffic& traffic = group.impl().traffic;
  traffic.gradient_seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  traffic.gradient_bytes += static_cast<int64_t>(flat.nbytes());
  ++traffic.gradient_calls;
  offset = 0;
  for (auto& parameter : parameters) {
    torch::Tensor slot = flat.narrow(0, offset, parameter.numel()).view(parameter.sizes());
    if (parameter.grad().defined()) {
      parameter.mutable_grad().copy_(slot);
    } else {
      parameter.mutable_grad() = slot.clone(at::MemoryFormat::Preserve);
    }
    offset += parameter.numel();
  }
  if (!riders.defined()) return {};
  return flat.narrow(0, offset, riders.numel()).view(riders.sizes());
}

}  // namespace gs
