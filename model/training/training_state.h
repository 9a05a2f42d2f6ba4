// Everything a training run holds on its device (internal: includes LibTorch). The public Trainer
// (trainer.h) wraps one of these; checkpoints save and restore it; the benchmark times its parts.
#pragma once

#include <torch/optim/adam.h>
#include <torch/types.h>

#include <memory>

#include "model/comms/process_group.h"
#include "model/config/config.h"
#include "model/core/grid.h"
#include "model/data/image_set.h"
#include "model/io/images.h"
#include "model/networks/networks.h"
#include "model/training/augment.h"

namespace gs {

struct TrainingState {
  RunConfig config;  // resolved
  torch::Device device{torch::kCPU};
  at::Generator rng;  // on `device`: latent vectors, real-batch indices, dropout
  torch::Tensor
      images;  // [N, C, S, S] bytes (0..255), resident on `device`; batches scale to -1..1
  torch::Tensor labels;  // [N] int64 on `device`: a conditional model's training labels
  std::shared_ptr<Network> generator;
  std::shared_ptr<Network> discriminator;
  // A moving average of G's weights (training.g_average > 0), which draws every sample; null when
  // off, and then G draws them.
  std::shared_ptr<Network> generator_average;
  std::unique_ptr<torch::optim::Adam> g_optimizer;
  std::unique_ptr<torch::optim::Adam> d_optimizer;
  torch::Tensor fixed_z;           // [grid_samples(classes), noise_dim] on `device`
  torch::Tensor fixed_labels;      // conditional: the grid's class per cell (row r draws class r)
  torch::Tensor real_labels;       // [B, 1] of ones, built once
  torch::Tensor critic_real_mean;  // wgan-gp: the reals' mean score at the last critic step
  torch::Tensor fake_labels;       // [B, 1] of zeros
  int64_t iteration = 0;
  bool channels_last = false;
  // training.augment's strength: 0 when off, 1 for diffaugment, adaptive for ada (from 0).
  AdaStrength augment;
  // A data-parallel run's process group (null for a process on its own): each optimizer step's
  // gradients are summed over the ranks first (model/comms/gradients.h).
  std::shared_ptr<ProcessGroup> group;
  int64_t batch = 0;   // the images this process draws per step: training.batch_size on its own
  double share = 1.0;  // batch / training.batch_size: this rank's weight in the global batch
};

// "CPU, 2 threads" or the CUDA device's name.
std::string describe_device(const torch::Device& device);

// Parses "auto" / "cpu" / "cuda" / "cuda:N"; throws Error when CUDA is asked for but absent.
torch::Device parse_device(const std::string& text);
bool cuda_available();

// Builds networks (initialized from config.training.seed), optimizers and the device-resident data.
// `config` must be resolved; a conditional one needs labelled `images` (conditional_config()). Sets
// LibTorch's CPU thread count from training.threads.
TrainingState make_training_state(const RunConfig& config, const ImageSet& images);

// `config` with model.classes set from a conditional model's data (unchanged when unconditional).
// Throws ConfigError when the data set has no labels, or model.classes disagrees with it.
RunConfig conditional_config(RunConfig config, const ImageSet& images);

// `config` with what the data set decides: training.augment when unset (DiffAugment for a data
// set of fewer than kAugmentBelowImages images, a person's own pictures; off for larger ones, the
// digits), and model.class_names from a labelled folder's sub-folders.
RunConfig data_set_config(RunConfig config, const ImageSet& images);

// Learning rates, betas and epsilon from state.config applied to both optimizers.
void apply_optimizer_settings(TrainingState& state);

// The images this process draws per step (`batch` of training.batch_size for a rank of a
// data-parallel run), and the label tensors of that size.
void set_local_batch(TrainingState& state, int64_t batch);

// The network that draws samples, grids and exports: G's moving average when there is one, else G.
Network& sampling_generator(TrainingState& state);
const Network& sampling_generator(const TrainingState& state);

// Moves the average towards G after an iteration: avg = d * avg + (1 - d) * G with
// d = min(training.g_average, (1 + t) / (10 + t)), so that it follows G closely early in a run;
// BatchNorm statistics are copied. `reset` copies G outright (a new run, or a checkpoint without
// an average).
void update_generator_average(TrainingState& state, bool reset = false);

// The set's pixels as bytes on `device`, [N, C, rows, cols] (the data set stays 4x smaller than
// floats; batches are scaled as they are drawn).
torch::Tensor images_to_tensor(const ImageSet& images, const torch::Device& device);
// Bytes 0..255 -> float in -1..1, as the seed does: (x - 127.5) / 127.5.
torch::Tensor pixels_to_unit_range(const torch::Tensor& bytes);

// G(z) in inference mode as bytes (y * 0.5 + 0.5, scaled to 0..255), on the CPU: [n, S, S, C]
// uint8 (pixels with their channels interleaved). `labels`: the classes of a conditional G.
torch::Tensor generate_bytes(Network& generator, const torch::Tensor& z,
                             const torch::Tensor& labels = {});

// The fixed latent batch of a run's grid from `seed`: kGridSamples vectors, or for a conditional
// model kGridColumns vectors repeated on each class's row, with those rows' labels.
struct GridLatents {
  torch::Tensor z;
  torch::Tensor labels;  // undefined when unconditional
};
GridLatents grid_latents(const ModelConfig& model, uint64_t seed);

// Images [n, C, S, S] in -1..1 (G's output) -> bytes [n, S, S, C] on the CPU, as generate_bytes()
// gives them.
torch::Tensor unit_range_to_bytes(const torch::Tensor& images);

// generate_bytes()'s [n, S, S, C] bytes as an ImageBatch.
ImageBatch to_image_batch(const torch::Tensor& bytes);

// Classes 0, 1, ..., classes - 1, 0, 1, ... for `count` samples (undefined when classes is 0).
torch::Tensor cycling_labels(int64_t count, int classes, const torch::Device& device);

}  // namespace gs
