// Differentiable augmentation (DiffAugment, Zhao et al. 2020, "Differentiable Augmentation for
// Data-Efficient GAN Training"): every image D scores, real or fake, in its step and in G's, is
// transformed at random by colour (brightness, saturation, contrast), translation (up to an eighth
// of the side, zeros brought in) and cutout (a square of half the side set to zero), with the
// policy "color,translation,cutout" the paper recommends for small data sets. Each transform is
// differentiable in the pixels, so G learns through it, and since D never sees an image twice
// alike it cannot memorise a small data set. Images are in -1..1 (zero: mid-gray).
//
// Adaptive strength (training.augment: ada, after ADA, Karras et al. 2020, "Training Generative
// Adversarial Networks with Limited Data"): each of the three transforms is applied to each image
// with a probability p, and p follows D's overfitting: it rises while D calls too many real images
// real (r = E[sign(D(real))] above kAdaTarget) and falls when D does not, so a large data set or a
// D that is not winning trains with little or no augmentation, and a small one gets as much as it
// needs.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/types.h>

namespace gs {

// `images` [B, C, H, W] transformed, each image its own draw from `rng` (on the images' device):
// each transform applies to each image with `probability` (1: always, DiffAugment's way; 0: the
// images as they are, no draws).
torch::Tensor diff_augment(const torch::Tensor& images, at::Generator& rng, double probability = 1);

// ADA's constants: the target of the overfitting signal, how often p is adjusted, and the speed:
// p could go from 0 to 1 in kAdaRampImages real images (a fifth of the paper's 500,000: runs on a
// CPU are short).
inline constexpr double kAdaTarget = 0.6;
inline constexpr int kAdaInterval = 4;
inline constexpr double kAdaRampImages = 100000;

// The adaptive probability: observes D's verdicts on each iteration's real batch.
class AdaStrength {
 public:
  explicit AdaStrength(double probability = 0) : p_(probability) {}
  // After an iteration: the share of the real batch D called real (0..1) and the batch's size.
  // Every kAdaInterval iterations p moves by batch x kAdaInterval / kAdaRampImages towards more
  // augmentation when r = 2 x share - 1 averaged over them is above kAdaTarget, towards less
  // when below; p stays in 0..1.
  void observe(double called_real, int batch_size);
  double probability() const { return p_; }
  void set_probability(double p) { p_ = p; }

 private:
  double p_;
  double sum_ = 0;
  int count_ = 0;
};

}  // namespace gs
