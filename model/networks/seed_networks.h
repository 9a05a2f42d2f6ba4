// The seed preset's pair: the blog post's Keras DCGAN, Keras's defaults included (internal to
// model/networks/: LibTorch).
#pragma once

#include <memory>
#include <vector>

#include "model/networks/networks.h"

namespace gs {

std::shared_ptr<Network> make_seed_generator(int inputs, const std::vector<int>& widths,
                                             ImageShape shape);
std::shared_ptr<DiscriminatorNetwork> make_seed_discriminator(const std::vector<int>& widths,
                                                              ImageShape shape,
                                                              at::Generator* spectral_rng);
// Whether `generator` is the seed's (and then computes its up-blocks literally when `direct`).
bool set_seed_direct_upsampling(Network& generator, bool direct);

}  // namespace gs
