// The quality meter's feature extractor (internal: includes LibTorch): a LeNet-sized CNN over
// 28 x 28 grayscale images in -1..1 (the GAN's own scaling), trained by GanStudio itself.
//   conv 16@5x5 (same) -> ReLU -> max-pool 2 -> conv 32@5x5 (same) -> ReLU -> max-pool 2
//   -> dense 128 -> ReLU (the features) -> dense classes (the logits)
// About 215,000 parameters and 6 MFLOP per image: a thousand samples cost a few tens of
// milliseconds on a CPU.
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
  explicit ClassifierImpl(int classes);
  int classes() const { return classes_; }
  // [N, 1, 28, 28] in -1..1 -> [N, kFeatureDim]
  torch::Tensor features(const torch::Tensor& images);
  // [N, kFeatureDim] -> [N, classes]
  torch::Tensor logits(const torch::Tensor& features);

 private:
  int classes_;
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::Linear dense_{nullptr}, out_{nullptr};
};
TORCH_MODULE(Classifier);

// A classifier with weights drawn from `seed` (the features of an untrained network stand in for a
// classifier's on unlabelled data).
Classifier make_classifier(int classes, uint64_t seed);

struct ClassifierTraining {
  int epochs = 15;
  int64_t max_steps = 2000;  // bounds the time on large data sets (under a minute on a CPU)
  int batch_size = 64;
  double learning_rate = 1e-3;
  int max_shift = 2;  // random translations of up to this many pixels
  uint64_t seed = 1;
  std::function<void(double fraction)> progress;  // called now and then, 0..1
};

// Trains on `images` ([N, 1, 28, 28] in -1..1) with `labels` ([N] int64), deterministically for a
// given seed and thread count.
void train_classifier(Classifier& classifier, const torch::Tensor& images,
                      const torch::Tensor& labels, const ClassifierTraining& options);

// The share of `images` whose argmax matches `labels`.
double classifier_accuracy(Classifier& classifier, const torch::Tensor& images,
                           const torch::Tensor& labels);

// The weights as LibTorch archive bytes, and back.
std::string classifier_weights(Classifier& classifier);
void load_classifier_weights(Classifier& classifier, const std::string& bytes);

}  // namespace gs
