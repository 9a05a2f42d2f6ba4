#include "model/training/training_state.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <thread>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "model/config/keys.h"
#include "model/io/error.h"
#include "model/networks/flops.h"
#include "model/training/device_info.h"
#include "model/training/system_info.h"

namespace gs {

namespace {

constexpr uint64_t kInitStream = 0x9E3779B97F4A7C15ull;  // separates the init and grid streams
constexpr uint64_t kGridStream = 0xD1B54A32D192ED03ull;

torch::optim::AdamOptions adam_options(const TrainingConfig& t, double learning_rate) {
  return torch::optim::AdamOptions(learning_rate)
      .betas(std::make_tuple(*t.beta1, *t.beta2))
      .eps(*t.epsilon);
}

// LibTorch's CPU allocator takes large blocks from malloc, which by default hands them back to the
// system on free (munmap, trimming the heap) and takes them again page fault by page fault in the
// next iteration. A training loop allocates the same activations every iteration: keep them.
void keep_freed_memory_for_reuse() {
#ifdef __GLIBC__
  static std::once_flag once;
  // Once, before the first training state allocates (mallopt is not thread-safe: call_once).
  std::call_once(once, [] {
    // glibc's maximum: activations up to 32 MiB stay on the heap.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // NOLINT(concurrency-mt-unsafe)
    // No trimming of the heap after each iteration; grow it in large steps.
    mallopt(M_TRIM_THRESHOLD, 1 << 30);  // NOLINT(concurrency-mt-unsafe)
    mallopt(M_TOP_PAD, 64 << 20);        // NOLINT(concurrency-mt-unsafe)
  });
#endif
}

}  // namespace

bool cuda_available() { return torch::cuda::is_available(); }

std::string describe_device(const torch::Device& device) {
  if (device.is_cuda()) return cuda_device_name(device.index());
  const int threads = at::get_num_threads();
  return "CPU, " + std::to_string(threads) + (threads == 1 ? " thread" : " threads");
}

torch::Device parse_device(const std::string& text) {
  if (text == "auto") return cuda_available() ? torch::Device(torch::kCUDA, 0) : torch::kCPU;
  if (text == "cpu") return torch::kCPU;
  if (text.rfind("cuda", 0) == 0) {
    if (!cuda_available()) {
      throw Error(std::string(keys::kDevice) + " is " + text +
                  ", but this LibTorch build has no CUDA or no GPU is visible; use cpu or auto");
    }
    const int index = text.size() > 5 ? std::stoi(text.substr(5)) : 0;
    if (index >= static_cast<int>(torch::cuda::device_count())) {
      throw Error(std::string(keys::kDevice) + " is " + text + ", but only " +
                  std::to_string(torch::cuda::device_count()) + " CUDA device(s) are visible");
    }
    return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
  }
  throw Error(std::string(keys::kDevice) + " must be auto, cpu, cuda or cuda:N, got '" + text +
              "'");
}

torch::Tensor images_to_tensor(const ImageSet& images, const torch::Device& device) {
  // Stored as pixels with interleaved channels (N, rows, cols, C); the networks take N, C, rows,
  // cols.
  auto bytes =
      torch::from_blob(const_cast<uint8_t*>(images.pixels.data()),
                       {images.count, images.rows, images.cols, images.channels}, torch::kUInt8)
          .permute({0, 3, 1, 2});
  // A copy of its own, always: for one channel the permuted view is already contiguous and would
  // otherwise keep pointing into the set's pixels, which do not outlive the trainer's start.
  return bytes.clone(at::MemoryFormat::Contiguous).to(device);
}

torch::Tensor pixels_to_unit_range(const torch::Tensor& bytes) {
  return bytes.to(torch::kFloat32).sub_(127.5).div_(127.5);
}

torch::Tensor generate_bytes(Network& generator, const torch::Tensor& z,
                             const torch::Tensor& labels) {
  torch::NoGradGuard no_grad;
  const bool was_training = generator.is_training();
  generator.eval();
  auto out = generator.conditioned(z, labels);
  if (was_training) generator.train();
  return unit_range_to_bytes(out);
}

torch::Tensor unit_range_to_bytes(const torch::Tensor& images) {
  return images.detach()
      .to(torch::kFloat32)
      .mul(0.5)
      .add(0.5)
      .mul(255.0)
      .round()
      .clamp(0, 255)
      .to(torch::kUInt8)
      .permute({0, 2, 3, 1})
      .contiguous()
      .cpu();
}

ImageBatch to_image_batch(const torch::Tensor& bytes) {
  ImageBatch batch;
  batch.count = static_cast<int>(bytes.size(0));
  batch.side = static_cast<int>(bytes.size(1));
  batch.channels = static_cast<int>(bytes.size(3));
  batch.pixels.assign(bytes.data_ptr<uint8_t>(), bytes.data_ptr<uint8_t>() + bytes.numel());
  return batch;
}

RunConfig conditional_config(RunConfig config, const ImageSet& images) {
  if (!config.model.conditional) return config;
  if (!images.labelled()) {
    throw ConfigError(config.where(keys::kConditional) + keys::kConditional + " needs a labelled " +
                      "data set, and " + images.source +
                      " has no labels (IDX: a *-labels-idx1-ubyte file beside the images; a " +
                      "folder: one sub-folder per class)");
  }
  const int classes = images.class_count();
  if (classes < 2) {
    throw ConfigError(config.where(keys::kConditional) + keys::kConditional + " needs at least 2 " +
                      "classes, and " + images.source + " has " + std::to_string(classes));
  }
  if (config.model.classes != 0 && config.model.classes != classes) {
    throw ConfigError(config.where(keys::kClasses) + keys::kClasses + " is " +
                      std::to_string(config.model.classes) + ", but " + images.source + " has " +
                      std::to_string(classes) + " classes");
  }
  config.model.classes = classes;
  return config;
}

RunConfig data_set_config(RunConfig config, const ImageSet& images) {
  if (!config.training.augment) {
    config.training.augment =
        images.count < kAugmentBelowImages ? Augment::DiffAugment : Augment::Off;
  }
  if (images.labelled() && images.class_names.size() >= 2)
    config.model.class_names = images.class_names;
  return config;
}

GridLatents grid_latents(const ModelConfig& model, uint64_t seed) {
  at::Generator rng = at::detail::createCPUGenerator(seed ^ kGridStream);
  if (!model.conditional) return {torch::randn({kGridSamples, model.noise_dim}, rng), {}};
  const int64_t rows = grid_samples(model.classes) / kGridColumns;
  const auto columns = torch::randn({kGridColumns, model.noise_dim}, rng);
  return {columns.repeat({rows, 1}),
          torch::arange(rows, torch::kLong).repeat_interleave(kGridColumns)};
}

torch::Tensor cycling_labels(int64_t count, int classes, const torch::Device& device) {
  if (classes <= 0) return {};
  return torch::arange(count, torch::TensorOptions().dtype(torch::kLong))
      .remainder(classes)
      .to(device);
}

void apply_optimizer_settings(TrainingState& state) {
  const TrainingConfig& t = state.config.training;
  auto apply = [&](torch::optim::Adam& optimizer, double learning_rate) {
    for (auto& group : optimizer.param_groups()) {
      auto& options = static_cast<torch::optim::AdamOptions&>(group.options());
      options.lr(learning_rate).betas(std::make_tuple(*t.beta1, *t.beta2)).eps(*t.epsilon);
    }
  };
  apply(*state.d_optimizer, *t.learning_rate_d);
  apply(*state.g_optimizer, *t.learning_rate_g);
}

TrainingState make_training_state(const RunConfig& config, const ImageSet& images) {
  if (!config.model.preset || !config.training.learning_rate_d) {
    throw Error("internal: make_training_state needs a resolved configuration");
  }
  keep_freed_memory_for_reuse();
  TrainingState state;
  state.config = config;
  state.device = parse_device(config.training.device);
  const int threads = config.training.threads > 0
                          ? config.training.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (at::get_num_threads() != threads) at::set_num_threads(threads);

  if (state.device.is_cuda()) {
    // cuDNN picks the fastest convolution algorithm for our fixed shapes; fp32 products may use
    // TF32 tensor cores (PyTorch's default for cuDNN convolutions, here for cuBLAS too).
    at::globalContext().setBenchmarkCuDNN(true);
    at::globalContext().setAllowTF32CuDNN(true);
    at::globalContext().setAllowTF32CuBLAS(true);
  }
  const auto seed = static_cast<uint64_t>(config.training.seed);
  // Weights are drawn on the CPU from their own stream, so they are the same on every device.
  at::Generator init_rng = at::detail::createCPUGenerator(seed ^ kInitStream);
  // Networks too large for the machine are refused before a weight is allocated (a width of 4096
  // would otherwise take the machine's memory for minutes before its first iteration). On a GPU,
  // its allocator says so at once.
  if (state.device.is_cpu()) {
    const std::string refusal = memory_refusal(config, available_memory_bytes());
    if (!refusal.empty()) throw Error(refusal);
  }
  const ImageShape shape = image_shape(config);
  state.generator = make_generator(config.model, shape);
  state.discriminator = make_discriminator(config.model, shape);
  initialize_weights(*state.generator, *config.model.preset, init_rng);
  initialize_weights(*state.discriminator, *config.model.preset, init_rng);
  const GridLatents grid = grid_latents(config.model, seed);
  state.fixed_z = grid.z.to(state.device);
  if (grid.labels.defined()) state.fixed_labels = grid.labels.to(state.device);

  if (state.device.is_cuda()) {
    state.rng = at::globalContext().defaultGenerator(state.device);
    state.rng.set_current_seed(seed);
  } else {
    state.rng = at::detail::createCPUGenerator(seed);
  }
  state.generator->to(state.device);
  state.discriminator->to(state.device);
  state.channels_last = config.training.memory_format == MemoryFormat::ChannelsLast;
  state.augment.set_probability(config.training.augment == Augment::DiffAugment ? 1.0 : 0.0);
  if (state.channels_last) {
    state.generator->to_channels_last();
    state.discriminator->to_channels_last();
  }
  state.generator->set_dropout_generator(state.rng);
  state.discriminator->set_dropout_generator(state.rng);
  if (*config.training.g_average > 0) {
    state.generator_average = make_generator(config.model, shape);
    state.generator_average->to(state.device);
    if (state.channels_last) state.generator_average->to_channels_last();
    for (auto& parameter : state.generator_average->parameters()) {
      parameter.set_requires_grad(false);
    }
    state.generator_average->eval();
    update_generator_average(state, /*reset=*/true);
  }

  const TrainingConfig& t = config.training;
  state.g_optimizer = std::make_unique<torch::optim::Adam>(state.generator->parameters(),
                                                           adam_options(t, *t.learning_rate_g));
  state.d_optimizer = std::make_unique<torch::optim::Adam>(state.discriminator->parameters(),
                                                           adam_options(t, *t.learning_rate_d));
  if (!images.has_shape(shape)) {
    throw Error("internal: the data set's images are " + std::to_string(images.channels) + " x " +
                std::to_string(images.rows) + " x " + std::to_string(images.cols) +
                ", the networks take " + std::to_string(shape.channels) + " x " +
                std::to_string(shape.side) + " x " + std::to_string(shape.side));
  }
  state.images = images_to_tensor(images, state.device);
  if (config.model.conditional) {
    state.labels = torch::from_blob(const_cast<uint8_t*>(images.labels.data()),
                                    {static_cast<int64_t>(images.labels.size())}, torch::kUInt8)
                       .to(torch::kLong)
                       .to(state.device);
  }
  set_local_batch(state, t.batch_size);
  return state;
}

void set_local_batch(TrainingState& state, int64_t batch) {
  state.batch = batch;
  state.share = static_cast<double>(batch) / state.config.training.batch_size;
  const auto label_options = torch::TensorOptions().device(state.device).dtype(torch::kFloat32);
  state.real_labels = torch::ones({batch, 1}, label_options);
  state.fake_labels = torch::zeros({batch, 1}, label_options);
}

Network& sampling_generator(TrainingState& state) {
  return state.generator_average ? *state.generator_average : *state.generator;
}

const Network& sampling_generator(const TrainingState& state) {
  return state.generator_average ? *state.generator_average : *state.generator;
}

void update_generator_average(TrainingState& state, bool reset) {
  if (!state.generator_average) return;
  torch::NoGradGuard no_grad;
  const double t = static_cast<double>(state.iteration);
  const double decay = reset ? 0.0 : std::min(*state.config.training.g_average, (1 + t) / (10 + t));
  const auto average = state.generator_average->parameters();
  const auto current = state.generator->parameters();
  for (size_t i = 0; i < average.size(); ++i) {
    if (decay == 0.0) {
      average[i].copy_(current[i]);
    } else {
      average[i].lerp_(current[i], 1.0 - decay);
    }
  }
  const auto average_buffers = state.generator_average->buffers();
  const auto current_buffers = state.generator->buffers();
  for (size_t i = 0; i < average_buffers.size(); ++i) average_buffers[i].copy_(current_buffers[i]);
}

}  // namespace gs
