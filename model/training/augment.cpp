#include "model/training/augment.h"

#include <torch/torch.h>

#include <algorithm>

namespace gs {

namespace {

torch::Tensor uniform(const torch::Tensor& like, int64_t batch, at::Generator& rng) {
  return torch::rand({batch, 1, 1, 1}, rng, like.options());
}

// Brightness ±0.5, saturation ×0..2 around each pixel's channel mean, contrast ×0.5..1.5 around
// the image's mean (the reference implementation's ranges).
torch::Tensor colour(torch::Tensor x, at::Generator& rng) {
  const int64_t batch = x.size(0);
  x = x + (uniform(x, batch, rng) - 0.5);
  if (x.size(1) > 1) {
    const torch::Tensor pixel_mean = x.mean(1, /*keepdim=*/true);
    x = (x - pixel_mean) * (uniform(x, batch, rng) * 2) + pixel_mean;
  }
  const torch::Tensor image_mean = x.mean({1, 2, 3}, /*keepdim=*/true);
  return (x - image_mean) * (uniform(x, batch, rng) + 0.5) + image_mean;
}

// 0, 1, ..., length - 1 along `dimension` of a [*, *, *] shape (1 elsewhere), for broadcasting.
torch::Tensor axis(int64_t length, size_t dimension, const torch::TensorOptions& options) {
  std::vector<int64_t> shape{1, 1, 1};
  shape[dimension] = length;
  return torch::arange(length, options).view(shape);
}

// Each image shifted by up to an eighth of its side each way; what comes in is zero.
torch::Tensor translation(const torch::Tensor& x, at::Generator& rng) {
  const int64_t batch = x.size(0);
  const int64_t height = x.size(2);
  const int64_t width = x.size(3);
  const int64_t shift_y = (height + 4) / 8;  // int(H * 0.125 + 0.5)
  const int64_t shift_x = (width + 4) / 8;
  const auto longs = torch::TensorOptions().device(x.device()).dtype(torch::kLong);
  const torch::Tensor dy = torch::randint(-shift_y, shift_y + 1, {batch, 1, 1}, rng, longs);
  const torch::Tensor dx = torch::randint(-shift_x, shift_x + 1, {batch, 1, 1}, rng, longs);
  const torch::Tensor b = axis(batch, 0, longs).expand({batch, height, width});
  const torch::Tensor y =
      (axis(height, 1, longs) + dy + 1).clamp(0, height + 1).expand({batch, height, width});
  const torch::Tensor xs =
      (axis(width, 2, longs) + dx + 1).clamp(0, width + 1).expand({batch, height, width});
  const torch::Tensor padded =
      torch::constant_pad_nd(x, {1, 1, 1, 1}, 0).permute({0, 2, 3, 1});  // [B, H+2, W+2, C]
  return padded.index({b, y, xs}).permute({0, 3, 1, 2});
}

// A square of half the side (anywhere, partly outside allowed) set to zero in each image.
torch::Tensor cutout(const torch::Tensor& x, at::Generator& rng) {
  const int64_t batch = x.size(0);
  const int64_t height = x.size(2);
  const int64_t width = x.size(3);
  const int64_t size_y = (height + 1) / 2;  // int(H * 0.5 + 0.5)
  const int64_t size_x = (width + 1) / 2;
  const auto longs = torch::TensorOptions().device(x.device()).dtype(torch::kLong);
  const torch::Tensor oy =
      torch::randint(0, height + (1 - size_y % 2), {batch, 1, 1}, rng, longs) - size_y / 2;
  const torch::Tensor ox =
      torch::randint(0, width + (1 - size_x % 2), {batch, 1, 1}, rng, longs) - size_x / 2;
  const torch::Tensor rows = axis(height, 1, longs);  // [1, H, 1]
  const torch::Tensor cols = axis(width, 2, longs);   // [1, 1, W]
  const torch::Tensor inside =
      (rows >= oy) & (rows < oy + size_y) & (cols >= ox) & (cols < ox + size_x);  // [B, H, W]
  const torch::Tensor keep = inside.logical_not().to(x.scalar_type()).unsqueeze(1);
  return x * keep;
}

}  // namespace

namespace {

// `transform` applied to each image with `probability`; the others pass as they are.
template <typename Transform>
torch::Tensor sometimes(const torch::Tensor& x, double probability, at::Generator& rng,
                        Transform transform) {
  const torch::Tensor chosen = uniform(x, x.size(0), rng) < probability;
  return torch::where(chosen, transform(x, rng), x);
}

}  // namespace

torch::Tensor diff_augment(const torch::Tensor& images, at::Generator& rng, double probability) {
  if (probability >= 1) return cutout(translation(colour(images, rng), rng), rng);
  if (probability <= 0) return images;
  torch::Tensor x = sometimes(images, probability, rng, colour);
  x = sometimes(x, probability, rng, translation);
  return sometimes(x, probability, rng, cutout);
}

void AdaStrength::observe(double called_real, int batch_size) {
  sum_ += 2 * called_real - 1;  // E[sign(D(real))] over the batch
  if (++count_ < kAdaInterval) return;
  const double r = sum_ / count_;
  const double step = static_cast<double>(batch_size) * count_ / kAdaRampImages;
  p_ = std::clamp(p_ + (r > kAdaTarget ? step : -step), 0.0, 1.0);
  sum_ = 0;
  count_ = 0;
}

}  // namespace gs
