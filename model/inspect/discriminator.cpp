#include "model/inspect/discriminator.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/autograd.h>
#include <torch/serialize/input-archive.h>

#include <algorithm>
#include <cmath>

#include "model/io/error.h"
#include "model/networks/networks.h"
#include "model/quality/meter_tensors.h"
#include "model/training/checkpoint.h"
#include "model/training/inference_scope.h"
#include "model/training/losses.h"
#include "model/training/training_state.h"

namespace gs {

struct Discriminator::Impl {
  RunConfig config;
  torch::Device device{torch::kCPU};
  std::shared_ptr<Network> network;
};

std::unique_ptr<Discriminator::Impl> Discriminator::make_impl(const RunConfig& config,
                                                              const std::string& device) {
  auto impl = std::make_unique<Discriminator::Impl>();
  impl->config = config;
  impl->device = parse_device(device);
  impl->network = make_discriminator(config.model, image_shape(config));
  impl->network->to(impl->device);
  impl->network->eval();
  return impl;
}

namespace {

void check_shape(const ImageBatch& batch, const ImageShape& shape, const char* what) {
  const bool sized = batch.pixels.size() == static_cast<size_t>(batch.count) * batch.image_bytes();
  if (!sized || batch.side != shape.side || batch.channels != shape.channels) {
    throw Error(std::string(what) + " must be images of " + std::to_string(shape.side) + " x " +
                std::to_string(shape.side) + " pixels and " + std::to_string(shape.channels) +
                " channel(s), as D judges");
  }
}

}  // namespace

Discriminator::Discriminator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Discriminator::~Discriminator() = default;
Discriminator::Discriminator(Discriminator&&) noexcept = default;
Discriminator& Discriminator::operator=(Discriminator&&) noexcept = default;

Discriminator Discriminator::from_checkpoint(const std::string& path, const std::string& device) {
  const RunConfig config =
      parse_config(checkpoint_config_text(path), path + " (stored configuration)");
  auto impl = make_impl(config, device);
  load_discriminator(*impl->network, path, impl->device);
  return Discriminator(std::move(impl));
}

Discriminator Discriminator::from_weights(const RunConfig& config, const std::string& weights,
                                          const std::string& device) {
  auto impl = make_impl(config, device);
  load_network_weights(*impl->network, weights, impl->device, "the discriminator's weights");
  return Discriminator(std::move(impl));
}

const RunConfig& Discriminator::config() const { return impl_->config; }

Saliency Discriminator::saliency(const ImageBatch& image, int class_index,
                                 const ImageBatch& context, const std::vector<int>& context_classes,
                                 const SaliencyOptions& options) {
  const ImageShape shape = image_shape(impl_->config);
  if (image.count != 1) throw Error("where D looks: one image at a time");
  check_shape(image, shape, "the image D judges");
  if (context.count > 0) check_shape(context, shape, "the images judged beside it");
  const int samples = std::max(1, options.samples);
  Network& network = *impl_->network;
  const int classes = network.classes();
  if (classes > 0 && (class_index < 0 || class_index >= classes)) {
    throw Error("class " + std::to_string(class_index) + " is out of range: D judges " +
                std::to_string(classes) + " classes");
  }
  if (classes > 0 && context.count > 0 &&
      static_cast<int>(context_classes.size()) != context.count) {
    throw Error("a class per image judged beside it is needed");
  }

  InferenceScope scope(network, /*batch_statistics=*/true);
  const torch::Device device = impl_->device;
  const torch::Tensor x = quality::batch_to_tensor(image).to(device);  // [1, C, S, S]
  at::Generator rng = at::detail::createCPUGenerator(options.seed);
  torch::Tensor noise = torch::randn({samples, shape.channels, shape.side, shape.side}, rng)
                            .mul(options.noise * 2.0)  // the pixel range -1..1 is 2 wide
                            .to(device);
  noise[0].zero_();  // the first is the image itself
  torch::Tensor copies = (x + noise).detach().requires_grad_(true);
  torch::Tensor batch = copies;
  if (context.count > 0)
    batch = torch::cat({copies, quality::batch_to_tensor(context).to(device)}, 0);
  torch::Tensor labels;
  if (classes > 0) {
    std::vector<int64_t> each(static_cast<size_t>(samples), class_index);
    each.insert(each.end(), context_classes.begin(), context_classes.end());
    labels = torch::tensor(each, torch::kLong).to(device);
  }
  const torch::Tensor outputs = network.conditioned(batch, labels).reshape({-1});
  const std::vector<torch::Tensor> gradients =
      torch::autograd::grad({outputs.slice(0, 0, samples).sum()}, {copies});
  // [samples, C, S, S] -> the mean over the copies, summed over the channels: [S, S].
  const torch::Tensor map =
      gradients[0].mean(0).sum(0).to(torch::kCPU, torch::kFloat32).contiguous();

  Saliency result;
  result.side = shape.side;
  result.largest = map.abs().max().item<double>();
  const torch::Tensor scaled =
      result.largest > 0 && std::isfinite(result.largest) ? map / result.largest : map.zero_();
  result.values.assign(scaled.data_ptr<float>(), scaled.data_ptr<float>() + scaled.numel());
  const Loss loss = impl_->config.training.loss.value_or(Loss::Bce);
  result.score =
      reported_outputs(loss, outputs.slice(0, 0, 1).detach().to(torch::kFloat32)).item<double>();
  result.probability = loss != Loss::WganGp;
  return result;
}

}  // namespace gs
