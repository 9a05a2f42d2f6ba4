#include "model/networks/networks.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/padding.h>
#include <torch/nn/functional/upsampling.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include <cmath>

#include "model/data/image_set.h"
#include "model/io/error.h"

namespace gs {

namespace F = torch::nn::functional;
namespace nn = torch::nn;

namespace {

// Keras's LeakyReLU default slope; DCGAN's (compact) is 0.2.
constexpr double kKerasLeakySlope = 0.3;
constexpr double kDcganLeakySlope = 0.2;
// Keras BatchNormalization(momentum=0.8) keeps 0.8 of the old running value: LibTorch momentum 0.2.
constexpr double kSeedBatchNormMomentum = 0.2;
constexpr double kKerasBatchNormEpsilon = 1e-3;
constexpr int kSeedKernel = 5;
constexpr int kSeedBaseSide = 7;  // the generator's dense layer reshapes to 7 x 7

// A Conv2D with Keras's padding="same" for a known input side: symmetric padding goes into the
// convolution; asymmetric padding (stride 2 on even sides) is applied explicitly first.
struct SameConv {
  nn::Conv2d conv{nullptr};
  std::vector<int64_t> explicit_pad;  // {left, right, top, bottom} when asymmetric
  int64_t out_side = 0;

  SameConv(nn::Module& owner, const std::string& name, int64_t in_channels, int64_t out_channels,
           int64_t stride, int64_t in_side) {
    const SamePadding p = same_padding(in_side, kSeedKernel, stride);
    auto options = nn::Conv2dOptions(in_channels, out_channels, kSeedKernel).stride(stride);
    if (p.before == p.after) {
      options.padding(p.before);
    } else {
      explicit_pad = {p.before, p.after, p.before, p.after};
    }
    conv = owner.register_module(name, nn::Conv2d(options));
    out_side = p.out;
  }

