// The real side of every quality score (internal: LibTorch): the held-out images' features through
// the classifier, their mean and covariance, k-NN radii and class shares, computed once per data
// set and classifier and cached.
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "model/data/image_set.h"
#include "model/quality/classifier.h"

namespace gs::quality {

struct ReferenceStatistics {
  torch::Tensor mean;         // double [features]
  torch::Tensor covariance;   // double [features, features]
  torch::Tensor features;     // float [n, features]
  torch::Tensor radii;        // float [n]: each image's k-NN radius
  torch::Tensor class_share;  // double [classes]
};

// The statistics of `data`'s images at `held` (of `classes` classes; 0: unlabelled), from the
// cache in `cache_dir` when it holds them for this data (`fingerprint`) and classifier
// (`classifier_hash`), else computed and cached. `neighbours`: the k of the radii.
ReferenceStatistics reference_statistics(Classifier& classifier, const ImageSet& data,
                                         const std::vector<int64_t>& held, int classes,
                                         uint64_t fingerprint, uint64_t classifier_hash,
                                         const std::string& cache_dir, int neighbours);

}  // namespace gs::quality
