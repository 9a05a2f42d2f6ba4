// The two network pairs (internal: includes LibTorch). Shapes follow the presets:
//   seed    - the blog post's Keras DCGAN, Keras defaults included (see docs/ARCHITECTURE.md)
//   compact - the PyTorch C++ DCGAN example's transposed-convolution pair, cheaper on CPUs
// Both take z of shape [B, noise_dim] and images of shape [B, C, S, S] in -1..1; the
// discriminator returns logits [B, 1] (sigmoid and binary cross-entropy are fused in the loss, as
// Keras does).
#pragma once

#include <torch/nn/module.h>
#include <torch/types.h>

#include <functional>
#include <memory>
#include <string>

#include "model/config/config.h"

namespace gs {

class Network : public torch::nn::Module {
 public:
  virtual torch::Tensor forward(const torch::Tensor& input) = 0;
  // With class labels ([B] int64) for a conditional network (classes() > 0); an unconditional
  // one ignores them (they may be undefined).
  virtual torch::Tensor conditioned(const torch::Tensor& input, const torch::Tensor& labels);
  // The classes a conditional network takes; 0 when it is unconditional.
  virtual int classes() const { return 0; }

  // Dropout draws from this generator (the trainer's), so a run is reproducible from its seed and
  // its checkpoint. Without one, dropout draws from LibTorch's global generator.
  void set_dropout_generator(at::Generator generator) { dropout_generator_ = std::move(generator); }

  // Converts 4-d parameters to channels-last (NHWC) memory format; inputs should match.
  void to_channels_last();

  // Observes each block's output during forward (the explorer's view of G's layers): called with
  // the block's name ("block 1", ...) and its activations [B, C, H, W]. None in training: then
  // forward costs one test of an empty function per block.
  using BlockTap = std::function<void(const std::string& block, const torch::Tensor& output)>;
  virtual void set_block_tap(BlockTap tap) { block_tap_ = std::move(tap); }

 protected:
  // Images in the network's memory format. After to_channels_last(), channels-last; a one-channel
  // image is given channels-last strides without a copy (LibTorch keeps its [N, 1, H, W] strides
  // and a convolution would then answer in NCHW, converted back and forth at every later layer).
  torch::Tensor as_input(const torch::Tensor& images) const;

  torch::Tensor dropout(const torch::Tensor& x, double p);

  // `x`, shown to the block tap when there is one (a handle: returning the reference would dangle
  // where `x` is a temporary and the caller keeps a reference).
  torch::Tensor tapped(int block, const torch::Tensor& x) const {
    if (block_tap_) block_tap_("block " + std::to_string(block), x);
    return x;
  }

 private:
  BlockTap block_tap_;
  c10::optional<at::Generator> dropout_generator_;
  bool channels_last_ = false;
};

// A discriminator in two parts, so that a projection can use its features: forward(x) is
// head(features(x)).
class DiscriminatorNetwork : public Network {
 public:
  torch::Tensor forward(const torch::Tensor& images) override;
  virtual torch::Tensor features(const torch::Tensor& images) = 0;
  virtual torch::Tensor head(const torch::Tensor& features) = 0;
  virtual int64_t feature_dim() const = 0;  // values per image of features(), flattened
};

// TensorFlow's padding="same" for one spatial dimension: output ceil(in / stride), padding split
// with the smaller half first (Keras pads 1 before and 2 after for a 5x5 stride-2 kernel on 28 or
// 14).
struct SamePadding {
  int64_t before = 0;
  int64_t after = 0;
  int64_t out = 0;
};
SamePadding same_padding(int64_t in, int64_t kernel, int64_t stride);

// Networks for images of `shape` (28, 32 or 64 pixels, 1 or 3 channels); conditional ones (model.
// conditional, model.classes) wrap the preset's pair: G takes a one-hot label beside z, D adds a
// projection of the label's embedding onto its features. model.spectral_norm normalises D's
// convolutions and dense layer.
std::shared_ptr<Network> make_generator(const ModelConfig& model, ImageShape shape = {});

// The seed generator folds "upsample x2, then 5x5 convolution" into a 3x3 convolution of the
// small image and a pixel shuffle (the same function, 2.8x fewer operations; see networks.cpp).
// `direct` computes the literal layers instead (tests compare the two).
void use_direct_upsampling(Network& generator, bool direct);
std::shared_ptr<Network> make_discriminator(const ModelConfig& model, ImageShape shape = {});

// Initializes weights as the preset's framework would, drawing from `cpu_generator`:
// seed: Keras defaults (Glorot-uniform kernels, zero biases, BatchNorm gamma 1 and beta 0);
// compact: DCGAN's N(0, 0.02) kernels, BatchNorm gamma N(1, 0.02) and beta 0.
void initialize_weights(Network& network, Preset preset, at::Generator& cpu_generator);

// Trainable parameter count (BatchNorm's running statistics are buffers, not counted).
int64_t count_parameters(const torch::nn::Module& module);

}  // namespace gs
