#include "model/kernels/few_channel_conv.h"

#include <torch/csrc/autograd/custom_function.h>
#include <torch/nn/functional/activation.h>

#include <vector>

#include "model/kernels/kernel_support.h"
#include "model/kernels/window_products.h"

namespace gs::kernels {

namespace {

constexpr int64_t kMaxFew = 4;       // channels on the narrow side
constexpr int64_t kMaxWide = 1024;   // channels on the wide side
constexpr int64_t kMaxWindow = 256;  // narrow channels x kernel taps

// weight [wide, few, k, k] (a convolution's [out, in, k, k], a transposed one's [in, out, k, k])
// as window x wide, and as wide x window.
torch::Tensor window_major(const torch::Tensor& weight) {
  return weight.permute({2, 3, 1, 0}).contiguous();  // [k, k, few, wide]
}
torch::Tensor wide_major(const torch::Tensor& weight) {
  return weight.permute({0, 2, 3, 1}).contiguous();  // [wide, k, k, few]
}

// One thread's buffers: a sample's padded image side, and window rows.
struct Scratch {
  std::vector<float> padded;
  std::vector<float> rows;
};

// Per sample of the batch, in parallel (one part per range of samples): body(part, sample,
// scratch).
template <typename Body>
void per_sample(const Geometry& g, const Parts& parts, Body body) {
  parts.run([&](int64_t part, int64_t first, int64_t last) {
    Scratch scratch{std::vector<float>(g.padded_size()),
                    std::vector<float>(g.pixels() * g.window())};
    for (int64_t b = first; b < last; ++b) body(part, b, scratch);
  });
}

// The three passes both layers are made of, one a mirror of the other: a convolution's forward
// pass is a transposed one's input gradient, and the reverse.

// Feature side = each window of the image side times the weights (weight: [wide, few, k, k]).
torch::Tensor windows_times(const Geometry& g, const torch::Tensor& image,
                            const torch::Tensor& weight) {
  torch::Tensor features = empty_channels_innermost(g.n, g.wide, g.oh, g.ow, image.options());
  const torch::Tensor weights = window_major(weight);
  const WindowTables tables(g);
  per_sample(g, Parts(g.n, 1), [&](int64_t, int64_t b, Scratch& scratch) {
    pad_sample(g, image.data_ptr<float>(), b, scratch.padded.data());
    windows_times_weights(g, tables, scratch.padded.data(), weights.data_ptr<float>(),
                          features.data_ptr<float>() + b * g.feature_size());
  });
  return features;
}

// Image side = each feature pixel times the weights, added into its window.
torch::Tensor added_into_windows(const Geometry& g, const torch::Tensor& features,
                                 const torch::Tensor& weight) {
  torch::Tensor image = empty_channels_innermost(g.n, g.few, g.h, g.w, features.options());
  const torch::Tensor weights_t = wide_major(weight);
  const WindowTables tables(g);
  per_sample(g, Parts(g.n, 1), [&](int64_t, int64_t b, Scratch& scratch) {
    std::fill(scratch.padded.begin(), scratch.padded.end(), 0.0F);
    add_to_windows(g, tables, features.data_ptr<float>() + b * g.feature_size(),
                   weights_t.data_ptr<float>(), scratch.rows.data(), scratch.padded.data());
    unpad_sample(g, scratch.padded.data(), b, image.data_ptr<float>());
  });
  return image;
}

// The weight's gradient: the sum over pixels of each window (x) its feature pixel, each part's
// float sums folded into doubles after every sample, the parts added in order; in `weight`'s
// shape and memory layout.
torch::Tensor weight_gradient(const Geometry& g, const torch::Tensor& image,
                              const torch::Tensor& features, const torch::Tensor& weight) {
  const int64_t size = g.window() * g.wide;
  const Parts parts(g.n, 1);
  std::vector<float> floats(parts.count * size, 0.0F);
  std::vector<double> doubles(parts.count * size, 0.0);
  const WindowTables tables(g);
  per_sample(g, parts, [&](int64_t part, int64_t b, Scratch& scratch) {
    float* f = floats.data() + part * size;
    double* d = doubles.data() + part * size;
    pad_sample(g, image.data_ptr<float>(), b, scratch.padded.data());
    add_window_products(g, tables, scratch.padded.data(),
                        features.data_ptr<float>() + b * g.feature_size(), f);
    for (int64_t i = 0; i < size; ++i) {
      d[i] += f[i];
      f[i] = 0.0F;
    }
  });
  add_parts(doubles, parts.count, size);
  return torch::from_blob(doubles.data(), {g.k, g.k, g.few, g.wide}, torch::kFloat64)
      .to(torch::kFloat32)
      .permute({3, 2, 0, 1})
      .contiguous(weight.suggest_memory_format());
}

bool common_applies(const torch::Tensor& x, const torch::Tensor& weight, int64_t few,
                    int64_t wide) {
  if (cpu_autocast() || x.dim() != 4 || weight.dim() != 4) return false;
  if (!x.device().is_cpu() || !weight.device().is_cpu()) return false;
  if (x.scalar_type() != torch::kFloat32 || weight.scalar_type() != torch::kFloat32) return false;
  if (weight.size(2) != weight.size(3)) return false;
  return few >= 1 && few <= kMaxFew && wide >= 1 && wide <= kMaxWide &&
         few * weight.size(2) * weight.size(3) <= kMaxWindow;
}

// ---- conv2d + LeakyReLU --------------------------------------------------------------------

Geometry conv_geometry(const torch::Tensor& x, const torch::Tensor& weight, int64_t stride,
                       int64_t padding) {
  Geometry g;
  g.n = x.size(0);
  g.few = x.size(1);
  g.h = x.size(2);
  g.w = x.size(3);
  g.wide = weight.size(0);
  g.k = weight.size(2);
  g.stride = stride;
  g.padding = padding;
  g.oh = (g.h + 2 * padding - g.k) / stride + 1;
  g.ow = (g.w + 2 * padding - g.k) / stride + 1;
  return g;
}

torch::Tensor reference_conv_leaky(const torch::Tensor& x, const torch::Tensor& weight,
                                   int64_t stride, int64_t padding, double slope) {
  namespace F = torch::nn::functional;
  return F::leaky_relu(torch::conv2d(x, weight, {}, stride, padding),
                       F::LeakyReLUFuncOptions().negative_slope(slope));
}

class ConvLeaky : public torch::autograd::Function<ConvLeaky> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* context, const torch::Tensor& x,
                               const torch::Tensor& weight, int64_t stride, int64_t padding,
                               double slope) {
    const torch::Tensor image = with_channels_innermost(x);
    const Geometry g = conv_geometry(image, weight, stride, padding);
    torch::Tensor out = windows_times(g, image, weight);
    Parts(out.numel(), 4096).run([&](int64_t, int64_t first, int64_t last) {
      leaky_in_place(out.data_ptr<float>() + first, last - first, static_cast<float>(slope));
    });
    context->save_for_backward({x, weight, out});
    context->saved_data["stride"] = stride;
    context->saved_data["padding"] = padding;
    context->saved_data["slope"] = slope;
    return out;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* context,
                                                 torch::autograd::variable_list grads) {
    const auto saved = context->get_saved_variables();
    const torch::Tensor& x = saved[0];
    const torch::Tensor& weight = saved[1];
    const int64_t stride = context->saved_data["stride"].toInt();
    const int64_t padding = context->saved_data["padding"].toInt();
    const double slope = context->saved_data["slope"].toDouble();
    const torch::Tensor none;
    if (!grads[0].defined()) return {none, none, none, none, none};
    if (torch::GradMode::is_enabled()) {
      auto found = reference_gradients(
          [&](const torch::autograd::variable_list& in) {
            return reference_conv_leaky(in[0], in[1], stride, padding, slope);
          },
          {x, weight}, grads[0]);
      return {found[0], found[1], none, none, none};
    }
    const torch::Tensor image = with_channels_innermost(x);
    const Geometry g = conv_geometry(image, weight, stride, padding);
    const torch::Tensor& out = saved[2];
    const torch::Tensor grad_out = with_channels_innermost(grads[0]);
    // The gradient before LeakyReLU, from its output's sign.
    torch::Tensor before = torch::empty_like(out);
    Parts(out.numel(), 4096).run([&](int64_t, int64_t first, int64_t last) {
      leaky_gradient(out.data_ptr<float>() + first, grad_out.data_ptr<float>() + first,
                     last - first, static_cast<float>(slope), before.data_ptr<float>() + first);
    });
    torch::Tensor grad_x;
    torch::Tensor grad_weight;
    if (context->needs_input_grad(0)) grad_x = added_into_windows(g, before, weight);
    if (context->needs_input_grad(1)) grad_weight = weight_gradient(g, image, before, weight);
    return {grad_x, grad_weight, none, none, none};
  }
};

