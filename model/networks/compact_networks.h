// The compact preset's pair: the PyTorch C++ DCGAN example's transposed-convolution networks
// (internal to model/networks/: LibTorch).
#pragma once

#include <memory>
#include <vector>

#include "model/networks/networks.h"

namespace gs {

std::shared_ptr<Network> make_compact_generator(int inputs, const std::vector<int>& widths,
                                                ImageShape shape);
std::shared_ptr<DiscriminatorNetwork> make_compact_discriminator(const std::vector<int>& widths,
                                                                 ImageShape shape,
                                                                 at::Generator* spectral_rng);

}  // namespace gs
