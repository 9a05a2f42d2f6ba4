// What every network shares, and the networks of a configuration: the preset's pair
// (seed_networks.cpp, compact_networks.cpp), conditional when asked (conditional_networks.cpp).
#include "model/networks/networks.h"

#include <torch/nn/functional/dropout.h>
#include <torch/nn/modules/batchnorm.h>

#include <cmath>

#include "model/config/keys.h"
#include "model/io/error.h"
#include "model/networks/compact_networks.h"
#include "model/networks/conditional_networks.h"
#include "model/networks/network_layers.h"
#include "model/networks/seed_networks.h"

namespace gs {

namespace F = torch::nn::functional;
namespace nn = torch::nn;

namespace {

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
  channels_last_ = true;
  torch::NoGradGuard no_grad;
  for (auto& parameter : parameters()) {
    if (parameter.dim() == 4) {
      parameter.set_data(parameter.contiguous(at::MemoryFormat::ChannelsLast));
    }
  }
}

torch::Tensor Network::as_input(const torch::Tensor& images) const {
  if (!channels_last_ || images.dim() != 4) return images;
  if (images.size(1) != 1) return images.contiguous(at::MemoryFormat::ChannelsLast);
  const torch::Tensor x = images.contiguous();
  return x.view({x.size(0), x.size(2), x.size(3), 1}).permute({0, 3, 1, 2});
}

void use_direct_upsampling(Network& generator, bool direct) {
  if (Network* inner = conditional_inner(generator)) {
    use_direct_upsampling(*inner, direct);
  } else {
    set_seed_direct_upsampling(generator, direct);
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
    g = make_seed_generator(inputs, model.g_widths, shape);
  } else {
    g = make_compact_generator(inputs, model.g_widths, shape);
  }
  if (!model.conditional) return g;
  return make_conditional_generator(std::move(g), model.classes);
}

std::shared_ptr<Network> make_discriminator(const ModelConfig& model, ImageShape shape) {
  require_resolved(model);
  at::Generator rng = layers::spectral_norm_rng();
  at::Generator* spectral = model.spectral_norm ? &rng : nullptr;
  std::shared_ptr<DiscriminatorNetwork> d;
  if (*model.preset == Preset::Seed) {
    d = make_seed_discriminator(model.d_widths, shape, spectral);
  } else {
    d = make_compact_discriminator(model.d_widths, shape, spectral);
  }
  if (!model.conditional) return d;
  return make_projection_discriminator(std::move(d), model.classes);
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
