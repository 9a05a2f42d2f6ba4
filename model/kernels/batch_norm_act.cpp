#include "model/kernels/batch_norm_act.h"

#include <torch/csrc/autograd/custom_function.h>
#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/batchnorm.h>

#include <cmath>
#include <vector>

#include "model/kernels/kernel_support.h"

namespace gs::kernels {

namespace {

// Rows summed in float before they are added into doubles.
constexpr int64_t kBlock = 256;
// Rows (pixels) per thread at least: below this a pass is not worth splitting.
constexpr int64_t kGrain = 512;

// Per channel, over `rows` rows of `channels`: sums of (x - shift) and of its square.
GS_KERNEL_CLONES
void shifted_sums(const float* __restrict x, int64_t rows, int64_t channels,
                  const float* __restrict shift, float* __restrict sum, float* __restrict squares) {
  for (int64_t c = 0; c < channels; ++c) sum[c] = squares[c] = 0.0F;
  for (int64_t r = 0; r < rows; ++r) {
    const float* __restrict row = x + r * channels;
    for (int64_t c = 0; c < channels; ++c) {
      const float d = row[c] - shift[c];
      sum[c] += d;
      squares[c] += d * d;
    }
  }
}

// y = act(x * scale + offset), act(z) = z > 0 ? z : slope * z.
GS_KERNEL_CLONES
void normalise_act(const float* __restrict x, int64_t rows, int64_t channels,
                   const float* __restrict scale, const float* __restrict offset, float slope,
                   float* __restrict y) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* __restrict in = x + r * channels;
    float* __restrict out = y + r * channels;
    for (int64_t c = 0; c < channels; ++c) {
      const float z = in[c] * scale[c] + offset[c];
      out[c] = z > 0.0F ? z : z * slope;
    }
  }
}

// Per channel: sums of g and of g * (x - mean), g being the gradient before the activation.
GS_KERNEL_CLONES
void gradient_sums(const float* __restrict x, const float* __restrict dy, int64_t rows,
                   int64_t channels, const float* __restrict scale, const float* __restrict offset,
                   const float* __restrict mean, float slope, float* __restrict sum,
                   float* __restrict centred) {
  for (int64_t c = 0; c < channels; ++c) sum[c] = centred[c] = 0.0F;
  for (int64_t r = 0; r < rows; ++r) {
    const float* __restrict in = x + r * channels;
    const float* __restrict grad = dy + r * channels;
    for (int64_t c = 0; c < channels; ++c) {
      const float z = in[c] * scale[c] + offset[c];
      const float g = z > 0.0F ? grad[c] : grad[c] * slope;
      sum[c] += g;
      centred[c] += g * (in[c] - mean[c]);
    }
  }
}

// dx = a (g - b) - (x - mean) e, per channel's a, b, e.
GS_KERNEL_CLONES
void input_gradient(const float* __restrict x, const float* __restrict dy, int64_t rows,
                    int64_t channels, const float* __restrict scale, const float* __restrict offset,
                    const float* __restrict mean, float slope, const float* __restrict a,
                    const float* __restrict b, const float* __restrict e, float* __restrict dx) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* __restrict in = x + r * channels;
    const float* __restrict grad = dy + r * channels;
    float* __restrict out = dx + r * channels;
    for (int64_t c = 0; c < channels; ++c) {
      const float z = in[c] * scale[c] + offset[c];
      const float g = z > 0.0F ? grad[c] : grad[c] * slope;
      out[c] = a[c] * (g - b[c]) - (in[c] - mean[c]) * e[c];
    }
  }
}

// Two per-channel sums over all rows of x (and dy), each part's float blocks added into doubles:
// `sums(rows_pointer_offset, rows, first, second)` fills one block's two float sums.
template <typename BlockSums>
std::vector<double> channel_sums(int64_t rows, int64_t channels, BlockSums sums) {
  const Parts parts(rows, kGrain);
  std::vector<double> partials(parts.count * 2 * channels, 0.0);
  parts.run([&](int64_t part, int64_t first, int64_t last) {
    std::vector<float> a(channels);
    std::vector<float> b(channels);
    double* into = partials.data() + part * 2 * channels;
    for (int64_t r = first; r < last; r += kBlock) {
      sums(r, std::min(kBlock, last - r), a.data(), b.data());
      for (int64_t c = 0; c < channels; ++c) {
        into[c] += a[c];
        into[channels + c] += b[c];
      }
    }
  });
  add_parts(partials, parts.count, 2 * channels);
  partials.resize(2 * channels);
  return partials;
}

