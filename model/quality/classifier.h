// The quality meter's feature extractor (internal: includes LibTorch): a LeNet-sized CNN over
// images in -1..1 (the GAN's own scaling), trained by GanStudio itself: 28 x 28 grayscale for
// grayscale data, RGB at the run's size for colour data.
//   conv 16@5x5 (same; stride side / 28 above 28 x 28) -> ReLU -> max-pool 2
//   -> conv 32@5x5 (same) -> ReLU -> max-pool 2 -> average-pool to 7 x 7 (when not already)
//   -> dense 128 -> ReLU (the features) -> dense classes (the logits)
// About 215,000 parameters and 6 MFLOP per image at 28 x 28 (9 at 64 x 64 in RGB): a thousand
// samples cost a few tens of milliseconds on a CPU.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <string>

namespace gs {

inline constexpr int kFeatureDim = 128;

class ClassifierImpl : public torch::nn::Module {
 public:
  // Grayscale 28 x 28 by default (the shipped digits classifier's shape).
  explicit ClassifierImpl(int classes, int channels = 1, int side = 28);
  int classes() const { return classes_; }
  // [N, channels, side, side] in -1..1 -> [N, kFeatureDim]
  torch::Tensor features(const torch::Tensor& images);
  // [N, kFeatureDim] -> [N, classes]
  torch::Tensor logits(const torch::Tensor& features);

 private:
  int classes_;
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::Linear dense_{nullptr}, out_{nullptr};
};
TORCH_MODULE(Classifier);

// A classifier for `channels` x `side` x `side` images with weights drawn from `seed`.
Classifier make_classifier(int classes, uint64_t seed, int channels = 1, int side = 28);

struct ClassifierTraining {
  int epochs = 15;
  int64_t max_steps = 2000;  // bounds the time on large data sets (under a minute on a CPU)
  int batch_size = 64;
  double learning_rate = 1e-3;
  int max_shift = 2;        // random translations of up to this many pixels (at 28 x 28; scaled)
  int64_t min_steps = 600;  // small data sets get more epochs than `epochs`
  uint64_t seed = 1;
  std::function<void(double fraction)> progress;  // called now and then, 0..1
};

// Trains on `images` ([N, channels, side, side] in -1..1) with `labels` ([N] int64),
// deterministically for a given seed and thread count.
void train_classifier(Classifier& classifier, const torch::Tensor& images,
                      const torch::Tensor& labels, const ClassifierTraining& options);

// The share of `images` whose argmax matches `labels`.
double classifier_accuracy(Classifier& classifier, const torch::Tensor& images,
                           const torch::Tensor& labels);

// The weights as LibTorch archive bytes, and back.
std::string classifier_weights(Classifier& classifier);
void load_classifier_weights(Classifier& classifier, const std::string& bytes);

}  // namespace gs