  torch::Tensor operator()(const torch::Tensor& x) {
    if (explicit_pad.empty()) return conv->forward(x);
    return conv->forward(F::pad(x, F::PadFuncOptions(explicit_pad)));
  }
};

// In place: the activations come from a convolution or BatchNorm, whose backward does not need
// them, and LeakyReLU's backward works from its own output. One tensor less per layer.
torch::Tensor leaky(const torch::Tensor& x, double slope) {
  return F::leaky_relu(x, F::LeakyReLUFuncOptions().negative_slope(slope).inplace(true));
}

torch::Tensor upsample2x(const torch::Tensor& x) {
  return F::interpolate(x, F::InterpolateFuncOptions()
                               .scale_factor(std::vector<double>{2.0, 2.0})
                               .mode(torch::kNearest));
}

// Nearest 2x upsampling followed by a 5x5 "same" convolution (the seed generator's two
// up-blocks), computed without building the upsampled image. Each output pixel (2i + r, 2j + s)
// reads the input through the 5x5 kernel folded onto a 3x3 window: rows (and columns) of the kernel
// that land on the same input pixel are summed. So one 3x3 convolution of the small input with four
// folded kernels (one per output phase r, s) followed by a pixel shuffle gives exactly the same
// function, with 9 instead of 25 taps per output pixel (2.8x fewer operations) in both the forward
// and the backward pass. The parameters stay the 5x5 kernel and bias, so checkpoints, parameter
// counts and gradients are the model's own (the fold is differentiable).
torch::Tensor fold_matrix(int phase, const torch::TensorOptions& options) {
  // Input row (k = 0, 1, 2 for i - 1, i, i + 1) each kernel row (d = 0..4) reads, at output phase
  // r.
  static const float kPhase0[3][5] = {{1, 1, 0, 0, 0}, {0, 0, 1, 1, 0}, {0, 0, 0, 0, 1}};
  static const float kPhase1[3][5] = {{1, 0, 0, 0, 0}, {0, 1, 1, 0, 0}, {0, 0, 0, 1, 1}};
  return torch::from_blob(const_cast<float*>(&(phase == 0 ? kPhase0 : kPhase1)[0][0]), {3, 5})
      .to(options);
}

// The folded kernel and bias of one up-block. Rebuilt whenever autograd needs them (training)
// or the weights changed; reused while generating with fixed weights (the explorer, sampling).
struct FoldedKernel {
  torch::Tensor kernel;
  torch::Tensor bias;
  int64_t version = -1;
  const void* data = nullptr;
  bool channels_last = false;
};

torch::Tensor upsample_conv5(const nn::Conv2d& conv, const torch::Tensor& x, FoldedKernel& cache) {
  const torch::Tensor& weight = conv->weight;  // [out, in, 5, 5]
  const bool channels_last = x.is_contiguous(at::MemoryFormat::ChannelsLast) && x.size(1) > 1;
  const bool reuse = !torch::GradMode::is_enabled() && cache.kernel.defined() &&
                     cache.version == static_cast<int64_t>(weight._version()) &&
                     cache.data == weight.data_ptr() && cache.channels_last == channels_last;
  if (!reuse) {
    const auto options = torch::TensorOptions().dtype(weight.dtype()).device(weight.device());
    std::vector<torch::Tensor> phases;
    for (int r = 0; r < 2; ++r) {
      for (int s = 0; s < 2; ++s) {
        phases.push_back(torch::einsum("kd,ocde,le->ockl",
                                       {fold_matrix(r, options), weight, fold_matrix(s, options)}));
      }
    }
    // Channel o * 4 + r * 2 + s holds phase (r, s) of output channel o: pixel_shuffle's order.
    cache.kernel = torch::stack(phases, 1).flatten(0, 1);
    if (channels_last) cache.kernel = cache.kernel.contiguous(at::MemoryFormat::ChannelsLast);
    cache.bias = conv->bias.repeat_interleave(4);
    cache.version = static_cast<int64_t>(weight._version());
    cache.data = weight.data_ptr();
    cache.channels_last = channels_last;
  }
  auto y = torch::conv2d(x, cache.kernel, cache.bias, /*stride=*/1, /*padding=*/1);
  y = torch::pixel_shuffle(y, 2);
  return channels_last ? y.contiguous(at::MemoryFormat::ChannelsLast) : y;
}

nn::BatchNorm2d seed_batch_norm2d(int64_t channels) {
  return nn::BatchNorm2d(
      nn::BatchNormOptions(channels).momentum(kSeedBatchNormMomentum).eps(kKerasBatchNormEpsilon));
}

// The post's generator: Dense(7*7*64) -> BN -> Reshape -> Up -> Conv(128) -> BN -> LReLU -> Up ->
// Conv(64) -> BN -> LReLU -> Conv(64) -> BN -> LReLU -> Conv(1) -> tanh (widths from g_widths).
class SeedGenerator : public Network {
 public:
  SeedGenerator(int noise_dim, const std::vector<int>& w) : base_channels_(w[0]) {
    const int64_t dense_units = int64_t{kSeedBaseSide} * kSeedBaseSide * w[0];
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
    conv_out_ = conv("conv_out", w[3], 1);
  }

  torch::Tensor forward(const torch::Tensor& z) override {
    auto x = dense_norm_->forward(dense_->forward(z));
    x = match_layout(x.view({z.size(0), base_channels_, kSeedBaseSide, kSeedBaseSide}));
    x = leaky(norm1_->forward(up_block(conv1_, x)), kKerasLeakySlope);  // 7 -> 14
    x = leaky(norm2_->forward(up_block(conv2_, x)), kKerasLeakySlope);  // 14 -> 28
    x = leaky(norm3_->forward(conv3_->forward(x)), kKerasLeakySlope);
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
  bool direct_upsampling_ = false;
  FoldedKernel fold1_, fold2_;
  nn::Linear dense_{nullptr};
  nn::BatchNorm1d dense_norm_{nullptr};
  nn::Conv2d conv1_{nullptr}, conv2_{nullptr}, conv3_{nullptr}, conv_out_{nullptr};
  nn::BatchNorm2d norm1_{nullptr}, norm2_{nullptr}, norm3_{nullptr};
};

// The post's discriminator: Conv(64, s2) -> LReLU -> Conv(64, s2) -> LReLU -> Dropout(0.3) ->
// Conv(128, s2) -> LReLU -> Dropout(0.4) -> Conv(128, s1) -> LReLU -> Dropout(0.4) -> Dense(1).
class SeedDiscriminator : public Network {
 public:
  explicit SeedDiscriminator(const std::vector<int>& w)
      : conv1_(*this, "conv1", 1, w[0], 2, kImageSide),
        conv2_(*this, "conv2", w[0], w[1], 2, conv1_.out_side),
        conv3_(*this, "conv3", w[1], w[2], 2, conv2_.out_side),
        conv4_(*this, "conv4", w[2], w[3], 1, conv3_.out_side) {
    dense_ =
        register_module("dense", nn::Linear(int64_t{w[3]} * conv4_.out_side * conv4_.out_side, 1));
  }

