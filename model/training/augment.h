// Differentiable augmentation (DiffAugment, Zhao et al. 2020, "Differentiable Augmentation for
// Data-Efficient GAN Training"): every image D scores, real or fake, in its step and in G's, is
// transformed at random by colour (brightness, saturation, contrast), translation (up to an eighth
// of the side, zeros brought in) and cutout (a square of half the side set to zero), with the
// policy "color,translation,cutout" the paper recommends for small data sets. Each transform is
// differentiable in the pixels, so G learns through it, and since D never sees an image twice
// alike it cannot memorise a small data set. Images are in -1..1 (zero: mid-gray).
#pragma once

#include <ATen/core/Generator.h>
#include <torch/types.h>

namespace gs {

// `images` [B, C, H, W] transformed, each image its own draw from `rng` (on the images' device).
torch::Tensor diff_augment(const torch::Tensor& images, at::Generator& rng);

}  // namespace gs