// A float32 CPU tensor's values (the scale and shift: contiguous, batch_norm_act_applies checks).
std::vector<float> floats(const torch::Tensor& t) {
  const float* data = t.data_ptr<float>();
  return {data, data + t.numel()};
}

// Saved between the passes as plain doubles: no tensor, no operator call.
std::vector<float> floats(const c10::IValue& saved) {
  const std::vector<double> values = saved.toDoubleVector();
  return {values.begin(), values.end()};
}

torch::Tensor activation(const torch::Tensor& z, double slope) {
  namespace F = torch::nn::functional;
  return slope == 0 ? torch::relu(z)
                    : F::leaky_relu(z, F::LeakyReLUFuncOptions().negative_slope(slope));
}

class BatchNormAct : public torch::autograd::Function<BatchNormAct> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* context, const torch::Tensor& x,
                               const torch::Tensor& weight, const torch::Tensor& bias,
                               const torch::Tensor& running_mean, const torch::Tensor& running_var,
                               double momentum, double eps, double slope) {
    const int64_t channels = x.size(1);
    const int64_t rows = x.numel() / channels;
    const float* in = x.data_ptr<float>();
    // Sums shifted by the first pixel's values: no cancellation when the mean is far from zero.
    const std::vector<float> first(in, in + channels);
    const std::vector<double> sums =
        channel_sums(rows, channels, [&](int64_t r, int64_t n, float* sum, float* squares) {
          shifted_sums(in + r * channels, n, channels, first.data(), sum, squares);
        });
    const std::vector<float> gamma = floats(weight);
    const std::vector<float> beta = floats(bias);
    std::vector<float> mean(channels), invstd(channels), scale(channels), offset(channels);
    const auto count = static_cast<double>(rows);
    float* rm = running_mean.data_ptr<float>();
    float* rv = running_var.data_ptr<float>();
    for (int64_t c = 0; c < channels; ++c) {
      const double shifted = sums[c] / count;
      const double var = std::max(sums[channels + c] / count - shifted * shifted, 0.0);
      const double m = first[c] + shifted;
      mean[c] = static_cast<float>(m);
      invstd[c] = static_cast<float>(1.0 / std::sqrt(var + eps));
      scale[c] = gamma[c] * invstd[c];
      offset[c] = beta[c] - mean[c] * scale[c];
      rm[c] = static_cast<float>(momentum * m + (1 - momentum) * rm[c]);
      rv[c] = static_cast<float>(momentum * var * count / (count - 1) + (1 - momentum) * rv[c]);
    }
    running_mean.unsafeGetTensorImpl()->bump_version();
    running_var.unsafeGetTensorImpl()->bump_version();
    torch::Tensor y = torch::empty_like(x, at::MemoryFormat::ChannelsLast);
    float* out = y.data_ptr<float>();
    Parts(rows, kGrain).run([&](int64_t, int64_t begin, int64_t end) {
      normalise_act(in + begin * channels, end - begin, channels, scale.data(), offset.data(),
                    static_cast<float>(slope), out + begin * channels);
    });
    context->save_for_backward({x, weight, bias});
    context->saved_data["mean"] = std::vector<double>(mean.begin(), mean.end());
    context->saved_data["invstd"] = std::vector<double>(invstd.begin(), invstd.end());
    context->saved_data["eps"] = eps;
    context->saved_data["slope"] = slope;
    return y;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* context,
                                                 torch::autograd::variable_list grads) {
    const auto saved = context->get_saved_variables();
    const torch::Tensor& x = saved[0];
    const torch::Tensor& weight = saved[1];
    const torch::Tensor& bias = saved[2];
    const double eps = context->saved_data["eps"].toDouble();
    const double slope = context->saved_data["slope"].toDouble();
    const torch::Tensor none;
    if (!grads[0].defined()) return {none, none, none, none, none, none, none, none};
    if (torch::GradMode::is_enabled()) {
      auto found = reference_gradients(
          [&](const torch::autograd::variable_list& in) {
            return activation(torch::batch_norm(in[0], in[1], in[2], {}, {}, /*training=*/true, 0.0,
                                                eps, /*cudnn_enabled=*/false),
                              slope);
          },
          {x, weight, bias}, grads[0]);
      return {found[0], found[1], found[2], none, none, none, none, none};
    }
    const int64_t channels = x.size(1);
    const int64_t rows = x.numel() / channels;
    const std::vector<float> mean = floats(context->saved_data["mean"]);
    const std::vector<float> invstd = floats(context->saved_data["invstd"]);
    const std::vector<float> gamma = floats(weight);
    const std::vector<float> beta = floats(bias);
    std::vector<float> scale(channels), offset(channels);
    for (int64_t c = 0; c < channels; ++c) {
      scale[c] = gamma[c] * invstd[c];
      offset[c] = beta[c] - mean[c] * scale[c];
    }
    const torch::Tensor dy = grads[0].contiguous(at::MemoryFormat::ChannelsLast);
    const float* in = x.data_ptr<float>();
    const float* grad = dy.data_ptr<float>();
    const auto s = static_cast<float>(slope);
    const std::vector<double> sums =
        channel_sums(rows, channels, [&](int64_t r, int64_t n, float* sum, float* centred) {
          gradient_sums(in + r * channels, grad + r * channels, n, channels, scale.data(),
                        offset.data(), mean.data(), s, sum, centred);
        });
    torch::Tensor grad_x;
    if (context->needs_input_grad(0)) {
      const auto count = static_cast<double>(rows);
      std::vector<float> a(channels), b(channels), e(channels);
      for (int64_t c = 0; c < channels; ++c) {
        a[c] = scale[c];
        b[c] = static_cast<float>(sums[c] / count);
        e[c] = static_cast<float>(scale[c] * static_cast<double>(invstd[c]) * invstd[c] *
                                  sums[channels + c] / count);
      }
      grad_x = torch::empty_like(x, at::MemoryFormat::ChannelsLast);
      float* out = grad_x.data_ptr<float>();
      Parts(rows, kGrain).run([&](int64_t, int64_t begin, int64_t end) {
        input_gradient(in + begin * channels, grad + begin * channels, end - begin, channels,
                       scale.data(), offset.data(), mean.data(), s, a.data(), b.data(), e.data(),
                       out + begin * channels);
      });
    }
    torch::Tensor grad_weight;
    torch::Tensor grad_bias;
    if (context->needs_input_grad(1)) {
      std::vector<float> g(channels);
      for (int64_t c = 0; c < channels; ++c) {
        g[c] = static_cast<float>(sums[channels + c] * invstd[c]);
      }
      grad_weight = torch::tensor(g).view_as(weight);
    }
    if (context->needs_input_grad(2)) {
      std::vector<float> g(sums.begin(), sums.begin() + channels);
      grad_bias = torch::tensor(g).view_as(bias);
    }
    return {grad_x, grad_weight, grad_bias, none, none, none, none, none};
  }
};

