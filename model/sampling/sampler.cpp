#include "model/sampling/sampler.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/serialize/input-archive.h>

#include <algorithm>

#include "model/config/keys.h"
#include "model/core/grid.h"
#include "model/core/visible_text.h"
#include "model/io/error.h"
#include "model/networks/networks.h"
#include "model/sampling/sampler_access.h"
#include "model/training/checkpoint.h"
#include "model/training/training_state.h"

namespace gs {

struct Sampler::Impl {
  RunConfig config;
  torch::Device device{torch::kCPU};
  std::shared_ptr<Network> generator;
  std::vector<float> grid_latents;
  std::vector<int> grid_labels;
};

namespace {

constexpr int64_t kChunk = 256;  // images generated per forward pass

}  // namespace

std::unique_ptr<Sampler::Impl> Sampler::make_impl(const RunConfig& config,
                                                  const std::string& device) {
  auto impl = std::make_unique<Sampler::Impl>();
  impl->config = config;
  impl->device = parse_device(device);
  impl->generator = make_generator(config.model, image_shape(config));
  impl->generator->to(impl->device);
  impl->generator->eval();
  return impl;
}

Sampler::Sampler(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Sampler::~Sampler() = default;
Sampler::Sampler(Sampler&&) noexcept = default;
Sampler& Sampler::operator=(Sampler&&) noexcept = default;

Sampler Sampler::from_checkpoint(const std::string& path, const std::string& device,
                                 Source source) {
  const RunConfig config =
      parse_config(checkpoint_config_text(path), path + " (stored configuration)");
  auto impl = make_impl(config, device);
  torch::Tensor fixed_z;
  load_generator(*impl->generator, path, impl->device, &fixed_z, source == Source::Average);
  fixed_z = fixed_z.to(torch::kCPU).to(torch::kFloat32).contiguous();
  const int64_t cells = grid_samples(conditional_classes(config.model));
  if (fixed_z.numel() != cells * config.model.noise_dim) {
    throw Error(path + ": its fixed latent batch holds " + std::to_string(fixed_z.numel()) +
                " values, its configuration needs " +
                std::to_string(cells * config.model.noise_dim));
  }
  impl->grid_latents.assign(fixed_z.data_ptr<float>(), fixed_z.data_ptr<float>() + fixed_z.numel());
  const torch::Tensor labels = gs::grid_latents(config.model, 0).labels;
  if (labels.defined()) {
    impl->grid_labels.assign(labels.data_ptr<int64_t>(),
                             labels.data_ptr<int64_t>() + labels.numel());
  }
  return Sampler(std::move(impl));
}

Sampler Sampler::from_weights(const RunConfig& config, const std::string& weights,
                              const std::string& device) {
  auto impl = make_impl(config, device);
  load_network_weights(*impl->generator, weights, impl->device, "the generator's weights");
  return Sampler(std::move(impl));
}

const RunConfig& Sampler::config() const { return impl_->config; }
const std::vector<float>& Sampler::grid_latents() const { return impl_->grid_latents; }
const std::vector<int>& Sampler::grid_labels() const { return impl_->grid_labels; }
int Sampler::classes() const { return conditional_classes(impl_->config.model); }

std::vector<std::string> Sampler::class_names() const {
  const int count = classes();
  const std::vector<std::string>& named = impl_->config.model.class_names;
  if (static_cast<int>(named.size()) == count) return named;
  std::vector<std::string> numbers;
  numbers.reserve(static_cast<size_t>(std::max(count, 0)));
  for (int c = 0; c < count; ++c) numbers.push_back(std::to_string(c));
  return numbers;
}

int Sampler::class_of(const std::string& text) const {
  const std::vector<std::string> names = class_names();
  if (names.empty()) throw Error("this generator is not conditional: it draws no class");
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return static_cast<int>(i);
  }
  const bool number =
      !text.empty() && text.size() <= 4 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (number) return std::stoi(text);  // generate() refuses one out of range
  std::string known;
  for (size_t i = 0; i < names.size(); ++i) known += (i ? ", " : "") + names[i];
  throw Error("no class '" + visible_text(text) + "': the classes are " + known +
              " (or their numbers, 0 to " + std::to_string(names.size() - 1) + ")");
}

int Sampler::noise_dim() const { return impl_->config.model.noise_dim; }

std::vector<float> Sampler::latent_vectors(int64_t count, uint64_t seed) const {
  at::Generator rng = at::detail::createCPUGenerator(seed);
  const torch::Tensor z = torch::randn({count, noise_dim()}, rng);
  return std::vector<float>(z.data_ptr<float>(), z.data_ptr<float>() + z.numel());
}

std::vector<int> Sampler::labels_for(int64_t count, int class_index) const {
  const int n = classes();
  if (n == 0) {
    if (class_index >= 0) {
      throw Error(std::string("this generator is not conditional: it draws no chosen class (train "
                              "it with ") +
                  keys::kConditional + ": true)");
    }
    return {};
  }
  if (class_index >= n) {
    throw Error("class " + std::to_string(class_index) + " is out of range: this generator has " +
                std::to_string(n) + " classes, 0 to " + std::to_string(n - 1));
  }
  std::vector<int> labels(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    labels[static_cast<size_t>(i)] = class_index >= 0 ? class_index : static_cast<int>(i % n);
  }
  return labels;
}

std::vector<float> with_one_hot(const std::vector<float>& z, int noise_dim,
                                const std::vector<int>& labels, int classes) {
  if (classes <= 0 || noise_dim <= 0) return z;
  const size_t count = z.size() / static_cast<size_t>(noise_dim);
  std::vector<float> out;
  out.reserve(count * static_cast<size_t>(noise_dim + classes));
  for (size_t i = 0; i < count; ++i) {
    out.insert(out.end(), z.begin() + static_cast<ptrdiff_t>(i * noise_dim),
               z.begin() + static_cast<ptrdiff_t>((i + 1) * noise_dim));
    for (int c = 0; c < classes; ++c) {
      out.push_back(i < labels.size() && labels[i] == c ? 1.0f : 0.0f);
    }
  }
  return out;
}

int Sampler::input_dim() const { return noise_dim() + classes(); }

ImageBatch Sampler::render_inputs(const std::vector<float>& inputs) {
  const int classes = this->classes();
  if (classes == 0) return render(inputs);
  const int64_t width = input_dim();
  if (inputs.size() % static_cast<size_t>(width) != 0) {
    throw Error("inputs must have " + std::to_string(width) + " values each");
  }
  const int64_t count = static_cast<int64_t>(inputs.size()) / width;
  const torch::Tensor all =
      torch::from_blob(const_cast<float*>(inputs.data()), {count, width}).to(impl_->device);
  return to_image_batch(generate_bytes(*impl_->generator, all.slice(1, 0, noise_dim()),
                                       all.slice(1, noise_dim(), width)));
}

ImageBatch Sampler::generate(int64_t count, uint64_t seed, int class_index) {
  return render(latent_vectors(count, seed), labels_for(count, class_index));
}

ImageBatch Sampler::render(const std::vector<float>& z, std::vector<int> labels) {
  const int64_t dim = noise_dim();
  if (z.size() % static_cast<size_t>(dim) != 0) {
    throw Error("latent vectors must have " + std::to_string(dim) + " values each");
  }
  const int64_t count = static_cast<int64_t>(z.size()) / dim;
  if (labels.empty()) labels = labels_for(count, -1);
  if (classes() > 0 && static_cast<int64_t>(labels.size()) != count) {
    throw Error("a class per latent vector is needed: " + std::to_string(count) + " vectors, " +
                std::to_string(labels.size()) + " classes");
  }
  ImageBatch batch;
  const ImageShape shape = image_shape(impl_->config);
  batch.count = static_cast<int>(count);
  batch.side = shape.side;
  batch.channels = shape.channels;
  batch.pixels.reserve(static_cast<size_t>(count) * batch.image_bytes());
  const torch::Tensor all = torch::from_blob(const_cast<float*>(z.data()), {count, dim});
  const torch::Tensor all_labels =
      labels.empty() ? torch::Tensor()
                     : torch::from_blob(labels.data(), {count}, torch::kInt).to(torch::kLong);
  for (int64_t start = 0; start < count; start += kChunk) {
    const int64_t end = std::min(count, start + kChunk);
    const auto chunk = all.slice(0, start, end).to(impl_->device);
    const torch::Tensor chunk_labels =
        all_labels.defined() ? all_labels.slice(0, start, end).to(impl_->device) : torch::Tensor();
    const torch::Tensor bytes = generate_bytes(*impl_->generator, chunk, chunk_labels);
    batch.pixels.insert(batch.pixels.end(), bytes.data_ptr<uint8_t>(),
                        bytes.data_ptr<uint8_t>() + bytes.numel());
  }
  return batch;
}

}  // namespace gs

namespace gs {

std::shared_ptr<Network> SamplerAccess::generator(Sampler& sampler) {
  return sampler.impl_->generator;
}

torch::Device SamplerAccess::device(const Sampler& sampler) { return sampler.impl_->device; }

}  // namespace gs
