#include "model/networks/network_layers.h"

#include <torch/csrc/autograd/custom_function.h>

#include <algorithm>
#include <cstdint>
#include <variant>

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
  if (!cache.valid_for(weight, channels_last)) {
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
    cache.folded_from(weight, channels_last);
  }
  auto y = torch::conv2d(x, cache.kernel, cache.bias, /*stride=*/1, /*padding=*/1);
  y = torch::pixel_shuffle(y, 2);
  return channels_last ? y.contiguous(at::MemoryFormat::ChannelsLast) : y;
}

namespace {

// Stride 2, one axis: output m of phase r (pixel 2m + r) reads input m + o through kernel tap
// k = r + padding - 2o, for the offsets o that give a tap. Each phase's offsets start at low[r];
// one convolution with a window of `window` input pixels serves both phases, its output q reading
// input q + low[0] + i: phase r's output m is the convolution's q = m + r * shift.
struct Phases {
  int64_t low[2] = {INT64_MAX, INT64_MAX};
  int64_t window = 0;
  int64_t shift = 0;  // low[1] - low[0]
};

Phases phases_of(int64_t kernel, int64_t padding) {
  Phases p;
  int64_t high[2] = {INT64_MIN, INT64_MIN};
  for (int64_t r = 0; r < 2; ++r) {
    for (int64_t k = 0; k < kernel; ++k) {
      if ((r + padding - k) % 2 != 0) continue;
      const int64_t o = (r + padding - k) / 2;
      p.low[r] = std::min(p.low[r], o);
      high[r] = std::max(high[r], o);
    }
  }
  p.shift = p.low[1] - p.low[0];
  p.window = std::max(high[0] - p.low[0], high[1] - p.low[1]) + 1;
  return p;
}

// [k * k, 4 * window * window]: which kernel tap each phase's window position reads (0 or 1).
torch::Tensor selection(int64_t kernel, int64_t padding, const Phases& p,
                        const torch::TensorOptions& options) {
  torch::Tensor s = torch::zeros({kernel * kernel, 4 * p.window * p.window});
  auto a = s.accessor<float, 2>();
  for (int64_t r = 0; r < 2; ++r) {
    for (int64_t c = 0; c < 2; ++c) {
      for (int64_t i = 0; i < p.window; ++i) {
        for (int64_t j = 0; j < p.window; ++j) {
          const int64_t ky = r + padding - 2 * (p.low[r] + i);
          const int64_t kx = c + padding - 2 * (p.low[c] + j);
          if (ky < 0 || ky >= kernel || kx < 0 || kx >= kernel) continue;
          a[ky * kernel + kx][((r * 2 + c) * p.window + i) * p.window + j] = 1;
        }
      }
    }
  }
  return s.to(options);
}

// The phases' outputs y [N, 4 * C, Q, Q] (channel (r * 2 + s) * C + c: phase (r, s) of channel c)
// interleaved into [N, C, 2M, 2M]: pixel (2m + r, 2n + s) is that channel of y at
// (m + r * shift, n + s * shift). A strided view of y copied once, and in the backward pass the
// same view of a zeroed gradient written once (autograd's own as_strided backward would scatter
// through an index, since the view's geometry looks as if it could overlap).
class Interleave : public torch::autograd::Function<Interleave> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* context, const torch::Tensor& y,
                               int64_t rows, int64_t shift, bool channels_last) {
    context->saved_data["rows"] = rows;
    context->saved_data["shift"] = shift;
    context->saved_data["sizes"] = y.sizes();
    context->saved_data["channels_last"] = y.is_contiguous(at::MemoryFormat::ChannelsLast);
    torch::Tensor out =
        torch::empty({y.size(0), y.size(1) / 4, 2 * rows, 2 * rows},
                     y.options().memory_format(channels_last ? at::MemoryFormat::ChannelsLast
                                                             : at::MemoryFormat::Contiguous));
    view_of(out, y.size(1) / 4).copy_(phases(y, rows, shift));
    return out;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* context,
                                                 torch::autograd::variable_list grads) {
    const int64_t rows = context->saved_data["rows"].toInt();
    const int64_t shift = context->saved_data["shift"].toInt();
    const auto sizes = context->saved_data["sizes"].toIntVector();
    const bool channels_last = context->saved_data["channels_last"].toBool();
    torch::Tensor grad = torch::empty(
        sizes, grads[0].options().memory_format(channels_last ? at::MemoryFormat::ChannelsLast
                                                              : at::MemoryFormat::Contiguous));
    phases(grad, rows, shift).copy_(view_of(grads[0], sizes[1] / 4));
    if (shift != 0) {
      // The view covers all but one row and one column of each phase: phase 0 never reads the
      // last, phase 1 never the first. Those take no gradient.
      const int64_t c = sizes[1] / 4;
      for (int64_t r = 0; r < 2; ++r) {
        for (int64_t s = 0; s < 2; ++s) {
          const torch::Tensor phase = grad.narrow(1, (r * 2 + s) * c, c);
          phase.select(2, r == 0 ? rows : 0).zero_();
          phase.select(3, s == 0 ? rows : 0).zero_();
        }
      }
    }
    return {grad, torch::Tensor(), torch::Tensor(), torch::Tensor()};
  }

 private:
  // y as [N, M, 2, M, 2, C]: (n, m, r, k, s, c) -> y[n, (r * 2 + s) * C + c, m + r * shift, ...].
  static torch::Tensor phases(const torch::Tensor& y, int64_t rows, int64_t shift) {
    const int64_t c = y.size(1) / 4;
    const auto st = y.strides();
    return y.as_strided(
        {y.size(0), rows, 2, rows, 2, c},
        {st[0], st[2], 2 * c * st[1] + shift * st[2], st[3], c * st[1] + shift * st[3], st[1]},
        y.storage_offset());
  }
  // out [N, C, 2M, 2M] as [N, M, 2, M, 2, C].
  static torch::Tensor view_of(const torch::Tensor& out, int64_t c) {
    const int64_t rows = out.size(2) / 2;
    const auto st = out.strides();
    return out.as_strided({out.size(0), rows, 2, rows, 2, c},
                          {st[0], 2 * st[2], st[2], 2 * st[3], st[3], st[1]}, out.storage_offset());
  }
};

}  // namespace

