#include "model/training/trainer.h"

#include <ATen/Parallel.h>
#include <torch/serialize/output-archive.h>

#include <chrono>
#include <cstdio>
#include <sstream>
#include <thread>

#include "model/config/keys.h"
#include "model/io/error.h"
#include "model/training/checkpoint.h"
#include "model/training/device_info.h"
#include "model/training/gan_step.h"
#include "model/training/score_discriminator.h"
#include "model/training/training_state.h"

namespace gs {

struct Trainer::Impl {
  TrainingState state;
  int64_t total = 0;
  std::vector<std::string> skipped;  // the data set's unreadable files
  int64_t images = 0;                // the whole data set's (a rank holds only its shard)
};

namespace {

RunConfig resolve_for_device(const RunConfig& config) {
  return resolve(config, parse_device(config.training.device).is_cuda());
}

}  // namespace

Trainer::Trainer(const RunConfig& config, const LoadProgress& progress)
    : Trainer(config, load_image_set(config.data.path, image_shape(config), progress)) {}

Trainer::Trainer(const RunConfig& config, const ImageSet& images)
    : impl_(std::make_unique<Impl>()) {
  impl_->state = make_training_state(
      resolve_for_device(data_set_config(conditional_config(config, images), images)), images);
  impl_->total = gs::total_iterations(impl_->state.config.training, images.count);
  impl_->skipped = images.skipped;
  impl_->images = images.count;
}

const std::vector<std::string>& Trainer::skipped_images() const { return impl_->skipped; }

Trainer::~Trainer() = default;
Trainer::Trainer(Trainer&&) noexcept = default;
Trainer& Trainer::operator=(Trainer&&) noexcept = default;

const RunConfig& Trainer::config() const { return impl_->state.config; }

StepStats Trainer::step() {
  const auto start = std::chrono::steady_clock::now();
  torch::Tensor values;
  try {
    values = train_step(impl_->state).to(torch::kCPU);  // the step's one sync
  } catch (const c10::Error& error) {
    std::string reason = error.what_without_backtrace();
    reason = reason.substr(0, reason.find('\n'));
    const bool memory = reason.find("out of memory") != std::string::npos ||
                        reason.find("alloc") != std::string::npos;
    throw TrainingError(std::string(memory ? "out of memory" : "training step failed") +
                        " at iteration " + std::to_string(impl_->state.iteration + 1) + ": " +
                        reason);
  } catch (const std::bad_alloc&) {
    throw TrainingError("out of memory at iteration " + std::to_string(impl_->state.iteration + 1) +
                        "; try a smaller batch size or the compact preset");
  }
  const float* v = values.data_ptr<float>();
  StepStats stats;
  AdaStrength& augment = impl_->state.augment;
  stats.augment_p = static_cast<float>(augment.probability());  // what this step used
  if (impl_->state.config.training.augment == Augment::Ada) {
    augment.observe(v[kDRealAcc], impl_->state.config.training.batch_size);
  }
  stats.iteration = impl_->state.iteration;
  stats.d_loss = v[kDLoss];
  stats.d_acc = v[kDAcc];
  stats.g_loss = v[kGLoss];
  stats.g_acc = v[kGAcc];
  stats.d_real = v[kDReal];
  stats.d_fake = v[kDFake];
  stats.d_grad_norm = v[kDGradNorm];
  stats.g_grad_norm = v[kGGradNorm];
  stats.step_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

int64_t Trainer::iteration() const { return impl_->state.iteration; }
int64_t Trainer::total_iterations() const { return impl_->total; }
int64_t Trainer::dataset_size() const { return impl_->images; }

double Trainer::epoch() const {
  return static_cast<double>(impl_->state.iteration) * impl_->state.config.training.batch_size /
         static_cast<double>(dataset_size());
}

void Trainer::set_live_settings(const RunConfig& wanted) {
  RunConfig& config = impl_->state.config;
  copy_live_settings(wanted, config);
  impl_->total = gs::total_iterations(config.training, dataset_size());
  apply_optimizer_settings(impl_->state);
}

namespace {

Trainer::OptimizerSettings settings_of(const torch::optim::Adam& optimizer) {
  const auto& options =
      static_cast<const torch::optim::AdamOptions&>(optimizer.param_groups().front().options());
  return {options.lr(), std::get<0>(options.betas()), std::get<1>(options.betas())};
}

}  // namespace

Trainer::OptimizerSettings Trainer::d_optimizer_settings() const {
  return settings_of(*impl_->state.d_optimizer);
}

Trainer::OptimizerSettings Trainer::g_optimizer_settings() const {
  return settings_of(*impl_->state.g_optimizer);
}

void Trainer::save_checkpoint(const std::string& path) const {
  gs::save_checkpoint(impl_->state, path);
}

void Trainer::load_checkpoint(const std::string& path) { gs::load_checkpoint(impl_->state, path); }

ImageBatch Trainer::fixed_samples() {
  return to_image_batch(generate_bytes(sampling_generator(impl_->state), impl_->state.fixed_z,
                                       impl_->state.fixed_labels));
}

std::vector<int> Trainer::fixed_labels() const {
  const torch::Tensor labels = impl_->state.fixed_labels;
  if (!labels.defined()) return {};
  const torch::Tensor cpu = labels.to(torch::kCPU).to(torch::kInt).contiguous();
  return std::vector<int>(cpu.data_ptr<int>(), cpu.data_ptr<int>() + cpu.numel());
}

ImageBatch Trainer::real_images(int count) const {
  const torch::Tensor images = impl_->state.images.slice(0, 0, count);
  return to_image_batch(images.to(torch::kCPU).permute({0, 2, 3, 1}).contiguous());
}

DiscriminatorScores Trainer::score_discriminator(int count, const ImageBatch& grid) {
  DiscriminatorScores scores = gs::score_discriminator(impl_->state, count, grid);
  scores.iteration = impl_->state.iteration;
  return scores;
}

std::vector<float> Trainer::fixed_latents() const {
  const torch::Tensor z = impl_->state.fixed_z.to(torch::kCPU).to(torch::kFloat32).contiguous();
  return std::vector<float>(z.data_ptr<float>(), z.data_ptr<float>() + z.numel());
}

std::string Trainer::device_description() const { return describe_device(impl_->state.device); }

namespace {

// splitmix64's finaliser: well-spread seeds from (seed, rank, iteration).
uint64_t mix(uint64_t value) {
  value += 0x9E3779B97F4A7C15ull;
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ull;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBull;
  return value ^ (value >> 31);
}

}  // namespace

void Trainer::join(std::shared_ptr<ProcessGroup> group) {
  TrainingState& state = impl_->state;
  const World world = group->world();
  const int64_t global_batch = state.config.training.batch_size;
  if (global_batch < world.size) {
    throw Error(std::string(keys::kBatchSize) + " is " + std::to_string(global_batch) +
                ", fewer than the " + std::to_string(world.size) +
                " ranks: each rank needs at least one image per step");
  }
  if (impl_->images < world.size) {
    throw Error("the data set has " + std::to_string(impl_->images) + " images, fewer than the " +
                std::to_string(world.size) + " ranks: each rank needs a shard of its own");
  }
  // Rank 0's state: the others load it as they would a checkpoint.
  const std::string archive =
      group->share("state", world.rank == 0 ? checkpoint_archive(state) : std::string());
  if (world.rank != 0) load_checkpoint_archive(state, archive, "rank 0's training state");

  const auto shard =
      torch::arange(world.rank, impl_->images, world.size, torch::kLong).to(state.images.device());
  state.images = state.images.index_select(0, shard);
  if (state.labels.defined()) state.labels = state.labels.index_select(0, shard);
  set_local_batch(state, batch_share(global_batch, world.rank, world.size));
  state.rng.set_current_seed(mix(mix(static_cast<uint64_t>(state.config.training.seed) ^
                                     mix(static_cast<uint64_t>(world.rank))) ^
                                 static_cast<uint64_t>(state.iteration)));
  if (state.device.is_cpu() && state.config.training.threads == 0) {
    const int threads = threads_per_rank(
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency())), world.local_size);
    if (at::get_num_threads() != threads) at::set_num_threads(threads);
  }
  state.group = std::move(group);
  state.group->meet("joined");  // every rank has its data and state: collectives may begin
}

