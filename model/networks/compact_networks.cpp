#include "model/networks/compact_networks.h"

#include "model/kernels/batch_norm_act.h"
#include "model/kernels/few_channel_conv.h"
#include "model/networks/network_layers.h"

namespace gs {

namespace {

using namespace layers;

// PyTorch's C++ DCGAN example: z -> ConvT(256, 4) 4x4 -> ConvT(128, 3, s2) 7x7 -> ConvT(64, 4, s2)
// 14x14 -> ConvT(1, 4, s2) 28x28, BatchNorm + ReLU between, tanh out. For 32 pixels every step
// doubles (4, 8, 16, 32); 64 pixels add a block (up4, half of the last width) before the output.
class CompactGenerator : public Network {
 public:
  // The transposed convolutions run as ordinary ones (transposed_conv): the same parameters and
  // function, through LibTorch's fast convolution path.
  CompactGenerator(int noise_dim, const std::vector<int>& w, ImageShape shape)
      : noise_dim_(noise_dim) {
    auto up = [&](const std::string& name, int in, int out, int kernel, int stride, int padding) {
      return register_module(name, nn::ConvTranspose2d(nn::ConvTranspose2dOptions(in, out, kernel)
                                                           .stride(stride)
                                                           .padding(padding)
                                                           .bias(false)));
    };
    const int second_kernel = shape.side == 28 ? 3 : 4;  // 4 -> 7, or 4 -> 8
    std::vector<int> widths = {w[0], w[1], w[2]};
    if (shape.side == 64) widths.push_back(std::max(8, w[2] / 2));
    for (size_t i = 0; i < widths.size(); ++i) {
      const std::string n = std::to_string(i + 1);
      blocks_.emplace_back(
          i == 0 ? up("up1", noise_dim, widths[0], 4, 1, 0)
                 : up("up" + n, widths[i - 1], widths[i], i == 1 ? second_kernel : 4, 2, 1));
      norms_.emplace_back(register_module("norm" + n, nn::BatchNorm2d(widths[i])));
    }
    up_out_ = up("up_out", widths.back(), shape.channels, 4, kOutStride, kOutPadding);
    folds_.resize(widths.size() + 1);
  }

  torch::Tensor forward(const torch::Tensor& z) override {
    auto x = z.view({z.size(0), noise_dim_, 1, 1});
    for (size_t i = 0; i < blocks_.size(); ++i) {
      x = kernels::batch_norm_act(*norms_[i], transposed_conv(blocks_[i], x, folds_[i]), 0.0);
      tapped(static_cast<int>(i) + 1, x);
    }
    // Into the image's few channels: the hand-written kernel where it applies (float on the CPU).
    if (kernels::conv_transpose_applies(x, up_out_->weight)) {
      return torch::tanh(kernels::conv_transpose(x, up_out_->weight, kOutStride, kOutPadding));
    }
    return torch::tanh(transposed_conv(up_out_, x, folds_.back()));
  }

 private:
  static constexpr int kOutStride = 2;
  static constexpr int kOutPadding = 1;
  int64_t noise_dim_;
  std::vector<nn::ConvTranspose2d> blocks_;
  std::vector<nn::BatchNorm2d> norms_;
  nn::ConvTranspose2d up_out_{nullptr};
  std::vector<FoldedKernel> folds_;  // the blocks' and up_out's kernels as ordinary convolutions
};

// The example's discriminator: Conv(64, 4, s2) 14x14 -> Conv(128, 4, s2) 7x7 -> Conv(256, 4, s2)
// 3x3 -> Conv(1, 3) 1x1, LeakyReLU 0.2, BatchNorm on the middle two. 32 pixels end on 4x4 (a 4x4
// output kernel); 64 pixels add a block (conv4) to get there.
class CompactDiscriminator : public DiscriminatorNetwork {
 public:
  CompactDiscriminator(const std::vector<int>& w, ImageShape shape, at::Generator* spectral_rng) {
    std::vector<int> widths = {w[0], w[1], w[2]};
    if (shape.side == 64) widths.push_back(w[2]);
    int64_t side = shape.side;
    int in = shape.channels;
    for (size_t i = 0; i < widths.size(); ++i) {
      const std::string name = "conv" + std::to_string(i + 1);
      convs_.push_back(add_conv(name, in, widths[i], 4, 2, 1, spectral_rng));
      norms_.push_back(
          i == 0 ? nn::BatchNorm2d{nullptr}
                 : register_module("norm" + std::to_string(i + 1), nn::BatchNorm2d(widths[i])));
      in = widths[i];
      side = side / 2;
    }
    feature_dim_ = int64_t{in} * side * side;
    conv_out_ = add_conv("conv_out", in, 1, static_cast<int>(side), 1, 0, spectral_rng);
  }

  torch::Tensor features(const torch::Tensor& images) override {
    torch::Tensor x = as_input(images);
    for (size_t i = 0; i < convs_.size(); ++i) {
      if (norms_[i]) {
        x = kernels::batch_norm_act(*norms_[i], convs_[i](x, is_training()), kDcganLeakySlope);
      } else {
        x = convs_[i].with_leaky(x, is_training(), kDcganLeakySlope);
      }
    }
    return x;
  }
  // conv_out's kernel covers the whole feature map (no padding, one position): a matrix product
  // of the flattened features and kernel, in the same (row, column, channel) order. oneDNN ran
  // this one-channel convolution at about 1 GFLOP/s, forward and backward.
  torch::Tensor head(const torch::Tensor& features) override {
    const torch::Tensor weight = conv_out_.norm(conv_out_.conv->weight, is_training());
    const torch::Tensor x = features.permute({0, 2, 3, 1}).reshape({features.size(0), -1});
    return torch::mm(x, weight.permute({0, 2, 3, 1}).reshape({weight.size(0), -1}).t());
  }
  int64_t feature_dim() const override { return feature_dim_; }

 private:
  struct Conv {
    nn::Conv2d conv{nullptr};
    SpectralNorm norm;
    int stride = 1;
    int padding = 0;
    torch::Tensor operator()(const torch::Tensor& x, bool training) {
      if (!norm.enabled()) return conv->forward(x);
      return torch::conv2d(x, norm(conv->weight, training), {}, stride, padding);
    }
    // The convolution and a LeakyReLU: the hand-written kernel for an image's few channels
    // (LibTorch's layers where it does not apply).
    torch::Tensor with_leaky(const torch::Tensor& x, bool training, double slope) {
      return kernels::conv_leaky(x, norm(conv->weight, training), stride, padding, slope);
    }
  };
  Conv add_conv(const std::string& name, int in, int out, int kernel, int stride, int padding,
                at::Generator* spectral_rng) {
    Conv c;
    c.conv = register_module(
        name,
        nn::Conv2d(nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(false)));
    if (spectral_rng) c.norm = SpectralNorm(*this, name, out, *spectral_rng);
    c.stride = stride;
    c.padding = padding;
    return c;
  }

  std::vector<Conv> convs_;
  std::vector<nn::BatchNorm2d> norms_;
  Conv conv_out_;
  int64_t feature_dim_ = 0;
};

}  // namespace

std::shared_ptr<Network> make_compact_generator(int inputs, const std::vector<int>& widths,
                                                ImageShape shape) {
  return std::make_shared<CompactGenerator>(inputs, widths, shape);
}

std::shared_ptr<DiscriminatorNetwork> make_compact_discriminator(const std::vector<int>& widths,
                                                                 ImageShape shape,
                                                                 at::Generator* spectral_rng) {
  return std::make_shared<CompactDiscriminator>(widths, shape, spectral_rng);
}
}  // namespace gs
