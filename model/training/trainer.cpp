#include "model/training/trainer.h"

#include <ATen/Parallel.h>
#include <torch/serialize/output-archive.h>

#include <chrono>
#include <sstream>

#include "model/io/error.h"
#include "model/training/checkpoint.h"
#include "model/training/device_info.h"
#include "model/training/gan_step.h"
#include "model/training/training_state.h"

namespace gs {

struct Trainer::Impl {
  TrainingState state;
  int64_t total = 0;
  std::vector<std::string> skipped;  // the data set's unreadable files
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
int64_t Trainer::dataset_size() const { return impl_->state.images.size(0); }

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

std::vector<float> Trainer::fixed_latents() const {
  const torch::Tensor z = impl_->state.fixed_z.to(torch::kCPU).to(torch::kFloat32).contiguous();
  return std::vector<float>(z.data_ptr<float>(), z.data_ptr<float>() + z.numel());
}

std::string Trainer::device_description() const { return describe_device(impl_->state.device); }

std::string Trainer::generator_weights() const {
  torch::serialize::OutputArchive archive;
  sampling_generator(impl_->state).save(archive);
  std::ostringstream out;
  archive.save_to(out);
  return std::move(out).str();
}

RunConfig read_checkpoint_config(const std::string& path) {
  return parse_config(checkpoint_config_text(path), path + " (stored configuration)");
}

}  // namespace gs