  torch::Tensor forward(const torch::Tensor& images) override {
    auto x = leaky(conv1_(images), kKerasLeakySlope);
    x = dropout(leaky(conv2_(x), kKerasLeakySlope), 0.3);
    x = dropout(leaky(conv3_(x), kKerasLeakySlope), 0.4);
    x = dropout(leaky(conv4_(x), kKerasLeakySlope), 0.4);
    return dense_->forward(x.flatten(1));
  }

 private:
  SameConv conv1_, conv2_, conv3_, conv4_;
  nn::Linear dense_{nullptr};
};

// PyTorch's C++ DCGAN example: z -> ConvT(256, 4) 4x4 -> ConvT(128, 3, s2) 7x7 -> ConvT(64, 4, s2)
// 14x14 -> ConvT(1, 4, s2) 28x28, BatchNorm + ReLU between, tanh out.
class CompactGenerator : public Network {
 public:
  CompactGenerator(int noise_dim, const std::vector<int>& w) : noise_dim_(noise_dim) {
    auto up = [&](const char* name, int in, int out, int kernel, int stride, int padding) {
      return register_module(name, nn::ConvTranspose2d(nn::ConvTranspose2dOptions(in, out, kernel)
                                                           .stride(stride)
                                                           .padding(padding)
                                                           .bias(false)));
    };
    up1_ = up("up1", noise_dim, w[0], 4, 1, 0);
    norm1_ = register_module("norm1", nn::BatchNorm2d(w[0]));
    up2_ = up("up2", w[0], w[1], 3, 2, 1);
    norm2_ = register_module("norm2", nn::BatchNorm2d(w[1]));
    up3_ = up("up3", w[1], w[2], 4, 2, 1);
    norm3_ = register_module("norm3", nn::BatchNorm2d(w[2]));
    up_out_ = up("up_out", w[2], 1, 4, 2, 1);
  }

  torch::Tensor forward(const torch::Tensor& z) override {
    auto x = z.view({z.size(0), noise_dim_, 1, 1});
    x = torch::relu(norm1_->forward(up1_->forward(x)));
    x = torch::relu(norm2_->forward(up2_->forward(x)));
    x = torch::relu(norm3_->forward(up3_->forward(x)));
    return torch::tanh(up_out_->forward(x));
  }

 private:
  int64_t noise_dim_;
  nn::ConvTranspose2d up1_{nullptr}, up2_{nullptr}, up3_{nullptr}, up_out_{nullptr};
  nn::BatchNorm2d norm1_{nullptr}, norm2_{nullptr}, norm3_{nullptr};
};

// The example's discriminator: Conv(64, 4, s2) 14x14 -> Conv(128, 4, s2) 7x7 -> Conv(256, 4, s2)
// 3x3 -> Conv(1, 3) 1x1, LeakyReLU 0.2, BatchNorm on the middle two.
class CompactDiscriminator : public Network {
 public:
  explicit CompactDiscriminator(const std::vector<int>& w) {
    auto down = [&](const char* name, int in, int out, int kernel, int stride, int padding) {
      return register_module(
          name,
          nn::Conv2d(
              nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(false)));
    };
    conv1_ = down("conv1", 1, w[0], 4, 2, 1);
    conv2_ = down("conv2", w[0], w[1], 4, 2, 1);
    norm2_ = register_module("norm2", nn::BatchNorm2d(w[1]));
    conv3_ = down("conv3", w[1], w[2], 4, 2, 1);
    norm3_ = register_module("norm3", nn::BatchNorm2d(w[2]));
    conv_out_ = down("conv_out", w[2], 1, 3, 1, 0);
  }

