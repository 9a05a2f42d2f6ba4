// A network in inference mode for a scope (internal: LibTorch): no dropout, no spectral-norm power
// iteration, and back in the mode it was in after. With `batch_statistics` its BatchNorm layers
// use each batch's own statistics, as in training, and their running statistics are put back
// afterwards: D is judged so (it meets real and fake batches apart, so its running statistics are
// a blend of both that no batch has; judged with them, its outputs swing from grid to grid).
#pragma once

#include <memory>
#include <vector>

#include "model/networks/networks.h"

namespace gs {

class InferenceScope {
 public:
  InferenceScope(Network& network, bool batch_statistics);
  ~InferenceScope();
  InferenceScope(const InferenceScope&) = delete;
  InferenceScope& operator=(const InferenceScope&) = delete;

 private:
  Network& network_;
  bool was_;
  std::vector<std::shared_ptr<torch::nn::Module>> norms_;  // with batch statistics: BatchNorm
  std::vector<torch::Tensor> saved_;                       // and their running statistics
};

}  // namespace gs