torch::Tensor transposed_conv(const nn::ConvTranspose2d& layer, const torch::Tensor& x,
                              FoldedKernel& cache) {
  const auto& o = layer->options;
  const torch::Tensor& weight = layer->weight;  // [in, out, k, k]
  const int64_t in = weight.size(0);
  const int64_t out = weight.size(1);
  const int64_t k = weight.size(2);
  const int64_t stride = o.stride()->at(0);
  // The options' padding is a c10::variant in LibTorch 1.x and a std::variant later: `get` found
  // by argument-dependent lookup reads either.
  using std::get;
  const int64_t padding = get<torch::ExpandingArray<2>>(o.padding())->at(0);
  // The input's layout, or the weight's where the input's is moot (one channel, or z as 1x1).
  const bool moot = x.size(1) == 1 || (x.size(2) == 1 && x.size(3) == 1);
  const bool channels_last = moot ? weight.is_contiguous(at::MemoryFormat::ChannelsLast)
                                  : x.is_contiguous(at::MemoryFormat::ChannelsLast);
  if (x.size(2) == 1 && x.size(3) == 1 && padding == 0) {
    // out[n, c, y, x] = sum_i z[n, i] w[i, c, y, x]; channels-last: the product's columns ordered
    // (y, x, c), viewed as [n, c, y, x] without a copy.
    if (!cache.valid_for(weight, channels_last)) {
      cache.kernel = channels_last ? weight.permute({0, 2, 3, 1}).reshape({in, k * k * out})
                                   : weight.reshape({in, out * k * k});
      cache.folded_from(weight, channels_last);
    }
    const torch::Tensor y = torch::mm(x.reshape({x.size(0), in}), cache.kernel);
    return channels_last ? y.view({x.size(0), k, k, out}).permute({0, 3, 1, 2})
                         : y.view({x.size(0), out, k, k});
  }
  TORCH_CHECK(x.size(2) == x.size(3), "transposed_conv: a square input");
  TORCH_CHECK(stride == 2, "transposed_conv: stride ", stride, " with a ", x.size(2), "x",
              x.size(3), " input");
  const Phases p = phases_of(k, padding);
  if (!cache.valid_for(weight, channels_last)) {
    const torch::Tensor folded =
        torch::mm(weight.reshape({in * out, k * k}),
                  selection(k, padding, p, weight.options().requires_grad(false)));
    // Channel (r * 2 + s) * out + c holds phase (r, s) of output channel c.
    cache.kernel = folded.view({in, out, 4, p.window, p.window})
                       .permute({2, 1, 0, 3, 4})
                       .reshape({4 * out, in, p.window, p.window});
    cache.kernel = cache.kernel.contiguous(channels_last ? at::MemoryFormat::ChannelsLast
                                                         : at::MemoryFormat::Contiguous);
    cache.folded_from(weight, channels_last);
  }
  // The convolution's output q reads input q + low[0] + i; it needs rows + shift outputs.
  const int64_t side = x.size(2);
  const int64_t side_out = (side - 1) * 2 - 2 * padding + k;
  const int64_t rows = (side_out + 1) / 2;
  const int64_t before = -p.low[0];
  const int64_t after = rows + p.shift - 1 + p.low[0] + p.window - side;
  TORCH_CHECK(before >= 0 && after >= 0, "transposed_conv: padding ", padding, " of a ", k, "x", k,
              " kernel");
  torch::Tensor y;
  if (before == after) {
    y = torch::conv2d(x, cache.kernel, {}, /*stride=*/1, before);
  } else {
    y = torch::conv2d(F::pad(x, F::PadFuncOptions({before, after, before, after})), cache.kernel);
  }
  y = Interleave::apply(y, rows, p.shift, channels_last);
  if (y.size(2) != side_out) y = y.slice(2, 0, side_out).slice(3, 0, side_out);
  return channels_last ? y.contiguous(at::MemoryFormat::ChannelsLast) : y.contiguous();
}

nn::BatchNorm2d seed_batch_norm2d(int64_t channels) {
  return nn::BatchNorm2d(
      nn::BatchNormOptions(channels).momentum(kSeedBatchNormMomentum).eps(kKerasBatchNormEpsilon));
}

}  // namespace gs::layers
