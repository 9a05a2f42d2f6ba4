// The GAN objectives (training.loss), on D's raw outputs (logits, or a critic's scores), with the
// statistics each reports (internal: includes LibTorch).
//
//   bce     D: BCE(sigmoid(x), 1 on reals, 0 on fakes)   G: BCE(sigmoid(D(G(z))), 1)   (the seed)
//   hinge   D: relu(1 - x) on reals, relu(1 + x) on fakes   G: -D(G(z))   (SN-GAN)
//   lsgan   D: (x - 1)^2 / 2 on reals, x^2 / 2 on fakes   G: (D(G(z)) - 1)^2 / 2   (Mao et al.)
//   wgan-gp D: mean D(fake) - mean D(real) + lambda (|grad D(x_hat)| - 1)^2 on random points
//           between reals and fakes   G: -mean D(G(z))   (Gulrajani et al.)
//
// "Called real" (accuracy): x > 0 for bce and hinge, x > 0.5 for lsgan (its targets are 0 and 1).
// A critic has no threshold: it is right on a real image scored above the fakes' mean, and on a
// fake scored below the reals' mean; G fools it with a fake scored above the reals' mean.
// D's "mean output" (d_real, d_fake) is a probability-like number for the first three (sigmoid for
// bce and hinge, the clamped output for lsgan) and the raw mean score for a critic.
#pragma once

#include <torch/types.h>

#include <functional>

#include "model/config/config.h"

namespace gs {

// D's loss on one side (real or fake images) for bce, hinge and lsgan.
torch::Tensor discriminator_loss(Loss loss, const torch::Tensor& outputs, bool real);
// G's loss on D's outputs for its fakes (any loss).
torch::Tensor generator_loss(Loss loss, const torch::Tensor& outputs);
// Which outputs D counts as "real" (bce, hinge, lsgan).
torch::Tensor called_real(Loss loss, const torch::Tensor& outputs);
// D's output per image as d_real / d_fake report their mean.
torch::Tensor reported_outputs(Loss loss, const torch::Tensor& outputs);
// D's mean output as reported in d_real / d_fake.
torch::Tensor mean_output(Loss loss, const torch::Tensor& outputs);

// The critic's loss without the penalty: mean D(fake) - mean D(real).
torch::Tensor critic_loss(const torch::Tensor& real_scores, const torch::Tensor& fake_scores);
// lambda * mean over the batch of (||grad_x D(x)|| - 1)^2 at x = a random mix of each real and
// fake image (one uniform weight per pair, drawn from `rng`); differentiable for D's step.
torch::Tensor gradient_penalty(const std::function<torch::Tensor(const torch::Tensor&)>& forward,
                               const torch::Tensor& reals, const torch::Tensor& fakes,
                               double lambda, at::Generator& rng);

}  // namespace gs