// ---- conv_transpose2d -----------------------------------------------------------------------

// The transposed convolution's output is the direct convolution's image side: input pixels are
// feature pixels whose windows scatter into the output.
Geometry transpose_geometry(const torch::Tensor& x, const torch::Tensor& weight, int64_t stride,
                            int64_t padding) {
  Geometry g;
  g.n = x.size(0);
  g.wide = x.size(1);
  g.oh = x.size(2);
  g.ow = x.size(3);
  g.few = weight.size(1);
  g.k = weight.size(2);
  g.stride = stride;
  g.padding = padding;
  g.h = (g.oh - 1) * stride - 2 * padding + g.k;
  g.w = (g.ow - 1) * stride - 2 * padding + g.k;
  return g;
}

class ConvTranspose : public torch::autograd::Function<ConvTranspose> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* context, const torch::Tensor& x,
                               const torch::Tensor& weight, int64_t stride, int64_t padding) {
    const torch::Tensor features = with_channels_innermost(x);
    const Geometry g = transpose_geometry(features, weight, stride, padding);
    // Each input pixel's window of the output is the pixel times the weights.
    torch::Tensor out = added_into_windows(g, features, weight);
    context->save_for_backward({x, weight});
    context->saved_data["stride"] = stride;
    context->saved_data["padding"] = padding;
    return out;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* context,
                                                 torch::autograd::variable_list grads) {
    const auto saved = context->get_saved_variables();
    const torch::Tensor& x = saved[0];
    const torch::Tensor& weight = saved[1];
    const int64_t stride = context->saved_data["stride"].toInt();
    const int64_t padding = context->saved_data["padding"].toInt();
    const torch::Tensor none;
    if (!grads[0].defined()) return {none, none, none, none};
    if (torch::GradMode::is_enabled()) {
      auto found = reference_gradients(
          [&](const torch::autograd::variable_list& in) {
            return torch::conv_transpose2d(in[0], in[1], {}, stride, padding);
          },
          {x, weight}, grads[0]);
      return {found[0], found[1], none, none};
    }
    const torch::Tensor features = with_channels_innermost(x);
    const Geometry g = transpose_geometry(features, weight, stride, padding);
    const torch::Tensor grad_out = with_channels_innermost(grads[0]);
    // Each input pixel's gradient: its window of the output's gradient times the weights.
    torch::Tensor grad_x;
    torch::Tensor grad_weight;
    if (context->needs_input_grad(0)) grad_x = windows_times(g, grad_out, weight);
    if (context->needs_input_grad(1)) grad_weight = weight_gradient(g, grad_out, features, weight);
    return {grad_x, grad_weight, none, none};
  }
};

}  // namespace

bool conv_leaky_applies(const torch::Tensor& x, const torch::Tensor& weight) {
  return common_applies(x, weight, x.size(1), weight.size(0)) && weight.size(1) == x.size(1);
}

torch::Tensor conv_leaky(const torch::Tensor& x, const torch::Tensor& weight, int64_t stride,
                         int64_t padding, double slope) {
  if (!conv_leaky_applies(x, weight))
    return reference_conv_leaky(x, weight, stride, padding, slope);
  return ConvLeaky::apply(x, weight, stride, padding, slope);
}

bool conv_transpose_applies(const torch::Tensor& x, const torch::Tensor& weight) {
  return common_applies(x, weight, weight.size(1), x.size(1)) && weight.size(0) == x.size(1);
}

torch::Tensor conv_transpose(const torch::Tensor& x, const torch::Tensor& weight, int64_t stride,
                             int64_t padding) {
  if (!conv_transpose_applies(x, weight) || stride < 1 || padding < 0 ||
      transpose_geometry(x, weight, stride, padding).h < 1) {
    return torch::conv_transpose2d(x, weight, {}, stride, padding);
  }
  return ConvTranspose::apply(x, weight, stride, padding);
}

}  // namespace gs::kernels
