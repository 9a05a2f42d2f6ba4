#include "model/networks/network_layers.h"

namespace gs::layers {

at::Generator spectral_norm_rng() { return at::detail::createCPUGenerator(0x5EC7); }

torch::Tensor leaky(const torch::Tensor& x, double slope) {
  return F::leaky_relu(x, F::LeakyReLUFuncOptions().negative_slope(slope).inplace(true));
}

torch::Tensor upsample2x(const torch::Tensor& x) {
  return F::interpolate(x, F::InterpolateFuncOptions()
                               .scale_factor(std::vector<double>{2.0, 2.0})
                               .mode(torch::kNearest));
}

namespace {

// Input row (k = 0, 1, 2 for i - 1, i, i + 1) each kernel row (d = 0..4) reads, at output phase r.
torch::Tensor fold_matrix(int phase, const torch::TensorOptions& options) {
  static const float kPhase0[3][5] = {{1, 1, 0, 0, 0}, {0, 0, 1, 1, 0}, {0, 0, 0, 0, 1}};
  static const float kPhase1[3][5] = {{1, 0, 0, 0, 0}, {0, 1, 1, 0, 0}, {0, 0, 0, 1, 1}};
  return torch::from_blob(const_cast<float*>(&(phase == 0 ? kPhase0 : kPhase1)[0][0]), {3, 5})
      .to(options);
}

}  // namespace

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

}  // namespace gs::layers
