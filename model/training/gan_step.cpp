#include "model/training/gan_step.h"

#include <ATen/autocast_mode.h>
#include <torch/cuda.h>
#include <torch/nn/functional/loss.h>
#include <torch/version.h>

#include <chrono>
#include <vector>

#include "model/comms/gradients.h"
#include "model/training/adam_step.h"
#include "model/training/augment.h"
#include "model/training/losses.h"

namespace gs {

namespace {

namespace F = torch::nn::functional;
using Clock = std::chrono::steady_clock;

// Records the time since the previous mark into a PartTimes field (when profiling).
class PartClock {
 public:
  PartClock(PartTimes* times, const torch::Device& device) : times_(times), device_(device) {}
  void mark(double PartTimes::*field) {
    if (!times_) return;
    if (device_.is_cuda()) torch::cuda::synchronize(device_.index());
    const auto now = Clock::now();
    times_->*field = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
  }

 private:
  PartTimes* times_;
  torch::Device device_;
  Clock::time_point last_ = Clock::now();
};

// Mixed precision (training.precision: bf16) for the forward passes it guards: matrix products and
// convolutions run in bfloat16, the rest (losses, BatchNorm statistics, optimizer) in float32.
// Autocast state is per thread, so the guard is taken on the training thread around each forward.
class Autocast {
 public:
  Autocast(const TrainingState& state)
      : enabled_(*state.config.training.precision == Precision::Bf16),
        device_(state.device.type()) {
    if (enabled_) set(true);
  }
  ~Autocast() {
    if (!enabled_) return;
    set(false);
    at::autocast::clear_cache();
  }
  Autocast(const Autocast&) = delete;
  Autocast& operator=(const Autocast&) = delete;

 private:
  void set(bool on) {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    at::autocast::set_autocast_dtype(device_, at::kBFloat16);
    at::autocast::set_autocast_enabled(device_, on);
#else
    if (device_ == c10::DeviceType::CUDA) {
      at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
      at::autocast::set_enabled(on);
    } else {
      at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
      at::autocast::set_cpu_enabled(on);
    }
#endif
  }

