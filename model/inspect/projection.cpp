#include "model/inspect/projection.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/autograd.h>
#include <torch/optim/adam.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/config/config.h"
#include "model/data/image_files.h"
#include "model/io/error.h"
#include "model/quality/meter_access.h"
#include "model/quality/meter_tensors.h"
#include "model/sampling/sampler.h"
#include "model/sampling/sampler_access.h"
#include "model/training/training_state.h"

namespace gs {

namespace {

double mean_brightness(const std::vector<uint8_t>& pixels) {
  if (pixels.empty()) return 0;
  const double sum = std::accumulate(pixels.begin(), pixels.end(), 0.0);
  return sum / (255.0 * static_cast<double>(pixels.size()));
}

}  // namespace

ImageBatch projection_target(const Image& picture, Sampler& sampler, bool* inverted) {
  const ImageShape shape = image_shape(sampler.config());
  Image fitted = fit_square(with_channels(picture, shape.channels), shape.side);
  // Light strokes on a dark ground (MNIST) or the other way round: the generator's own images say.
  const double drawn = mean_brightness(fitted.pixels);
  const double generated =
      mean_brightness(sampler.generate(64, 1, sampler.classes() > 0 ? 0 : -1).pixels);
  // Only when both are clearly one way: an untrained generator's grey images say nothing.
  constexpr double kClear = 0.1;
  const bool invert = std::abs(generated - 0.5) >= kClear && std::abs(drawn - 0.5) >= kClear &&
                      (drawn - 0.5) * (generated - 0.5) < 0;
  if (invert) {
    for (uint8_t& p : fitted.pixels) p = static_cast<uint8_t>(255 - p);
  }
  if (inverted) *inverted = invert;
  ImageBatch batch;
  batch.count = 1;
  batch.side = shape.side;
  batch.channels = shape.channels;
  batch.pixels = std::move(fitted.pixels);
  return batch;
}

Projection project(Sampler& sampler, const ImageBatch& target, const ProjectionOptions& options,
                   const QualityMeter* meter) {
  const ImageShape shape = image_shape(sampler.config());
  if (target.count != 1 || target.side != shape.side || target.channels != shape.channels) {
    throw Error("the image to project must be one " + std::to_string(shape.side) + " x " +
                std::to_string(shape.side) + " image of " + std::to_string(shape.channels) +
                " channel(s), as the generator draws");
  }
  if (options.steps < 0 || options.starts < 1) throw Error("projection: steps >= 0, starts >= 1");
  const std::shared_ptr<Network> generator = SamplerAccess::generator(sampler);
  const torch::Device device = SamplerAccess::device(sampler);
  generator->eval();
  const torch::Tensor x = quality::batch_to_tensor(target).to(device);  // [1, C, S, S] in -1..1

  // The classifier's features of the target, when the meter reads images of this shape.
  Classifier classifier{nullptr};
  torch::Tensor target_features;
  int read_class = -1;
  if (meter && MeterAccess::shape(*meter).side == shape.side &&
      MeterAccess::shape(*meter).channels == shape.channels) {
    classifier = MeterAccess::classifier(*meter);
    classifier->eval();
    torch::NoGradGuard no_grad;
    target_features = classifier->features(x.to(torch::kCPU));
    if (classifier->classes() > 0) {
      read_class = static_cast<int>(classifier->logits(target_features).argmax(1).item<int64_t>());
    }
  }

  // The starts: for a conditional generator, each candidate class gets `starts` of them.
  std::vector<int> classes;
  if (sampler.classes() > 0) {
    if (read_class >= 0 && read_class < sampler.classes()) {
      classes = {read_class};
    } else {
      classes.resize(static_cast<size_t>(sampler.classes()));
      std::iota(classes.begin(), classes.end(), 0);
    }
  }
  const int64_t per_class = options.starts;
  const int64_t count = per_class * static_cast<int64_t>(std::max<size_t>(1, classes.size()));
  torch::Tensor labels;
  if (!classes.empty()) {
    std::vector<int64_t> each;
    for (const int c : classes) each.insert(each.end(), static_cast<size_t>(per_class), c);
    labels = torch::tensor(each, torch::kLong).to(device);
  }
  at::Generator rng = at::detail::createCPUGenerator(options.seed);
  torch::Tensor z = torch::randn({count, sampler.noise_dim()}, rng).to(device);
  z.requires_grad_(true);
  torch::optim::Adam optimizer({z}, torch::optim::AdamOptions(options.learning_rate));

  Projection result;
  auto pixel_errors = [&](const torch::Tensor& images) {
    return (images - x).abs().mean({1, 2, 3}) / 2;  // 0..1 of the pixel range
  };
  for (int step = 0; step < options.steps; ++step) {
    const torch::Tensor images = generator->conditioned(z, labels);
    const torch::Tensor errors = pixel_errors(images.detach());
    if (step == 0) result.start_pixel_error = errors.min().item<double>();
    if (options.image_progress && step % std::max(1, options.image_every) == 0) {
      options.image_progress(step,
                             to_image_batch(unit_range_to_bytes(
                                 images.detach()[errors.argmin().item<int64_t>()].unsqueeze(0))));
    }
    torch::Tensor loss = (images - x).pow(2).mean({1, 2, 3});
    if (classifier) {
      const torch::Tensor features = classifier->features(images.to(torch::kCPU));
      loss = loss + options.perceptual_weight *
                        (features - target_features).pow(2).mean(1).to(device) /
                        target_features.pow(2).mean().clamp_min(1e-6).to(device);
    }
    loss = loss + options.prior_weight * (z.pow(2).mean(1) - 1).pow(2);
    const std::vector<torch::Tensor> gradients = torch::autograd::grad({loss.sum()}, {z});
    z.mutable_grad() = gradients[0];
    optimizer.step();
    result.steps = step + 1;
    if (options.progress && !options.progress(step + 1, errors.min().item<double>())) {
      result.cancelled = true;
      break;
    }
  }

  torch::NoGradGuard no_grad;
  const torch::Tensor images = generator->conditioned(z, labels);
  const torch::Tensor errors = pixel_errors(images);
  if (options.steps == 0) result.start_pixel_error = errors.min().item<double>();
  const int64_t best = errors.argmin().item<int64_t>();
  const torch::Tensor best_z = z.detach()[best].to(torch::kCPU).contiguous();
  result.z.assign(best_z.data_ptr<float>(), best_z.data_ptr<float>() + best_z.numel());
  result.class_index = classes.empty() ? -1 : classes[static_cast<size_t>(best / per_class)];
  result.image = sampler.render(
      result.z, classes.empty() ? std::vector<int>{} : std::vector<int>{result.class_index});
  result.pixel_error = errors[best].item<double>();
  if (classifier && classifier->classes() > 0) {
    result.picture_class = read_class;
    result.projection_class = static_cast<int>(
        classifier->logits(classifier->features(images[best].unsqueeze(0).to(torch::kCPU)))
            .argmax(1)
            .item<int64_t>());
  }
  return result;
}

}  // namespace gs
