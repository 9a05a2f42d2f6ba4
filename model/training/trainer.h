// The training session the CLI and the window drive. Its interface has no LibTorch types, so the
// programs that use it compile without LibTorch's headers (and without Qt/LibTorch keyword
// clashes).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "model/comms/process_group.h"
#include "model/config/config.h"
#include "model/config/live_settings.h"
#include "model/data/image_set.h"
#include "model/io/error.h"
#include "model/io/images.h"
#include "model/metrics/discriminator_scores.h"
#include "model/metrics/step_stats.h"

namespace gs {

class Trainer {
 public:
  // Loads config.data.path, resolves the configuration for the device and builds fresh networks
  // (model.classes comes from the data set's labels for a conditional model).
  // `progress` hears of an image folder's files as they load, and may cancel (LoadCancelled).
  explicit Trainer(const RunConfig& config, const LoadProgress& progress = {});
  // The same with images already in memory (tests, or the window, which loads data off the GUI
  // thread).
  Trainer(const RunConfig& config, const ImageSet& images);
  ~Trainer();
  Trainer(Trainer&&) noexcept;
  Trainer& operator=(Trainer&&) noexcept;

  // The effective configuration (resolved; live changes included).
  const RunConfig& config() const;

  // One iteration of the configured loop. Throws TrainingError when the step itself fails (out of
  // memory, a LibTorch error); the trainer's state is then undefined.
  StepStats step();

  int64_t iteration() const;
  int64_t total_iterations() const;
  int64_t dataset_size() const;
  // Files of an image-folder data set that could not be read, each with the reason (they were
  // left out; image_files.h).
  const std::vector<std::string>& skipped_images() const;
  double epoch() const;  // passes over the data set so far

  // The one way to change the settings that may change while training runs (the live keys of the
  // field table: learning rates, betas, length, sample interval): the live keys of `wanted` (a
  // resolved configuration) become this trainer's from the next step on; its other keys are not
  // read.
  void set_live_settings(const RunConfig& wanted);

  // What the optimizers hold now (what set_live_settings() changed).
  struct OptimizerSettings {
    double learning_rate = 0;
    double beta1 = 0;
    double beta2 = 0;
  };
  OptimizerSettings d_optimizer_settings() const;
  OptimizerSettings g_optimizer_settings() const;

  // One file: G, D, both optimizers, the iteration, the effective config, the RNG state and the
  // LibTorch version; written atomically. Throws Error naming the path.
  void save_checkpoint(const std::string& path) const;
  // Restores a checkpoint written by a run with the same architecture; throws Error naming the path
  // and the mismatch otherwise. Learning rates, betas and epsilon come from this trainer's config.
  void load_checkpoint(const std::string& path);

  // The fixed latent batch through G (inference mode): the 64 images of the 8 x 8 grid, or for a
  // conditional model a row of 8 per class.
  ImageBatch fixed_samples();
  // A conditional model's class for each of those images (empty when unconditional).
  std::vector<int> fixed_labels() const;
  // The first `count` images of the data set (a fixed batch of real images, for comparisons).
  ImageBatch real_images(int count) const;
  // D's outputs on `count` fixed real images, on as many fakes of G and on `grid` (the images
  // shown), in inference mode: the run goes on bit for bit as without it
  // (score_discriminator.h). `iteration` is this trainer's.
  DiscriminatorScores score_discriminator(int count, const ImageBatch& grid);
  // That latent batch itself: 64 x noise_dim floats, row-major.
  std::vector<float> fixed_latents() const;

  // "CPU, 2 threads" or the CUDA device's name.
  std::string device_description() const;

  // Makes this trainer a rank of a data-parallel run (before its first step; every rank calls it
  // with a trainer of the same configuration): rank 0's state (weights, optimizers, G's average,
  // the iteration: a new run's initial weights or a resumed one's) on every rank; this rank's shard
  // of the data (images rank, rank + size, ...) and share of training.batch_size; a random stream
  // of its own, from the seed, the rank and the iteration; its share of the machine's cores when
  // training.threads is 0. From then on each optimizer step's gradients (and the step's
  // statistics, so every rank reports the global batch's means) are summed over the ranks.
  // Throws Error: a batch smaller than the world, rank 0 gone.
  void join(std::shared_ptr<ProcessGroup> group);
  // The group joined (null for a process on its own).
  const std::shared_ptr<ProcessGroup>& process_group() const;
  // A digest (FNV-1a, 64 bits, in hex) of the bytes of G's, D's and G's average's parameters: the
  // same on every rank of a data-parallel run, whose BatchNorm statistics alone are the rank's.
  std::string weights_digest() const;

  // The generator's weights, as a checkpoint-independent blob for a GeneratorSnapshot (sampler.h).
  std::string generator_weights() const;
  // D's weights, likewise (inspect/discriminator.h: where D looks in the explorer's image).
  std::string discriminator_weights() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A training step failed (as opposed to a file that could not be written, which is a plain Error).
class TrainingError : public Error {
 public:
  using Error::Error;
};

// The effective configuration stored in a checkpoint (its file name starts error messages).
RunConfig read_checkpoint_config(const std::string& path);

}  // namespace gs