  bool enabled_;
  c10::DeviceType device_;
};

// Gradients are dropped rather than zero-filled: the next backward writes them afresh.
void clear_gradients(torch::optim::Optimizer& optimizer) {
  for (auto& group : optimizer.param_groups()) {
    for (auto& parameter : group.params()) parameter.mutable_grad().reset();
  }
}

torch::Tensor latent_batch(TrainingState& state) {
  return torch::randn({state.batch, state.config.model.noise_dim}, state.rng,
                      torch::TensorOptions().device(state.device));
}

// Images and, for a conditional model, their classes (undefined otherwise).
struct Batch {
  torch::Tensor images;
  torch::Tensor labels;
};

// Classes for a batch of fakes: uniform over the model's classes.
torch::Tensor fake_classes(TrainingState& state) {
  if (!state.config.model.conditional) return {};
  return torch::randint(state.config.model.classes, {state.batch}, state.rng,
                        torch::TensorOptions().device(state.device).dtype(torch::kLong));
}

// G(z) on fresh latents (of `classes`, or of fresh random classes), in G's current mode, under the
// precision's autocast.
Batch generate(TrainingState& state, torch::Tensor classes = {}) {
  Autocast autocast(state);
  const torch::Tensor z = latent_batch(state);
  if (!classes.defined()) classes = fake_classes(state);
  return {state.generator->conditioned(z, classes), classes};
}

Batch real_batch(TrainingState& state) {
  const auto count = state.images.size(0);
  auto index = torch::randint(count, {state.batch}, state.rng,
                              torch::TensorOptions().device(state.device).dtype(torch::kLong));
  auto batch = pixels_to_unit_range(state.images.index_select(0, index));
  if (state.channels_last) batch = batch.contiguous(at::MemoryFormat::ChannelsLast);
  return {batch, state.labels.defined() ? state.labels.index_select(0, index) : torch::Tensor()};
}

// D's scores of a batch, through differentiable augmentation when the run has it (reals and
// fakes alike, in D's step and in G's: augment.h).
torch::Tensor score(TrainingState& state, const Batch& batch) {
  if (state.config.training.augment != Augment::Off) {
    return state.discriminator->conditioned(
        diff_augment(batch.images, state.rng, state.augment.probability()), batch.labels);
  }
  return state.discriminator->conditioned(batch.images, batch.labels);
}

// A data-parallel run: the gradients of `optimizer` summed over the ranks (each weighted by its
// share of the global batch) with the step's `stats` riding along, which come back as the global
// batch's means. On its own: nothing to do, `stats` as they are.
// (A process on its own stacks nothing: no operator call more than before.)
void all_reduce(TrainingState& state, torch::optim::Optimizer& optimizer,
                std::vector<torch::Tensor>& stats, const char* what) {
  if (!state.group) return;
  const torch::Tensor summed =
      reduce_gradients(*state.group, optimizer, state.share, torch::stack(stats),
                       std::string("the all-reduce of ") + what + " at iteration " +
                           std::to_string(state.iteration + 1));
  stats = summed.unbind();
}

struct DResult {
  torch::Tensor loss;
  torch::Tensor accuracy;
  torch::Tensor mean_output;
  torch::Tensor grad_norm;
  torch::Tensor fake_mean_output;  // a critic step: the fakes' mean score (mean_output: reals')
};

// One optimizer step of D on `images` with all labels `label` (0 or 1); statistics before the step.
DResult discriminator_step(TrainingState& state, const Batch& images, bool real) {
  clear_gradients(*state.d_optimizer);
  torch::Tensor logits;
  {
    Autocast autocast(state);
    logits = score(state, images).to(torch::kFloat32);
  }
  const Loss kind = *state.config.training.loss;
  auto loss = kind == Loss::Bce ? F::binary_cross_entropy_with_logits(
                                      logits, real ? state.real_labels : state.fake_labels)
                                : discriminator_loss(kind, logits, real);
  std::vector<torch::Tensor> stats;
  {
    torch::NoGradGuard no_grad;
    // bce: sigmoid(logit) > 0.5, Keras's binary accuracy threshold (losses.h for the others).
    auto called = called_real(kind, logits);
    auto accuracy = (real ? called : called.logical_not()).to(torch::kFloat32).mean();
    stats = {loss.detach(), accuracy, mean_output(kind, logits)};
  }
  loss.backward();
  all_reduce(state, *state.d_optimizer, stats, "D's gradients");
  torch::Tensor grad_norm = adam_step(*state.d_optimizer);
  return {stats[0], stats[1], stats[2], grad_norm, torch::Tensor()};
}

// wgan-gp: one critic step on a real batch and fresh fakes, with the gradient penalty.
// A conditional critic sees fakes of the real batch's classes, so that the penalty's interpolates
// between the two have one class each.
DResult critic_step(TrainingState& state) {
  const bool conditional = state.config.model.conditional;
  Batch reals;
  if (conditional) reals = real_batch(state);
  Batch fakes;
  {
    torch::NoGradGuard no_grad;
    fakes = generate(state, reals.labels);
    fakes.images = fakes.images.to(torch::kFloat32);
  }
  if (!conditional) reals = real_batch(state);
  clear_gradients(*state.d_optimizer);
  torch::Tensor real_scores;
  torch::Tensor fake_scores;
  {
    Autocast autocast(state);
    real_scores = score(state, reals).to(torch::kFloat32);
    fake_scores = score(state, fakes).to(torch::kFloat32);
  }
  // The penalty's double backward in fp32 (autocast off): its gradients are small differences.
  const torch::Tensor penalty = gradient_penalty(
      [&](const torch::Tensor& x) { return state.discriminator->conditioned(x, reals.labels); },
      reals.images.to(torch::kFloat32), fakes.images, *state.config.training.gp_lambda, state.rng);
  const torch::Tensor loss = critic_loss(real_scores, fake_scores) + penalty;
  std::vector<torch::Tensor> stats;
  {
    torch::NoGradGuard no_grad;
    const torch::Tensor real_mean = real_scores.mean();
    const torch::Tensor fake_mean = fake_scores.mean();
    const torch::Tensor accuracy = (real_scores.gt(fake_mean).to(torch::kFloat32).mean() +
                                    fake_scores.lt(real_mean).to(torch::kFloat32).mean()) *
                                   0.5;
    stats = {loss.detach(), accuracy, real_mean, fake_mean};
  }
  loss.backward();
  all_reduce(state, *state.d_optimizer, stats, "the critic's gradients");
  torch::Tensor grad_norm = adam_step(*state.d_optimizer);
  state.critic_real_mean = stats[2];
  return {stats[0], stats[1], stats[2], grad_norm, stats[3]};
}

void set_requires_grad(torch::nn::Module& module, bool value) {
  for (auto& parameter : module.parameters()) parameter.set_requires_grad(value);
}

}  // namespace

torch::Tensor generator_step(TrainingState& state, const torch::Tensor& fakes,
                             const torch::Tensor& classes) {
  clear_gradients(*state.g_optimizer);
  // D is frozen: its parameters take no gradient (as Keras's trainable=False), so only G moves.
  set_requires_grad(*state.discriminator, false);
  torch::Tensor logits;
  {
    Autocast autocast(state);
    logits = score(state, {fakes, classes}).to(torch::kFloat32);
  }
  const Loss kind = *state.config.training.loss;
  auto loss = kind == Loss::Bce ? F::binary_cross_entropy_with_logits(logits, state.real_labels)
                                : generator_loss(kind, logits);
  std::vector<torch::Tensor> stats;
  {
    torch::NoGradGuard no_grad;
    // How often G fools D; a critic: fakes scored above the reals' mean at its last step.
    const torch::Tensor fooled = kind == Loss::WganGp && state.critic_real_mean.defined()
                                     ? logits.gt(state.critic_real_mean)
                                     : called_real(kind, logits);
    stats = {loss.detach(), fooled.to(torch::kFloat32).mean()};
  }
  loss.backward();
  set_requires_grad(*state.discriminator, true);
  all_reduce(state, *state.g_optimizer, stats, "G's gradients");
  torch::Tensor grad_norm = adam_step(*state.g_optimizer);
  return torch::stack({stats[0], stats[1], grad_norm});
}

namespace {

// wgan-gp's iteration: training.n_critic critic steps (each on fresh fakes and reals), then one G
// step through the frozen critic. Statistics of the last critic step; the loop setting does not
// apply (the critic always sees fakes from G in training mode, without a graph).
torch::Tensor wgan_step(TrainingState& state, PartClock& clock) {
  DResult critic;
  torch::Tensor grad_norm;
  for (int k = 0; k < state.config.training.n_critic; ++k) {
    critic = critic_step(state);
    grad_norm = grad_norm.defined() ? torch::max(grad_norm, critic.grad_norm) : critic.grad_norm;
  }
  clock.mark(&PartTimes::d_fake_ms);
  clock.mark(&PartTimes::d_real_ms);
  const Batch fakes = generate(state);
  const torch::Tensor g_stats = generator_step(state, fakes.images, fakes.labels);
  clock.mark(&PartTimes::g_ms);
  ++state.iteration;
  update_generator_average(state);
  return torch::stack({critic.loss, critic.accuracy, g_stats[0], g_stats[1], critic.mean_output,
                       critic.fake_mean_output, grad_norm, g_stats[2], critic.accuracy});
}

}  // namespace

torch::Tensor train_step(TrainingState& state, PartTimes* times) {
  PartClock clock(times, state.device);
  if (*state.config.training.loss == Loss::WganGp) return wgan_step(state, clock);
  const bool fast = state.config.training.loop == Loop::Fast;

  Batch fakes;             // what D's fake step sees
  Batch fakes_with_graph;  // fast loop: the same fakes, still attached to G's graph
  if (fast) {
    fakes_with_graph = generate(state);
    fakes = {fakes_with_graph.images.detach(), fakes_with_graph.labels};
  } else {
    torch::NoGradGuard no_grad;
    state.generator->eval();  // Keras predict(): BatchNorm uses its running statistics
    fakes = generate(state);
    state.generator->train();
  }
  clock.mark(&PartTimes::fakes_ms);

  const DResult on_fakes = discriminator_step(state, fakes, /*real=*/false);
  clock.mark(&PartTimes::d_fake_ms);
  const DResult on_reals = discriminator_step(state, real_batch(state), /*real=*/true);
  clock.mark(&PartTimes::d_real_ms);

  if (!fast) fakes_with_graph = generate(state);
  const torch::Tensor g_stats =
      generator_step(state, fakes_with_graph.images, fakes_with_graph.labels);
  clock.mark(&PartTimes::g_ms);

  ++state.iteration;
  update_generator_average(state);
  return torch::stack(
      {(on_fakes.loss + on_reals.loss) * 0.5, (on_fakes.accuracy + on_reals.accuracy) * 0.5,
       g_stats[0], g_stats[1], on_reals.mean_output, on_fakes.mean_output,
       torch::max(on_fakes.grad_norm, on_reals.grad_norm), g_stats[2], on_reals.accuracy});
}

}  // namespace gs
