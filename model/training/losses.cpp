#include "model/training/losses.h"

#include <torch/autograd.h>
#include <torch/nn/functional/loss.h>

namespace gs {

namespace F = torch::nn::functional;

torch::Tensor discriminator_loss(Loss loss, const torch::Tensor& x, bool real) {
  switch (loss) {
    case Loss::Hinge:
      return torch::relu(real ? 1 - x : 1 + x).mean();
    case Loss::Lsgan:
      return 0.5 * (real ? (x - 1).pow(2) : x.pow(2)).mean();
    case Loss::WganGp:  // a critic's two sides are one loss: critic_loss()
      return real ? -x.mean() : x.mean();
    case Loss::Bce:
      break;
  }
  return F::binary_cross_entropy_with_logits(x, real ? torch::ones_like(x) : torch::zeros_like(x));
}

torch::Tensor generator_loss(Loss loss, const torch::Tensor& x) {
  switch (loss) {
    case Loss::Hinge:
    case Loss::WganGp:
      return -x.mean();
    case Loss::Lsgan:
      return 0.5 * (x - 1).pow(2).mean();
    case Loss::Bce:
      break;
  }
  return F::binary_cross_entropy_with_logits(x, torch::ones_like(x));
}

torch::Tensor called_real(Loss loss, const torch::Tensor& x) {
  return loss == Loss::Lsgan ? x.gt(0.5) : x.gt(0);
}

torch::Tensor mean_output(Loss loss, const torch::Tensor& x) {
  switch (loss) {
    case Loss::Lsgan:
      return x.clamp(0, 1).mean();
    case Loss::WganGp:
      return x.mean();
    case Loss::Bce:
    case Loss::Hinge:
      break;
  }
  return torch::sigmoid(x).mean();
}

torch::Tensor critic_loss(const torch::Tensor& real_scores, const torch::Tensor& fake_scores) {
  return fake_scores.mean() - real_scores.mean();
}

torch::Tensor gradient_penalty(const std::function<torch::Tensor(const torch::Tensor&)>& forward,
                               const torch::Tensor& reals, const torch::Tensor& fakes,
                               double lambda, at::Generator& rng) {
  const auto batch = reals.size(0);
  std::vector<int64_t> shape(static_cast<size_t>(reals.dim()), 1);
  shape[0] = batch;
  const torch::Tensor mix = torch::rand(shape, rng, reals.options());
  const torch::Tensor between = (mix * reals + (1 - mix) * fakes).detach().requires_grad_(true);
  const torch::Tensor scores = forward(between);
  const torch::Tensor gradients = torch::autograd::grad({scores.sum()}, {between},
                                                        /*grad_outputs=*/{},
                                                        /*retain_graph=*/true,
                                                        /*create_graph=*/true)[0];
  const torch::Tensor norms = gradients.reshape({batch, -1}).norm(2, 1);
  return lambda * (norms - 1).pow(2).mean();
}

}  // namespace gs
