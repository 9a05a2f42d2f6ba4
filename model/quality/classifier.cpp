#include "model/quality/classifier.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/functional/loss.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/functional/vision.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/adam.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace gs {

namespace F = torch::nn::functional;
namespace nn = torch::nn;

namespace {

// The first convolution's stride: larger pictures come down to about 28 x 28 there.
int first_stride(int side) { return std::max(1, side / 28); }

}  // namespace

ClassifierImpl::ClassifierImpl(int classes, int channels, int side) : classes_(classes) {
  conv1_ = register_module(
      "conv1",
      nn::Conv2d(nn::Conv2dOptions(channels, 16, 5).padding(2).stride(first_stride(side))));
  conv2_ = register_module("conv2", nn::Conv2d(nn::Conv2dOptions(16, 32, 5).padding(2)));
  dense_ = register_module("dense", nn::Linear(32 * 7 * 7, kFeatureDim));
  out_ = register_module("out", nn::Linear(kFeatureDim, classes));
}

torch::Tensor ClassifierImpl::features(const torch::Tensor& images) {
  auto x = F::max_pool2d(torch::relu(conv1_->forward(images)), F::MaxPool2dFuncOptions(2));
  x = F::max_pool2d(torch::relu(conv2_->forward(x)), F::MaxPool2dFuncOptions(2));
  if (x.size(2) != 7 || x.size(3) != 7) {
    x = F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions({7, 7}));
  }
  return torch::relu(dense_->forward(x.flatten(1)));
}

torch::Tensor ClassifierImpl::logits(const torch::Tensor& features) {
  return out_->forward(features);
}

Classifier make_classifier(int classes, uint64_t seed, int channels, int side) {
  Classifier classifier(classes, channels, side);
  at::Generator rng = at::detail::createCPUGenerator(seed);
  torch::NoGradGuard no_grad;
  for (auto& item : classifier->named_parameters()) {
    torch::Tensor& tensor = item.value();
    if (item.key().find("bias") != std::string::npos) {
      tensor.zero_();
    } else {
      // He-uniform for ReLU networks: the features have a sensible spread even untrained.
      const int64_t fan_in = tensor.numel() / tensor.size(0);
      const double limit = std::sqrt(6.0 / static_cast<double>(fan_in));
      tensor.uniform_(-limit, limit, rng);
    }
  }
  return classifier;
}

namespace {

// Each image moved by a whole number of pixels, up to `shift` in x and y (background -1 fills in):
// one nearest-neighbour resampling for the whole batch.
torch::Tensor shifted(const torch::Tensor& batch, int shift, at::Generator& rng) {
  if (shift <= 0) return batch;
  const int64_t n = batch.size(0);
  const auto pixels =
      torch::randint(-shift, shift + 1, {n, 2}, rng, torch::kLong).to(torch::kFloat32);
  auto theta = torch::zeros({n, 2, 3});
  theta.select(2, 0).select(1, 0).fill_(1);
  theta.select(2, 1).select(1, 1).fill_(1);
  theta.select(2, 2).copy_(pixels * (-2.0 / static_cast<double>(batch.size(3))));
  const auto grid = F::affine_grid(theta, batch.sizes(), /*align_corners=*/false);
  return F::grid_sample(batch + 1, grid,
                        F::GridSampleFuncOptions()
                            .mode(torch::kNearest)
                            .padding_mode(torch::kZeros)
                            .align_corners(false)) -
         1;
}

}  // namespace

void train_classifier(Classifier& classifier, const torch::Tensor& images,
                      const torch::Tensor& labels, const ClassifierTraining& options) {
  at::Generator rng = at::detail::createCPUGenerator(options.seed);
  torch::optim::Adam optimizer(classifier->parameters(),
                               torch::optim::AdamOptions(options.learning_rate));
  classifier->train();
  const int64_t count = images.size(0);
  const int64_t batches = std::max<int64_t>(1, count / options.batch_size);
  const int64_t total = std::min<int64_t>(
      options.max_steps, std::max<int64_t>(options.min_steps, batches * options.epochs));
  const int shift = options.max_shift * std::max<int64_t>(1, images.size(3) / 28);
  const int64_t decay_at = total * 2 / 3;  // the last third at a tenth of the learning rate
  int64_t step = 0;
  while (step < total) {
    const auto order = torch::randperm(count, rng, torch::kLong);
    for (int64_t b = 0; b < batches && step < total; ++b, ++step) {
      if (step == decay_at) {
        for (auto& group : optimizer.param_groups()) {
          static_cast<torch::optim::AdamOptions&>(group.options()).lr(options.learning_rate / 10);
        }
      }
      const auto index = order.slice(0, b * options.batch_size, (b + 1) * options.batch_size);
      const auto batch = shifted(images.index_select(0, index), shift, rng);
      optimizer.zero_grad();
      const auto loss = F::cross_entropy(classifier->logits(classifier->features(batch)),
                                         labels.index_select(0, index));
      loss.backward();
      optimizer.step();
      if (options.progress && step % 50 == 0) {
        options.progress(static_cast<double>(step) / static_cast<double>(total));
      }
    }
  }
  classifier->eval();
  if (options.progress) options.progress(1.0);
}

double classifier_accuracy(Classifier& classifier, const torch::Tensor& images,
                           const torch::Tensor& labels) {
  torch::NoGradGuard no_grad;
  classifier->eval();
  int64_t correct = 0;
  for (int64_t start = 0; start < images.size(0); start += 1000) {
    const auto chunk = images.slice(0, start, start + 1000);
    const auto predicted = classifier->logits(classifier->features(chunk)).argmax(1);
    correct += predicted.eq(labels.slice(0, start, start + 1000)).sum().item<int64_t>();
  }
  return images.size(0) > 0 ? static_cast<double>(correct) / static_cast<double>(images.size(0))
                            : 0.0;
}

std::string classifier_weights(Classifier& classifier) {
  torch::serialize::OutputArchive archive;
  classifier->save(archive);
  std::ostringstream out;
  archive.save_to(out);
  return std::move(out).str();
}

void load_classifier_weights(Classifier& classifier, const std::string& bytes) {
  torch::serialize::InputArchive archive;
  archive.load_from(bytes.data(), bytes.size(), torch::kCPU);
  classifier->load(archive);
  classifier->eval();
}

}  // namespace gs
