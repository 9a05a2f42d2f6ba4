#include "model/networks/networks.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/padding.h>
#include <torch/nn/functional/upsampling.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>

#include <cmath>

#include "model/config/keys.h"
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
at::Generator spectral_norm_rng() { return at::detail::createCPUGenerator(0x5EC7); }

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
    x = match_layout(x.view({z.size(0), base_channels_, base_side_, base_side_}));
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
    auto x = leaky(conv1_(images), kKerasLeakySlope);
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

// PyTorch's C++ DCGAN example: z -> ConvT(256, 4) 4x4 -> ConvT(128, 3, s2) 7x7 -> ConvT(64, 4, s2)
// 14x14 -> ConvT(1, 4, s2) 28x28, BatchNorm + ReLU between, tanh out. For 32 pixels every step
// doubles (4, 8, 16, 32); 64 pixels add a block (up4, half of the last width) before the output.
class CompactGenerator : public Network {
 public:
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
      blocks_.push_back(
          i == 0 ? up("up1", noise_dim, widths[0], 4, 1, 0)
                 : up("up" + n, widths[i - 1], widths[i], i == 1 ? second_kernel : 4, 2, 1));
      norms_.push_back(register_module("norm" + n, nn::BatchNorm2d(widths[i])));
    }
    up_out_ = up("up_out", widths.back(), shape.channels, 4, 2, 1);
  }

  torch::Tensor forward(const torch::Tensor& z) override {
    auto x = z.view({z.size(0), noise_dim_, 1, 1});
    for (size_t i = 0; i < blocks_.size(); ++i) {
      x = torch::relu(norms_[i]->forward(blocks_[i]->forward(x)));
    }
    return torch::tanh(up_out_->forward(x));
  }

 private:
  int64_t noise_dim_;
  std::vector<nn::ConvTranspose2d> blocks_;
  std::vector<nn::BatchNorm2d> norms_;
  nn::ConvTranspose2d up_out_{nullptr};
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
    torch::Tensor x = images;
    for (size_t i = 0; i < convs_.size(); ++i) {
      x = convs_[i](x, is_training());
      if (norms_[i]) x = norms_[i]->forward(x);
      x = leaky(x, kDcganLeakySlope);
    }
    return x;
  }
  torch::Tensor head(const torch::Tensor& features) override {
    return conv_out_(features, is_training()).flatten(1);
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

// A conditional generator: the label, one-hot, joins z (an identity embedding), so the inner
// generator takes noise_dim + classes inputs.
class ConditionalGenerator : public Network {
 public:
  ConditionalGenerator(std::shared_ptr<Network> inner, int classes)
      : inner_(register_module("net", std::move(inner))), classes_(classes) {}

  torch::Tensor forward(const torch::Tensor&) override {
    throw Error("internal: a conditional generator needs class labels");
  }
  // `labels`: classes [B] (int64), or class weights [B, classes] (floats: a one-hot row, or a
  // mixture of classes, for interpolating between them).
  torch::Tensor conditioned(const torch::Tensor& z, const torch::Tensor& labels) override {
    const auto code = labels.is_floating_point() ? labels.to(z.dtype())
                                                 : F::one_hot(labels, classes_).to(z.dtype());
    return inner_->forward(torch::cat({z, code}, 1));
  }
  int classes() const override { return classes_; }
  Network& inner() { return *inner_; }

 private:
  std::shared_ptr<Network> inner_;
  int classes_;
};

// A projection discriminator (Miyato & Koyama 2018): D(x, y) = head(phi(x)) + <embed(y), phi(x)>.
class ProjectionDiscriminator : public Network {
 public:
  ProjectionDiscriminator(std::shared_ptr<DiscriminatorNetwork> inner, int classes)
      : inner_(register_module("net", std::move(inner))), classes_(classes) {
    embed_ = register_module("embed", nn::Embedding(classes, inner_->feature_dim()));
  }

  torch::Tensor forward(const torch::Tensor&) override {
    throw Error("internal: a conditional discriminator needs class labels");
  }
  torch::Tensor conditioned(const torch::Tensor& images, const torch::Tensor& labels) override {
    const torch::Tensor phi = inner_->features(images);
    const torch::Tensor projection =
        (embed_->forward(labels).to(phi.dtype()) * phi.flatten(1)).sum(1, /*keepdim=*/true);
    return inner_->head(phi) + projection;
  }
  int classes() const override { return classes_; }

 private:
  std::shared_ptr<DiscriminatorNetwork> inner_;
  nn::Embedding embed_{nullptr};
  int classes_;
};

void require_resolved(const ModelConfig& model) {
  if (!model.preset || model.g_widths.empty() || model.d_widths.empty()) {
    throw Error("internal: networks need a resolved model configuration");
  }
  if (model.conditional && model.classes < 2) {
    throw Error(std::string("internal: a conditional model needs its number of classes (") +
                keys::kClasses + ")");
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
  if (auto* conditional = dynamic_cast<ConditionalGenerator*>(&generator)) {
    use_direct_upsampling(conditional->inner(), direct);
  } else if (auto* seed = dynamic_cast<SeedGenerator*>(&generator)) {
    seed->set_direct_upsampling(direct);
  }
}

torch::Tensor Network::conditioned(const torch::Tensor& input, const torch::Tensor&) {
  return forward(input);
}

torch::Tensor DiscriminatorNetwork::forward(const torch::Tensor& images) {
  return head(features(images));
}

std::shared_ptr<Network> make_generator(const ModelConfig& model, ImageShape shape) {
  require_resolved(model);
  const int inputs = model.noise_dim + conditional_classes(model);
  std::shared_ptr<Network> g;
  if (*model.preset == Preset::Seed) {
    g = std::make_shared<SeedGenerator>(inputs, model.g_widths, shape);
  } else {
    g = std::make_shared<CompactGenerator>(inputs, model.g_widths, shape);
  }
  if (!model.conditional) return g;
  return std::make_shared<ConditionalGenerator>(std::move(g), model.classes);
}

std::shared_ptr<Network> make_discriminator(const ModelConfig& model, ImageShape shape) {
  require_resolved(model);
  at::Generator rng = spectral_norm_rng();
  at::Generator* spectral = model.spectral_norm ? &rng : nullptr;
  std::shared_ptr<DiscriminatorNetwork> d;
  if (*model.preset == Preset::Seed) {
    d = std::make_shared<SeedDiscriminator>(model.d_widths, shape, spectral);
  } else {
    d = std::make_shared<CompactDiscriminator>(model.d_widths, shape, spectral);
  }
  if (!model.conditional) return d;
  return std::make_shared<ProjectionDiscriminator>(std::move(d), model.classes);
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
