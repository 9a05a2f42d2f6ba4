// The data set's own images in the quality meter's feature space (internal: LibTorch): what the
// memorisation figure and the nearest training images compare samples with (docs/HEALTH.md,
// "Copies of the training data"). Computed once per data set and classifier and cached beside the
// reference statistics.
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "model/data/image_set.h"
#include "model/quality/classifier.h"

namespace gs::quality {

// The most images of a data set the features cover (a fixed, evenly spread subset of larger
// sets): bounds the memory (60,000 x 128 floats: 31 MB) and each measurement's search.
inline constexpr int64_t kMaxTrainingFeatures = 60000;
// The memorisation figure's threshold: this quantile of the held-out images' distances to their
// nearest training image. A generator that draws new images as close to the data as real ones
// are scores about this share; one that copies scores near 1.
inline constexpr double kCopyQuantile = 0.01;

struct TrainingFeatures {
  std::vector<int64_t> indices;  // the data set's images covered (the held-out ones left out)
  torch::Tensor features;        // float [indices, kFeatureDim]
  torch::Tensor held_nearest;    // float [held]: each held-out image's distance to its nearest
  double threshold = 0;          // kCopyQuantile of held_nearest
};

// The features of `data`'s images other than `held` (whose features are `held_features`), from
// the cache in `cache_dir` when it holds them for this data set and classifier.
TrainingFeatures training_features(Classifier& classifier, const ImageSet& data,
                                   const std::vector<int64_t>& held,
                                   const torch::Tensor& held_features, uint64_t fingerprint,
                                   uint64_t classifier_hash, const std::string& cache_dir);

// For each row of `queries` [S, F], the distances to its `k` nearest rows of `reference` [M, F]
// and those rows, nearest first: [S, k] each (in chunks of queries: bounded memory). Float
// distances, Euclidean.
std::pair<torch::Tensor, torch::Tensor> nearest_rows(const torch::Tensor& queries,
                                                     const torch::Tensor& reference, int k = 1);

}  // namespace gs::quality
