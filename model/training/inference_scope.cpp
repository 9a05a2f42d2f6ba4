#include "model/training/inference_scope.h"

#include <torch/nn/modules/batchnorm.h>

namespace gs {

InferenceScope::InferenceScope(Network& network, bool batch_statistics)
    : network_(network), was_(network.is_training()) {
  network_.eval();
  if (!batch_statistics) return;
  for (const auto& module : network_.modules(/*include_self=*/false)) {
    if (!module->as<torch::nn::BatchNorm1d>() && !module->as<torch::nn::BatchNorm2d>()) continue;
    module->train();
    norms_.push_back(module);
    for (const torch::Tensor& buffer : module->buffers()) saved_.push_back(buffer.clone());
  }
}

InferenceScope::~InferenceScope() {
  torch::NoGradGuard no_grad;
  size_t next = 0;
  for (const auto& module : norms_) {
    for (const torch::Tensor& buffer : module->buffers()) buffer.copy_(saved_[next++]);
  }
  if (was_) network_.train();
}

}  // namespace gs
