// Statistics of classifier features (internal: includes LibTorch): the Fréchet distance between two
// Gaussians fitted to feature sets, and precision and recall in feature space from k-nearest-
// neighbour radii (Kynkäänniemi et al. 2019, "Improved Precision and Recall Metric for Assessing
// Generative Models").
#pragma once

#include <torch/types.h>

#include <utility>

namespace gs {

// Mean ([D]) and covariance ([D, D], unbiased) of [N, D] features, in double precision.
std::pair<torch::Tensor, torch::Tensor> mean_and_covariance(const torch::Tensor& features);

// |m1 - m2|^2 + Tr(C1 + C2 - 2 (C1^1/2 C2 C1^1/2)^1/2), computed with symmetric eigen-
// decompositions (exact for positive semi-definite covariances; tiny negative eigenvalues from
// rounding count as 0).
double frechet_distance(const torch::Tensor& mean1, const torch::Tensor& covariance1,
                        const torch::Tensor& mean2, const torch::Tensor& covariance2);

// The distance from each row of [N, D] features to its k-th nearest other row.
torch::Tensor knn_radii(const torch::Tensor& features, int k);

// Precision: the share of `fakes` that lie within the radius of at least one real feature.
// Recall: the share of `reals` that lie within the radius of at least one fake.
std::pair<double, double> precision_recall(const torch::Tensor& reals,
                                           const torch::Tensor& real_radii,
                                           const torch::Tensor& fakes,
                                           const torch::Tensor& fake_radii);

}  // namespace gs
