#include "model/networks/seed_networks.h"

#include "model/networks/network_layers.h"

namespace gs {

namespace {

using namespace layers;

// The post's generator: Dense(7*7*64) -> BN -> Reshape -> Up -> Conv(128) -> BN -> LReLU -> Up ->
// Conv(64) -> BN -> LReLU -> Conv(64) -> BN -> LReLU -> Conv(1) -> tanh (widths from g_widths).
// Other shapes: the dense layer reshapes to side / 4 (8 for 32 pixels, 16 for 64) and the last
// convolution makes the image's channels.
class SeedGenerator : public Network {
 public:
  SeedGenerator(int noise_dim, const std::vector<int>& w, ImageShape shape)
      : base_channels_(w[0]), base_side_(shape.side / 4) {
    const int64_t dense_units = base_side_ * base_side_ * w[0];
    dense_ = register_module("dense", nn::Linear(noise_dim, dense_units));
    dense_norm_ =
        register_module("dense_norm", nn::BatchNorm1d(nn::BatchNormOptions(dense_units)
                                                          .momentum(kSeedBatchNormMomentum)
                                                          .eps(kKerasBatchNormEpsilon)));
    auto conv = [&](const char* name, int in, int out) {
      return register_module(name, nn::Conv2d(nn::Conv2dOptions(in, out, kSeedKernel).padding(2)));
    };
    conv1_ = conv("conv1", w[0], w[1]);
    norm1_ = register_module("norm1", seed_batch_norm2d(w[1]));
    conv2_ = conv("conv2", w[1], w[2]);
    norm2_ = register_module("norm2", seed_batch_norm2d(w[2]));
    conv3_ = conv("conv3", w[2], w[3]);
    norm3_ = register_module("norm3", seed_batch_norm2d(w[3]));
    conv_out_ = conv("conv_out", w[3], shape.channels);
  }

  torch::Tensor forward(const torch::Tensor& z) override {
    auto x = dense_norm_->forward(dense_->forward(z));
    x = tapped(1, match_layout(x.view({z.size(0), base_channels_, base_side_, base_side_})));
    x = tapped(2, leaky(norm1_->forward(up_block(conv1_, x)), kKerasLeakySlope));  // 7 -> 14
    x = tapped(3, leaky(norm2_->forward(up_block(conv2_, x)), kKerasLeakySlope));  // 14 -> 28
    x = tapped(4, leaky(norm3_->forward(conv3_->forward(x)), kKerasLeakySlope));
    return torch::tanh(conv_out_->forward(x));
  }

  // The literal layers (upsample, then convolve) instead of the folded kernels: for the test that
  // proves both compute the same function.
  void set_direct_upsampling(bool direct) { direct_upsampling_ = direct; }

 private:
  torch::Tensor up_block(nn::Conv2d& conv, const torch::Tensor& x) {
    if (!direct_upsampling_)
      return upsample_conv5(conv, x, conv.get() == conv1_.get() ? fold1_ : fold2_);
    return conv->forward(match_layout(upsample2x(x)));
  }

  torch::Tensor match_layout(const torch::Tensor& x) const {
    return conv1_->weight.is_contiguous(at::MemoryFormat::ChannelsLast)
               ? x.contiguous(at::MemoryFormat::ChannelsLast)
               : x;
  }

  int64_t base_channels_;
  int64_t base_side_;
  bool direct_upsampling_ = false;
  FoldedKernel fold1_, fold2_;
  nn::Linear dense_{nullptr};
  nn::BatchNorm1d dense_norm_{nullptr};
  nn::Conv2d conv1_{nullptr}, conv2_{nullptr}, conv3_{nullptr}, conv_out_{nullptr};
  nn::BatchNorm2d norm1_{nullptr}, norm2_{nullptr}, norm3_{nullptr};
};

// The post's discriminator: Conv(64, s2) -> LReLU -> Conv(64, s2) -> LReLU -> Dropout(0.3) ->
// Conv(128, s2) -> LReLU -> Dropout(0.4) -> Conv(128, s1) -> LReLU -> Dropout(0.4) -> Dense(1).
class SeedDiscriminator : public DiscriminatorNetwork {
 public:
  SeedDiscriminator(const std::vector<int>& w, ImageShape shape, at::Generator* spectral_rng)
      : conv1_(*this, "conv1", shape.channels, w[0], 2, shape.side, spectral_rng),
        conv2_(*this, "conv2", w[0], w[1], 2, conv1_.out_side, spectral_rng),
        conv3_(*this, "conv3", w[1], w[2], 2, conv2_.out_side, spectral_rng),
        conv4_(*this, "conv4", w[2], w[3], 1, conv3_.out_side, spectral_rng),
        feature_dim_(int64_t{w[3]} * conv4_.out_side * conv4_.out_side) {
    dense_ = register_module("dense", nn::Linear(feature_dim_, 1));
    if (spectral_rng) dense_norm_ = SpectralNorm(*this, "dense", 1, *spectral_rng);
  }

  torch::Tensor features(const torch::Tensor& images) override {
    auto x = leaky(conv1_(as_input(images)), kKerasLeakySlope);
    x = dropout(leaky(conv2_(x), kKerasLeakySlope), 0.3);
    x = dropout(leaky(conv3_(x), kKerasLeakySlope), 0.4);
    x = dropout(leaky(conv4_(x), kKerasLeakySlope), 0.4);
    return x.flatten(1);
  }
  torch::Tensor head(const torch::Tensor& features) override {
    if (!dense_norm_.enabled()) return dense_->forward(features);
    return torch::linear(features, dense_norm_(dense_->weight, is_training()), dense_->bias);
  }
  int64_t feature_dim() const override { return feature_dim_; }

 private:
  SameConv conv1_, conv2_, conv3_, conv4_;
  int64_t feature_dim_;
  nn::Linear dense_{nullptr};
  SpectralNorm dense_norm_;
};

}  // namespace

std::shared_ptr<Network> make_seed_generator(int inputs, const std::vector<int>& widths,
                                             ImageShape shape) {
  return std::make_shared<SeedGenerator>(inputs, widths, shape);
}

std::shared_ptr<DiscriminatorNetwork> make_seed_discriminator(const std::vector<int>& widths,
                                                              ImageShape shape,
                                                              at::Generator* spectral_rng) {
  return std::make_shared<SeedDiscriminator>(widths, shape, spectral_rng);
}

bool set_seed_direct_upsampling(Network& generator, bool direct) {
  auto* seed = dynamic_cast<SeedGenerator*>(&generator);
  if (seed) seed->set_direct_upsampling(direct);
  return seed != nullptr;
}
}  // namespace gs
