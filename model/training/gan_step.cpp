#include "model/training/gan_step.h"

#include <ATen/autocast_mode.h>
#include <torch/cuda.h>
#include <torch/nn/functional/loss.h>
#include <torch/version.h>

#include <chrono>

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
  return torch::randn({state.config.training.batch_size, state.config.model.noise_dim}, state.rng,
                      torch::TensorOptions().device(state.device));
}

torch::Tensor real_batch(TrainingState& state) {
  const auto count = state.images.size(0);
  auto index = torch::randint(count, {state.config.training.batch_size}, state.rng,
                              torch::TensorOptions().device(state.device).dtype(torch::kLong));
  auto batch = state.images.index_select(0, index);
  return state.channels_last ? batch.contiguous(at::MemoryFormat::ChannelsLast) : batch;
}

struct DResult {
  torch::Tensor loss;
  torch::Tensor accuracy;
  torch::Tensor mean_output;
  torch::Tensor grad_norm;
};

// The L2 norm of all the gradients an optimizer is about to apply (on the device: no sync).
torch::Tensor gradient_norm(const torch::optim::Optimizer& optimizer) {
  std::vector<torch::Tensor> norms;
  for (const auto& group : optimizer.param_groups()) {
    for (const auto& parameter : group.params()) {
      if (parameter.grad().defined()) norms.push_back(parameter.grad().norm(2).to(torch::kFloat32));
    }
  }
  return norms.empty() ? torch::zeros({}) : torch::stack(norms).norm(2);
}

// One optimizer step of D on `images` with all labels `label` (0 or 1); statistics before the step.
DResult discriminator_step(TrainingState& state, const torch::Tensor& images, bool real) {
  clear_gradients(*state.d_optimizer);
  torch::Tensor logits;
  {
    Autocast autocast(state);
    logits = state.discriminator->forward(images).to(torch::kFloat32);
  }
  auto loss =
      F::binary_cross_entropy_with_logits(logits, real ? state.real_labels : state.fake_labels);
  loss.backward();
  torch::Tensor grad_norm = gradient_norm(*state.d_optimizer);
  state.d_optimizer->step();
  torch::NoGradGuard no_grad;
  auto called_real = logits.gt(0);  // sigmoid(logit) > 0.5, Keras's binary accuracy threshold
  auto accuracy = (real ? called_real : called_real.logical_not()).to(torch::kFloat32).mean();
  return {loss.detach(), accuracy, torch::sigmoid(logits).mean(), grad_norm};
}

void set_requires_grad(torch::nn::Module& module, bool value) {
  for (auto& parameter : module.parameters()) parameter.set_requires_grad(value);
}

}  // namespace

torch::Tensor generator_step(TrainingState& state, const torch::Tensor& fakes) {
  clear_gradients(*state.g_optimizer);
  // D is frozen: its parameters take no gradient (as Keras's trainable=False), so only G moves.
  set_requires_grad(*state.discriminator, false);
  torch::Tensor logits;
  {
    Autocast autocast(state);
    logits = state.discriminator->forward(fakes).to(torch::kFloat32);
  }
  auto loss = F::binary_cross_entropy_with_logits(logits, state.real_labels);
  loss.backward();
  set_requires_grad(*state.discriminator, true);
  torch::Tensor grad_norm = gradient_norm(*state.g_optimizer);
  state.g_optimizer->step();
  torch::NoGradGuard no_grad;
  return torch::stack({loss.detach(), logits.gt(0).to(torch::kFloat32).mean(), grad_norm});
}

torch::Tensor train_step(TrainingState& state, PartTimes* times) {
  PartClock clock(times, state.device);
  const bool fast = state.config.training.loop == Loop::Fast;

  torch::Tensor fakes;             // what D's fake step sees
  torch::Tensor fakes_with_graph;  // fast loop: the same fakes, still attached to G's graph
  if (fast) {
    Autocast autocast(state);
    fakes_with_graph = state.generator->forward(latent_batch(state));
    fakes = fakes_with_graph.detach();
  } else {
    torch::NoGradGuard no_grad;
    Autocast autocast(state);
    state.generator->eval();  // Keras predict(): BatchNorm uses its running statistics
    fakes = state.generator->forward(latent_batch(state));
    state.generator->train();
  }
  clock.mark(&PartTimes::fakes_ms);

  const DResult on_fakes = discriminator_step(state, fakes, /*real=*/false);
  clock.mark(&PartTimes::d_fake_ms);
  const DResult on_reals = discriminator_step(state, real_batch(state), /*real=*/true);
  clock.mark(&PartTimes::d_real_ms);

  if (!fast) {
    Autocast autocast(state);
    fakes_with_graph = state.generator->forward(latent_batch(state));
  }
  const torch::Tensor g_stats = generator_step(state, fakes_with_graph);
  clock.mark(&PartTimes::g_ms);

  ++state.iteration;
  update_generator_average(state);
  return torch::stack({(on_fakes.loss + on_reals.loss) * 0.5,
                       (on_fakes.accuracy + on_reals.accuracy) * 0.5, g_stats[0], g_stats[1],
                       on_reals.mean_output, on_fakes.mean_output,
                       torch::max(on_fakes.grad_norm, on_reals.grad_norm), g_stats[2]});
}

}  // namespace gs
