// The layers the presets' networks share (internal to model/networks/: LibTorch): Keras's
// constants, spectral normalisation, a convolution with Keras's "same" padding, LeakyReLU in
// place, and the seed generator's folded "upsample, then 5x5 convolution".
#pragma once

#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/padding.h>
#include <torch/nn/functional/upsampling.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include <string>
#include <vector>

#include "model/networks/networks.h"

namespace gs::layers {

namespace F = torch::nn::functional;
namespace nn = torch::nn;

// Keras's LeakyReLU default slope; DCGAN's (compact) is 0.2.
inline constexpr double kKerasLeakySlope = 0.3;
inline constexpr double kDcganLeakySlope = 0.2;
// Keras BatchNormalization(momentum=0.8) keeps 0.8 of the old running value: LibTorch momentum 0.2.
inline constexpr double kSeedBatchNormMomentum = 0.2;
inline constexpr double kKerasBatchNormEpsilon = 1e-3;
inline constexpr int kSeedKernel = 5;

// Spectral normalisation (Miyato et al. 2018) of one weight: W / sigma(W), sigma estimated by one
// step of power iteration per training forward, as torch.nn.utils.spectral_norm does. The vector
// u is a buffer ("<layer>_sn_u"), so checkpoints carry it. Off: the weight as it is.
class SpectralNorm {
 public:
  SpectralNorm() = default;
  SpectralNorm(nn::Module& owner, const std::string& layer, int64_t rows, at::Generator& rng) {
    u_ = owner.register_buffer(layer + "_sn_u", unit(torch::randn({rows}, rng)));
  }
  bool enabled() const { return u_.defined(); }

  torch::Tensor operator()(const torch::Tensor& weight, bool training) {
    if (!u_.defined()) return weight;
    const torch::Tensor matrix = weight.flatten(1);
    torch::Tensor u;
    torch::Tensor v;
    {
      torch::NoGradGuard no_grad;
      const torch::Tensor detached = matrix.detach().to(u_.dtype());
      v = unit(torch::mv(detached.t(), u_));
      if (training) {
        u_.copy_(unit(torch::mv(detached, v)));
        v = unit(torch::mv(detached.t(), u_));
      }
      // A copy: the next forward's update of u_ must not change what this one's backward reads.
      u = u_.clone();
    }
    const torch::Tensor sigma =
        torch::dot(u.to(matrix.dtype()), torch::mv(matrix, v.to(matrix.dtype())));
    return weight / sigma;
  }

 private:
  static torch::Tensor unit(const torch::Tensor& x) { return x / (x.norm() + 1e-12); }
  torch::Tensor u_;
};

// The seed of the spectral-norm vectors: fixed, so that a run is reproducible from its seed.
at::Generator spectral_norm_rng();

// A Conv2D with Keras's padding="same" for a known input side: symmetric padding goes into the
// convolution; asymmetric padding (stride 2 on even sides) is applied explicitly first.
struct SameConv {
  nn::Conv2d conv{nullptr};
  std::vector<int64_t> explicit_pad;  // {left, right, top, bottom} when asymmetric
  int64_t out_side = 0;
  int64_t stride = 1;
  int64_t padding = 0;
  SpectralNorm norm;

  SameConv(nn::Module& owner, const std::string& name, int64_t in_channels, int64_t out_channels,
           int64_t stride_, int64_t in_side, at::Generator* spectral_rng = nullptr)
      : stride(stride_) {
    const SamePadding p = same_padding(in_side, kSeedKernel, stride);
    auto options = nn::Conv2dOptions(in_channels, out_channels, kSeedKernel).stride(stride);
    if (p.before == p.after) {
      padding = p.before;
      options.padding(p.before);
    } else {
      explicit_pad = {p.before, p.after, p.before, p.after};
    }
    conv = owner.register_module(name, nn::Conv2d(options));
    if (spectral_rng) norm = SpectralNorm(owner, name, out_channels, *spectral_rng);
    out_side = p.out;
  }