  torch::Tensor forward(const torch::Tensor& images) override {
    auto x = leaky(conv1_->forward(images), kDcganLeakySlope);
    x = leaky(norm2_->forward(conv2_->forward(x)), kDcganLeakySlope);
    x = leaky(norm3_->forward(conv3_->forward(x)), kDcganLeakySlope);
    return conv_out_->forward(x).flatten(1);
  }

 private:
  nn::Conv2d conv1_{nullptr}, conv2_{nullptr}, conv3_{nullptr}, conv_out_{nullptr};
  nn::BatchNorm2d norm2_{nullptr}, norm3_{nullptr};
};

void require_resolved(const ModelConfig& model) {
  if (!model.preset || model.g_widths.empty() || model.d_widths.empty()) {
    throw Error("internal: networks need a resolved model configuration");
  }
}

// Glorot (Xavier) uniform as Keras computes it for Dense [in -> out] and Conv2D kernels.
void glorot_uniform(torch::Tensor& weight, at::Generator& generator) {
  const int64_t receptive = weight.dim() > 2 ? weight[0][0].numel() : 1;
  const double fan_in = static_cast<double>(weight.size(1) * receptive);
  const double fan_out = static_cast<double>(weight.size(0) * receptive);
  const double limit = std::sqrt(6.0 / (fan_in + fan_out));
  weight.uniform_(-limit, limit, generator);
}

}  // namespace

SamePadding same_padding(int64_t in, int64_t kernel, int64_t stride) {
  SamePadding p;
  p.out = (in + stride - 1) / stride;
  const int64_t total = std::max<int64_t>((p.out - 1) * stride + kernel - in, 0);
  p.before = total / 2;
  p.after = total - p.before;
  return p;
}

torch::Tensor Network::dropout(const torch::Tensor& x, double p) {
  if (!is_training() || p <= 0) return x;
  if (!dropout_generator_) return F::dropout(x, F::DropoutFuncOptions().p(p).training(true));
  auto keep = torch::empty_like(x).bernoulli_(1.0 - p, *dropout_generator_);
  return x * keep.div_(1.0 - p);
}

void Network::to_channels_last() {
  torch::NoGradGuard no_grad;
  for (auto& parameter : parameters()) {
    if (parameter.dim() == 4) {
      parameter.set_data(parameter.contiguous(at::MemoryFormat::ChannelsLast));
    }
  }
}

void use_direct_upsampling(Network& generator, bool direct) {
  if (auto* seed = dynamic_cast<SeedGenerator*>(&generator)) seed->set_direct_upsampling(direct);
}

std::shared_ptr<Network> make_generator(const ModelConfig& model) {
  require_resolved(model);
  if (*model.preset == Preset::Seed) {
    return std::make_shared<SeedGenerator>(model.noise_dim, model.g_widths);
  }
  return std::make_shared<CompactGenerator>(model.noise_dim, model.g_widths);
}

std::shared_ptr<Network> make_discriminator(const ModelConfig& model) {
  require_resolved(model);
  if (*model.preset == Preset::Seed) return std::make_shared<SeedDiscriminator>(model.d_widths);
  return std::make_shared<CompactDiscriminator>(model.d_widths);
}

void initialize_weights(Network& network, Preset preset, at::Generator& generator) {
  torch::NoGradGuard no_grad;
  for (auto& module : network.modules(/*include_self=*/false)) {
    const bool is_norm = module->as<nn::BatchNorm1d>() || module->as<nn::BatchNorm2d>();
    auto named = module->named_parameters(/*recurse=*/false);
    for (auto& item : named) {
      torch::Tensor& tensor = item.value();
      const bool is_bias = item.key() == "bias";
      if (is_norm) {
        if (is_bias) {
          tensor.zero_();
        } else if (preset == Preset::Seed) {
          tensor.fill_(1.0);
        } else {
          tensor.normal_(1.0, 0.02, generator);
        }
      } else if (is_bias) {
        tensor.zero_();
      } else if (preset == Preset::Seed) {
        glorot_uniform(tensor, generator);
      } else {
        tensor.normal_(0.0, 0.02, generator);
      }
    }
  }
}

int64_t count_parameters(const torch::nn::Module& module) {
  int64_t total = 0;
  for (const auto& parameter : module.parameters()) total += parameter.numel();
  return total;
}

}  // namespace gs