bool is_float_cpu(const torch::Tensor& t) {
  return t.defined() && t.device().is_cpu() && t.scalar_type() == torch::kFloat32 &&
         t.is_contiguous();
}

}  // namespace

bool batch_norm_act_applies(const torch::nn::BatchNorm2dImpl& norm, const torch::Tensor& x) {
  const auto& o = norm.options;
  if (!norm.is_training() || !o.affine() || !o.track_running_stats() || !o.momentum()) return false;
  if (cpu_autocast() || x.dim() != 4 || x.size(1) != o.num_features()) return false;
  if (!x.device().is_cpu() || x.scalar_type() != torch::kFloat32) return false;
  if (!x.is_contiguous(at::MemoryFormat::ChannelsLast) || x.numel() / x.size(1) < 2) return false;
  return is_float_cpu(norm.weight) && is_float_cpu(norm.bias) && is_float_cpu(norm.running_mean) &&
         is_float_cpu(norm.running_var) && norm.num_batches_tracked.defined();
}

torch::Tensor batch_norm_act(torch::nn::BatchNorm2dImpl& norm, const torch::Tensor& x,
                             double slope) {
  if (!batch_norm_act_applies(norm, x)) {
    namespace F = torch::nn::functional;
    const torch::Tensor y = norm.forward(x);
    return slope == 0
               ? y.relu_()
               : F::leaky_relu(y, F::LeakyReLUFuncOptions().negative_slope(slope).inplace(true));
  }
  {
    torch::NoGradGuard no_grad;
    norm.num_batches_tracked += 1;
  }
  const auto& o = norm.options;
  return BatchNormAct::apply(x, norm.weight, norm.bias, norm.running_mean, norm.running_var,
                             *o.momentum(), o.eps(), slope);
}

}  // namespace gs::kernels