  torch::Tensor operator()(const torch::Tensor& input) {
    const torch::Tensor x =
        explicit_pad.empty() ? input : F::pad(input, F::PadFuncOptions(explicit_pad));
    if (!norm.enabled()) return conv->forward(x);
    return torch::conv2d(x, norm(conv->weight, conv->is_training()), conv->bias, stride, padding);
  }
};

// In place: the activations come from a convolution or BatchNorm, whose backward does not need
// them, and LeakyReLU's backward works from its own output. One tensor less per layer.
torch::Tensor leaky(const torch::Tensor& x, double slope);

torch::Tensor upsample2x(const torch::Tensor& x);

// The folded kernel and bias of one up-block. Rebuilt whenever autograd needs them (training)
// or the weights changed; reused while generating with fixed weights (the explorer, sampling).
struct FoldedKernel {
  torch::Tensor kernel;
  torch::Tensor bias;
  int64_t version = -1;
  const void* data = nullptr;
  bool channels_last = false;

  // Whether `kernel` may be reused: no gradient is being recorded and `weight` is the tensor it
  // was folded from, unchanged since (same storage, same version) and in the same layout.
  bool valid_for(const torch::Tensor& weight, bool in_channels_last) const {
    return !torch::GradMode::is_enabled() && kernel.defined() &&
           version == static_cast<int64_t>(weight._version()) && data == weight.data_ptr() &&
           channels_last == in_channels_last;
  }
  // Records what `kernel` was just folded from.
  void folded_from(const torch::Tensor& weight, bool in_channels_last) {
    version = static_cast<int64_t>(weight._version());
    data = weight.data_ptr();
    channels_last = in_channels_last;
  }
};

// Nearest 2x upsampling followed by a 5x5 "same" convolution (the seed generator's two
// up-blocks), computed without building the upsampled image. Each output pixel (2i + r, 2j + s)
// reads the input through the 5x5 kernel folded onto a 3x3 window: rows (and columns) of the kernel
// that land on the same input pixel are summed. So one 3x3 convolution of the small input with four
// folded kernels (one per output phase r, s) followed by a pixel shuffle gives exactly the same
// function, with 9 instead of 25 taps per output pixel (2.8x fewer operations) in both the forward
// and the backward pass. The parameters stay the 5x5 kernel and bias, so checkpoints, parameter
// counts and gradients are the model's own (the fold is differentiable). `cache` holds the folded
// kernel between calls.
torch::Tensor upsample_conv5(const nn::Conv2d& conv, const torch::Tensor& x, FoldedKernel& cache);

// A transposed convolution (no bias, no groups, no dilation, stride 1 or 2) computed through the
// fast path of ordinary convolutions. LibTorch 1.13's CPU transposed convolution is its slow
// im2col loop, one sample at a time (a tenth of the compact generator's iteration, and its
// backward several times that). With stride 2, output pixel 2m + r reads input pixels m + o for a
// few offsets o per phase r, through kernel taps kk = r + padding - 2o: one ordinary convolution of
// the input with the four phases' kernels side by side (the taps each phase does not use are zero)
// and a pixel shuffle give the same function. A 1x1 input with stride 1 and no padding (the first
// block from z) is a matrix product. The parameter stays the layer's own [in, out, k, k] weight:
// the folded kernel is built from it differentiably (a product with a 0/1 selection matrix, so
// every value is exactly a weight), checkpoints do not change, and results equal the transposed
// convolution's up to the order of the sums. `cache` holds the kernel while the weights are fixed.
torch::Tensor transposed_conv(const nn::ConvTranspose2d& layer, const torch::Tensor& x,
                              FoldedKernel& cache);

// Keras's BatchNormalization(momentum=0.8) for the seed's convolutions.
nn::BatchNorm2d seed_batch_norm2d(int64_t channels);

}  // namespace gs::layers
