// Class-conditional wrappers of either preset's pair: G takes a one-hot label beside z, D a
// projection of the label (Miyato & Koyama 2018) (internal to model/networks/: LibTorch).
#pragma once

#include <memory>
#include <vector>

#include "model/networks/networks.h"

namespace gs {

std::shared_ptr<Network> make_conditional_generator(std::shared_ptr<Network> inner, int classes);
std::shared_ptr<Network> make_projection_discriminator(std::shared_ptr<DiscriminatorNetwork> inner,
                                                       int classes);
// The generator a conditional one wraps (null when `generator` is not conditional).
Network* conditional_inner(Network& generator);

}  // namespace gs
