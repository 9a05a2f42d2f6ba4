#include "model/quality/feature_statistics.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace gs {

std::pair<torch::Tensor, torch::Tensor> mean_and_covariance(const torch::Tensor& features) {
  const auto x = features.to(torch::kFloat64);
  const auto mean = x.mean(0);
  const auto centred = x - mean;
  const double n = static_cast<double>(std::max<int64_t>(2, x.size(0)));
  return {mean, centred.t().matmul(centred) / (n - 1)};
}

namespace {

// The square root of a symmetric positive semi-definite matrix.
torch::Tensor symmetric_sqrt(const torch::Tensor& matrix) {
  const auto [values, vectors] = at::linalg_eigh(matrix, "L");
  return vectors.matmul(torch::diag(values.clamp_min(0).sqrt())).matmul(vectors.t());
}

}  // namespace

double frechet_distance(const torch::Tensor& mean1, const torch::Tensor& covariance1,
                        const torch::Tensor& mean2, const torch::Tensor& covariance2) {
  const auto root1 = symmetric_sqrt(covariance1);
  auto middle = root1.matmul(covariance2).matmul(root1);
  middle = (middle + middle.t()) * 0.5;  // symmetric up to rounding: make it exact for eigh
  const auto eigenvalues = std::get<0>(at::linalg_eigh(middle, "L"));
  const double cross = eigenvalues.clamp_min(0).sqrt().sum().item<double>();
  const double mean_term = (mean1 - mean2).pow(2).sum().item<double>();
  const double trace = covariance1.trace().item<double>() + covariance2.trace().item<double>();
  return std::max(0.0, mean_term + trace - 2 * cross);
}

torch::Tensor knn_radii(const torch::Tensor& features, int k) {
  const auto x = features.to(torch::kFloat32);
  const auto distances = torch::cdist(x, x);
  // The smallest k + 1 distances include the point itself (0).
  const int64_t take = std::min<int64_t>(k + 1, x.size(0));
  return std::get<0>(distances.topk(take, 1, /*largest=*/false)).select(1, take - 1);
}

std::pair<double, double> precision_recall(const torch::Tensor& reals,
                                           const torch::Tensor& real_radii,
                                           const torch::Tensor& fakes,
                                           const torch::Tensor& fake_radii) {
  const auto distances = torch::cdist(fakes.to(torch::kFloat32), reals.to(torch::kFloat32));
  const auto in_real = distances.le(real_radii.unsqueeze(0)).any(1);  // per fake
  const auto in_fake = distances.le(fake_radii.unsqueeze(1)).any(0);  // per real
  return {in_real.to(torch::kFloat64).mean().item<double>(),
          in_fake.to(torch::kFloat64).mean().item<double>()};
}

}  // namespace gs
