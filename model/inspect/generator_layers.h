// G's layers for one latent vector: the feature maps of each of G's blocks, as small grey images
// the explorer shows beside its preview (they follow the sliders). No Qt.
#pragma once

#include <string>
#include <vector>

#include "model/io/images.h"

namespace gs {

class Sampler;

struct LayerMaps {
  std::string name;         // "block 1", ... in the order G computes them
  int channels = 0;         // the block's channels, all of them
  ImageBatch maps;          // the shown channels' maps (one grey image each)
  std::vector<int> shown;   // which channels those are
  float low = 0, high = 0;  // the activations black and white stand for (the block's range)
};

// The blocks' maps for `inputs` (one explorer vector: z, then a conditional G's class weights).
// Per block at most `per_block` channels are shown, the most active ones on average over a fixed
// batch of random vectors (so the choice holds while the sliders move, for these weights), in
// channel order; each block is scaled on its own from its smallest to its largest activation.
// Throws Error on a vector of the wrong length.
std::vector<LayerMaps> generator_layers(Sampler& sampler, const std::vector<float>& inputs,
                                        int per_block = 12);

}  // namespace gs
