#include "model/training/losses.h"

#include <torch/autograd.h>
#include <torch/nn/functional/loss.h>

namespace gs {

namespace F = torch::nn::functional;

torch::Tensor discriminator_loss(Loss loss, const torch::Tensor& outputs, bool real) {
  switch (loss) {
    case Loss::Hinge:
      return torch::relu(real ? 1 - outputs : 1 + outputs).mean();
    case Loss::Lsgan:
      return 0.5 * (real ? (outputs - 1).pow(2) : outputs.pow(2)).mean();
    case Loss::WganGp:  // a critic's two sides are one loss: critic_loss()
      return real ? -outputs.mean() : outputs.mean();
    case Loss::Bce:
      break;
  }
  return F::binary_cross_entropy_with_logits(
      outputs, real ? torch::ones_like(outputs) : torch::zeros_like(outputs));
}

torch::Tensor generator_loss(Loss loss, const torch::Tensor& outputs) {
  switch (loss) {
    case Loss::Hinge:
    case Loss::WganGp:
      return -outputs.mean();
    case Loss::Lsgan:
      return 0.5 * (outputs - 1).pow(2).mean();
    case Loss::Bce:
      break;
  }
  return F::binary_cross_entropy_with_logits(outputs, torch::ones_like(outputs));
}

torch::Tensor called_real(Loss loss, const torch::Tensor& outputs) {
  return loss == Loss::Lsgan ? outputs.gt(0.5) : outputs.gt(0);
}

torch::Tensor reported_outputs(Loss loss, const torch::Tensor& outputs) {
  switch (loss) {
    case Loss::Lsgan:
      return outputs.clamp(0, 1);
    case Loss::WganGp:
      return outputs;
    case Loss::Bce:
    case Loss::Hinge:
      break;
  }
  return torch::sigmoid(outputs);
}

torch::Tensor mean_output(Loss loss, const torch::Tensor& outputs) {
  return reported_outputs(loss, outputs).mean();
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