const std::shared_ptr<ProcessGroup>& Trainer::process_group() const { return impl_->state.group; }

std::string Trainer::weights_digest() const {
  const TrainingState& state = impl_->state;
  uint64_t hash = 0xCBF29CE484222325ull;
  auto add = [&](const Network& network) {
    for (const torch::Tensor& parameter : network.parameters()) {
      const torch::Tensor bytes = parameter.detach().cpu().contiguous();
      const auto* data = static_cast<const uint8_t*>(bytes.data_ptr());
      for (size_t i = 0; i < bytes.nbytes(); ++i) hash = (hash ^ data[i]) * 0x100000001B3ull;
    }
  };
  add(*state.generator);
  add(*state.discriminator);
  if (state.generator_average) add(*state.generator_average);
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

namespace {

std::string weights_of(const Network& network) {
  torch::serialize::OutputArchive archive;
  network.save(archive);
  std::ostringstream out;
  archive.save_to(out);
  return std::move(out).str();
}

}  // namespace

std::string Trainer::generator_weights() const {
  return weights_of(sampling_generator(impl_->state));
}

std::string Trainer::discriminator_weights() const {
  return weights_of(*impl_->state.discriminator);
}

RunConfig read_checkpoint_config(const std::string& path) {
  return parse_config(checkpoint_config_text(path), path + " (stored configuration)");
}

}  // namespace gs
