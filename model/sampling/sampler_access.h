// A sampler's generator network and device, for the layers above that need gradients through it
// (model/inspect/: projection). Internal: LibTorch.
#pragma once

#include <memory>

#include "model/networks/networks.h"
#include "model/sampling/sampler.h"

namespace gs {

struct SamplerAccess {
  static std::shared_ptr<Network> generator(Sampler& sampler);
  static torch::Device device(const Sampler& sampler);
};

}  // namespace gs
