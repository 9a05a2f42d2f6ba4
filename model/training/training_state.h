// Everything a training run holds on its device (internal: includes LibTorch). The public Trainer
// (trainer.h) wraps one of these; checkpoints save and restore it; the benchmark times its parts.
#pragma once

#include <torch/optim/adam.h>
#include <torch/types.h>

#include <memory>

#include "model/config/config.h"
#include "model/core/grid.h"
#include "model/data/image_set.h"
#include "model/networks/networks.h"

namespace gs {

struct TrainingState {
  RunConfig config;  // resolved
  torch::Device device{torch::kCPU};
  at::Generator rng;     // on `device`: latent vectors, real-batch indices, dropout
  torch::Tensor images;  // [N, 1, 28, 28] float in -1..1, resident on `device`
  std::shared_ptr<Network> generator;
  std::shared_ptr<Network> discriminator;
  // A moving average of G's weights (training.g_average > 0), which draws every sample; null when
  // off, and then G draws them.
  std::shared_ptr<Network> generator_average;
  std::unique_ptr<torch::optim::Adam> g_optimizer;
  std::unique_ptr<torch::optim::Adam> d_optimizer;
  torch::Tensor fixed_z;      // [kGridSamples, noise_dim] on `device`
  torch::Tensor real_labels;  // [B, 1] of ones, built once
  torch::Tensor critic_real_mean;  // wgan-gp: the reals' mean score at the last critic step
  torch::Tensor fake_labels;  // [B, 1] of zeros
  int64_t iteration = 0;
  bool channels_last = false;
};

// "CPU, 2 threads" or the CUDA device's name.
std::string describe_device(const torch::Device& device);

// Parses "auto" / "cpu" / "cuda" / "cuda:N"; throws Error when CUDA is asked for but absent.
torch::Device parse_device(const std::string& text);
bool cuda_available();

// Builds networks (initialized from config.training.seed), optimizers and the device-resident data.
// `config` must be resolved. Sets LibTorch's CPU thread count from training.threads.
TrainingState make_training_state(const RunConfig& config, const ImageSet& images);

// Learning rates, betas and epsilon from state.config applied to both optimizers.
void apply_optimizer_settings(TrainingState& state);

// The network that draws samples, grids and exports: G's moving average when there is one, else G.
Network& sampling_generator(TrainingState& state);
const Network& sampling_generator(const TrainingState& state);

// Moves the average towards G after an iteration: avg = d * avg + (1 - d) * G with
// d = min(training.g_average, (1 + t) / (10 + t)), so that it follows G closely early in a run;
// BatchNorm statistics are copied. `reset` copies G outright (a new run, or a checkpoint without
// an average).
void update_generator_average(TrainingState& state, bool reset = false);

// Pixels 0..255 -> float in -1..1, as the seed does: (x - 127.5) / 127.5. Shape [N, 1, rows, cols].
torch::Tensor images_to_tensor(const ImageSet& images, const torch::Device& device);

// G(z) in inference mode as bytes (y * 0.5 + 0.5, scaled to 0..255), on the CPU: [n, 28, 28] uint8.
torch::Tensor generate_bytes(Network& generator, const torch::Tensor& z);

}  // namespace gs
