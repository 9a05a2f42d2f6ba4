// Images and labels as the quality meter's classifier takes them (internal: LibTorch).
#pragma once

#include <torch/types.h>

#include <utility>
#include <vector>

#include "model/data/image_set.h"
#include "model/io/images.h"
#include "model/quality/classifier.h"

namespace gs::quality {

// Images of `data` at `indices` as [N, channels, rows, cols] floats in -1..1 (the GAN's scaling).
torch::Tensor images_at(const ImageSet& data, const std::vector<int64_t>& indices);
torch::Tensor labels_at(const ImageSet& data, const std::vector<int64_t>& indices);
// A batch of images the same way.
torch::Tensor batch_to_tensor(const ImageBatch& batch);
// Features and logits of `images` in chunks (bounded memory for any count).
std::pair<torch::Tensor, torch::Tensor> run_classifier(Classifier& classifier,
                                                       const torch::Tensor& images);

}  // namespace gs::quality
