#include "model/sampling/sampler.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/serialize/input-archive.h>

#include "model/core/grid.h"
#include "model/io/error.h"
#include "model/networks/networks.h"
#include "model/training/checkpoint.h"
#include "model/training/training_state.h"

namespace gs {

struct Sampler::Impl {
  RunConfig config;
  torch::Device device{torch::kCPU};
  std::shared_ptr<Network> generator;
  std::vector<float> grid_latents;
};

namespace {

constexpr int64_t kChunk = 256;  // images generated per forward pass

}  // namespace

std::unique_ptr<Sampler::Impl> Sampler::make_impl(const RunConfig& config,
                                                  const std::string& device) {
  auto impl = std::make_unique<Sampler::Impl>();
  impl->config = config;
  impl->device = parse_device(device);
  impl->generator = make_generator(config.model);
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
  if (fixed_z.numel() != int64_t{kGridSamples} * config.model.noise_dim) {
    throw Error(path + ": its fixed latent batch holds " + std::to_string(fixed_z.numel()) +
                " values, its configuration needs " +
                std::to_string(int64_t{kGridSamples} * config.model.noise_dim));
  }
  impl->grid_latents.assign(fixed_z.data_ptr<float>(), fixed_z.data_ptr<float>() + fixed_z.numel());
  return Sampler(std::move(impl));
}

Sampler Sampler::from_weights(const RunConfig& config, const std::string& weights,
                              const std::string& device) {
  auto impl = make_impl(config, device);
  torch::serialize::InputArchive archive;
  archive.load_from(weights.data(), weights.size(), impl->device);
  impl->generator->load(archive);
  return Sampler(std::move(impl));
}

const RunConfig& Sampler::config() const { return impl_->config; }
const std::vector<float>& Sampler::grid_latents() const { return impl_->grid_latents; }
int Sampler::noise_dim() const { return impl_->config.model.noise_dim; }

std::vector<float> Sampler::latent_vectors(int64_t count, uint64_t seed) const {
  at::Generator rng = at::detail::createCPUGenerator(seed);
  const torch::Tensor z = torch::randn({count, noise_dim()}, rng);
  return std::vector<float>(z.data_ptr<float>(), z.data_ptr<float>() + z.numel());
}

ImageBatch Sampler::generate(int64_t count, uint64_t seed) {
  return render(latent_vectors(count, seed));
}

ImageBatch Sampler::render(const std::vector<float>& z) {
  const int64_t dim = noise_dim();
  if (z.size() % static_cast<size_t>(dim) != 0) {
    throw Error("latent vectors must have " + std::to_string(dim) + " values each");
  }
  const int64_t count = static_cast<int64_t>(z.size()) / dim;
  ImageBatch batch;
  batch.count = static_cast<int>(count);
  batch.side = kImageSide;
  batch.pixels.reserve(static_cast<size_t>(count) * kImageSide * kImageSide);
  const torch::Tensor all = torch::from_blob(const_cast<float*>(z.data()), {count, dim});
  for (int64_t start = 0; start < count; start += kChunk) {
    const auto chunk = all.slice(0, start, std::min(count, start + kChunk)).to(impl_->device);
    const torch::Tensor bytes = generate_bytes(*impl_->generator, chunk);
    batch.pixels.insert(batch.pixels.end(), bytes.data_ptr<uint8_t>(),
                        bytes.data_ptr<uint8_t>() + bytes.numel());
  }
  return batch;
}

}  // namespace gs
