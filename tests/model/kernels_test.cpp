// The hand-written CPU kernels (model/kernels/) against LibTorch's own layers: outputs, every
// gradient, the running statistics, second derivatives, and the cases where they step aside.
#include <ATen/autocast_mode.h>
#include <gtest/gtest.h>
#include <torch/nn/functional/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <string>

#include "model/kernels/batch_norm_act.h"
#include "model/kernels/few_channel_conv.h"

namespace gs {
namespace {

namespace F = torch::nn::functional;

// The largest difference, relative to the largest magnitude of `expected` (at least 1).
double relative_error(const torch::Tensor& got, const torch::Tensor& expected) {
  const double scale = std::max(expected.abs().max().item<double>(), 1.0);
  return (got - expected).abs().max().item<double>() / scale;
}

torch::Tensor leaky(const torch::Tensor& x, double slope) {
  return F::leaky_relu(x, F::LeakyReLUFuncOptions().negative_slope(slope));
}

struct ConvCase {
  int64_t few, wide, kernel, stride, padding, side;
  std::string name() const {
    return "few " + std::to_string(few) + " wide " + std::to_string(wide) + " kernel " +
           std::to_string(kernel) + " stride " + std::to_string(stride) + " padding " +
           std::to_string(padding) + " side " + std::to_string(side);
  }
};

// Outputs and both gradients (through a random weighting of the output) of `kernel` and
// `reference`, from the same input and weight.
struct Outcome {
  torch::Tensor out, grad_x, grad_weight;
};
template <typename Layer>
Outcome run(Layer layer, const torch::Tensor& x, const torch::Tensor& weight,
            const torch::Tensor& weighting) {
  const auto xv = x.detach().clone(at::MemoryFormat::Preserve).requires_grad_(true);
  const auto wv = weight.detach().clone(at::MemoryFormat::Preserve).requires_grad_(true);
  const torch::Tensor out = layer(xv, wv);
  (out * weighting).sum().backward();
  return {out.detach(), xv.grad(), wv.grad()};
}

void expect_same(const Outcome& got, const Outcome& expected) {
  ASSERT_EQ(got.out.sizes(), expected.out.sizes());
  EXPECT_LT(relative_error(got.out, expected.out), 1e-5);
  EXPECT_LT(relative_error(got.grad_x, expected.grad_x), 1e-5);
  EXPECT_LT(relative_error(got.grad_weight, expected.grad_weight), 1e-5);
  EXPECT_EQ(got.grad_weight.sizes(), expected.grad_weight.sizes());
}

// D's first layer: the shapes the presets use (one channel at 28, three at 32 and 64) and odd ones.
TEST(FewChannelConv, ConvolutionAndLeakyReluEqualLibTorchsInOutputAndGradients) {
  const ConvCase cases[] = {{1, 16, 4, 2, 1, 28}, {3, 16, 4, 2, 1, 32}, {3, 8, 4, 2, 1, 64},
                            {1, 8, 3, 1, 1, 9},   {2, 5, 5, 2, 2, 11},  {4, 7, 4, 2, 0, 7},
                            {1, 1, 2, 1, 0, 3}};
  at::Generator rng = at::detail::createCPUGenerator(3);
  for (const ConvCase& c : cases) {
    SCOPED_TRACE(c.name());
    const auto weight = torch::randn({c.wide, c.few, c.kernel, c.kernel}, rng) * 0.3;
    for (const bool channels_last : {false, true}) {
      auto x = torch::randn({5, c.few, c.side, c.side}, rng);
      if (channels_last) x = x.contiguous(at::MemoryFormat::ChannelsLast);
      ASSERT_TRUE(kernels::conv_leaky_applies(x, weight));
      const int64_t out_side = (c.side + 2 * c.padding - c.kernel) / c.stride + 1;
      const auto weighting = torch::randn({5, c.wide, out_side, out_side}, rng);
      const Outcome got = run(
          [&](const torch::Tensor& a, const torch::Tensor& w) {
            return kernels::conv_leaky(a, w, c.stride, c.padding, 0.2);
          },
          x, weight, weighting);
      const Outcome expected = run(
          [&](const torch::Tensor& a, const torch::Tensor& w) {
            return leaky(torch::conv2d(a, w, {}, c.stride, c.padding), 0.2);
          },
          x, weight, weighting);
      expect_same(got, expected);
      EXPECT_TRUE(got.out.is_contiguous(at::MemoryFormat::ChannelsLast));
    }
  }
}

// G's last layer: into one channel at 28, three at 32 and 64, and odd shapes.
TEST(FewChannelConv, TransposedConvolutionEqualsLibTorchsInOutputAndGradients) {
  const ConvCase cases[] = {{1, 16, 4, 2, 1, 14}, {3, 16, 4, 2, 1, 16}, {3, 8, 4, 2, 1, 32},
                            {2, 8, 3, 2, 1, 5},   {4, 5, 5, 1, 2, 6},   {1, 8, 4, 2, 1, 1},
                            {1, 3, 3, 2, 0, 4}};
  at::Generator rng = at::detail::createCPUGenerator(4);
  for (const ConvCase& c : cases) {
    SCOPED_TRACE(c.name());
    const auto weight = torch::randn({c.wide, c.few, c.kernel, c.kernel}, rng) * 0.3;
    for (const bool channels_last : {false, true}) {
      auto x = torch::randn({5, c.wide, c.side, c.side}, rng);
      if (channels_last) x = x.contiguous(at::MemoryFormat::ChannelsLast);
      ASSERT_TRUE(kernels::conv_transpose_applies(x, weight));
      const int64_t out_side = (c.side - 1) * c.stride - 2 * c.padding + c.kernel;
      const auto weighting = torch::randn({5, c.few, out_side, out_side}, rng);
      const Outcome got = run(
          [&](const torch::Tensor& a, const torch::Tensor& w) {
            return kernels::conv_transpose(a, w, c.stride, c.padding);
          },
          x, weight, weighting);
      const Outcome expected = run(
          [&](const torch::Tensor& a, const torch::Tensor& w) {
            return torch::conv_transpose2d(a, w, {}, c.stride, c.padding);
          },
          x, weight, weighting);
      expect_same(got, expected);
    }
  }
}

// Only the gradients autograd asks for: D's step needs the weight's, G's step (D frozen) the
// image's. Either comes out the same as when both are asked.
TEST(FewChannelConv, EachGradientAloneEqualsTheGradientOfBoth) {
  at::Generator rng = at::detail::createCPUGenerator(5);
  const auto x = torch::randn({4, 1, 28, 28}, rng);
  const auto weight = torch::randn({16, 1, 4, 4}, rng) * 0.3;
  const auto weighting = torch::randn({4, 16, 14, 14}, rng);
  const Outcome both =
      run([](const torch::Tensor& a,
             const torch::Tensor& w) { return kernels::conv_leaky(a, w, 2, 1, 0.2); },
          x, weight, weighting);
  const auto xv = x.clone().requires_grad_(true);
  (kernels::conv_leaky(xv, weight, 2, 1, 0.2) * weighting).sum().backward();
  EXPECT_TRUE(torch::equal(xv.grad(), both.grad_x));
  const auto wv = weight.clone().requires_grad_(true);
  (kernels::conv_leaky(x, wv, 2, 1, 0.2) * weighting).sum().backward();
  EXPECT_TRUE(torch::equal(wv.grad(), both.grad_weight));
}

// The gradient penalty differentiates D's input gradient again: through the kernels that second
// derivative is LibTorch's own.
TEST(FewChannelConv, ASecondDerivativeEqualsLibTorchs) {
  at::Generator rng = at::detail::createCPUGenerator(6);
  const auto x = torch::randn({3, 1, 12, 12}, rng);
  const auto weight = torch::randn({8, 1, 4, 4}, rng) * 0.3;
  auto penalty_grad = [&](auto layer) {
    const auto xv = x.clone().requires_grad_(true);
    const auto wv = weight.clone().requires_grad_(true);
    const auto out = layer(xv, wv);
    const auto g = torch::autograd::grad({out.pow(2).sum()}, {xv}, {}, true, true)[0];
    g.pow(2).sum().backward();
    return wv.grad();
  };
  const auto got = penalty_grad([](const torch::Tensor& a, const torch::Tensor& w) {
    return kernels::conv_leaky(a, w, 2, 1, 0.2);
  });
  const auto expected = penalty_grad([](const torch::Tensor& a, const torch::Tensor& w) {
    return leaky(torch::conv2d(a, w, {}, 2, 1), 0.2);
  });
  EXPECT_LT(relative_error(got, expected), 1e-5);
}

// Other types, autocast: LibTorch's layers, the same function.
TEST(FewChannelConv, DoublesAndWideImagesGoToLibTorch) {
  const auto x = torch::randn({2, 1, 8, 8}, torch::kFloat64);
  const auto weight = torch::randn({4, 1, 4, 4}, torch::kFloat64);
  EXPECT_FALSE(kernels::conv_leaky_applies(x, weight));
  EXPECT_TRUE(torch::allclose(kernels::conv_leaky(x, weight, 2, 1, 0.2),
                              leaky(torch::conv2d(x, weight, {}, 2, 1), 0.2)));
  EXPECT_FALSE(kernels::conv_leaky_applies(torch::randn({2, 8, 8, 8}), torch::randn({4, 8, 4, 4})));
  EXPECT_FALSE(
      kernels::conv_transpose_applies(torch::randn({2, 8, 4, 4}), torch::randn({8, 6, 4, 4})));
}

void set_cpu_autocast(bool on) {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
  at::autocast::set_autocast_enabled(at::kCPU, on);
#else
  at::autocast::set_cpu_enabled(on);
#endif
}

// training.precision: bf16 autocasts the forward passes: the layers are LibTorch's then, in its
// reduced type, and the kernels say so.
TEST(FewChannelConv, UnderAutocastTheLayersAreLibTorchs) {
  const auto x = torch::randn({2, 1, 8, 8});
  const auto weight = torch::randn({4, 1, 4, 4});
  const auto features = torch::randn({2, 4, 4, 4}).contiguous(at::MemoryFormat::ChannelsLast);
  torch::nn::BatchNorm2d norm(4);
  ASSERT_TRUE(kernels::conv_leaky_applies(x, weight));
  ASSERT_TRUE(kernels::batch_norm_act_applies(*norm, features));
  set_cpu_autocast(true);
  EXPECT_FALSE(kernels::conv_leaky_applies(x, weight));
  EXPECT_FALSE(kernels::conv_transpose_applies(features, torch::randn({4, 1, 4, 4})));
  EXPECT_FALSE(kernels::batch_norm_act_applies(*norm, features));
  set_cpu_autocast(false);
  at::autocast::clear_cache();
  EXPECT_TRUE(kernels::conv_leaky_applies(x, weight));
}

// The same inputs give the same bits (the threads' shares are added in a fixed order).
TEST(FewChannelConv, RepeatedCallsGiveTheSameBits) {
  at::Generator rng = at::detail::createCPUGenerator(7);
  const auto x = torch::randn({64, 16, 14, 14}, rng).contiguous(at::MemoryFormat::ChannelsLast);
  const auto weight = torch::randn({16, 1, 4, 4}, rng);
  const auto weighting = torch::randn({64, 1, 28, 28}, rng);
  auto once = [&] {
    return run([](const torch::Tensor& a,
                  const torch::Tensor& w) { return kernels::conv_transpose(a, w, 2, 1); },
               x, weight, weighting);
  };
  const Outcome a = once();
  const Outcome b = once();
  EXPECT_TRUE(torch::equal(a.out, b.out));
  EXPECT_TRUE(torch::equal(a.grad_x, b.grad_x));
  EXPECT_TRUE(torch::equal(a.grad_weight, b.grad_weight));
}

// ---- BatchNorm + activation ------------------------------------------------------------------

struct NormOutcome {
  torch::Tensor out, grad_x, grad_weight, grad_bias, running_mean, running_var;
  int64_t batches = 0;
};

NormOutcome run_norm(bool fused, const torch::Tensor& x, const torch::Tensor& weighting,
                     double slope, double momentum) {
  torch::nn::BatchNorm2d norm(torch::nn::BatchNormOptions(x.size(1)).momentum(momentum).eps(1e-3));
  {
    torch::NoGradGuard no_grad;
    const auto c = x.size(1);
    norm->weight.copy_(torch::linspace(0.5, 1.5, c));
    norm->bias.copy_(torch::linspace(-0.2, 0.3, c));
    norm->running_mean.copy_(torch::linspace(-1, 1, c));
    norm->running_var.copy_(torch::linspace(0.5, 2, c));
  }
  const auto xv = x.detach().clone(at::MemoryFormat::Preserve).requires_grad_(true);
  torch::Tensor out;
  if (fused) {
    EXPECT_TRUE(kernels::batch_norm_act_applies(*norm, xv));
    out = kernels::batch_norm_act(*norm, xv, slope);
  } else {
    out = norm->forward(xv);
    out = slope == 0 ? torch::relu(out) : leaky(out, slope);
  }
  (out * weighting).sum().backward();
  return {out.detach(),
          xv.grad(),
          norm->weight.grad(),
          norm->bias.grad(),
          norm->running_mean.clone(),
          norm->running_var.clone(),
          norm->num_batches_tracked.item<int64_t>()};
}

// G's BatchNorm + ReLU and D's BatchNorm + LeakyReLU at the compact networks' shapes, a small
// batch, and activations whose mean is far from zero: outputs, the running statistics and their
// counter, and the gradients of the input, the scale and the shift.
TEST(BatchNormAct, EqualsBatchNormThenTheActivation) {
  struct Case {
    std::vector<int64_t> shape;
    double slope;
    double offset;
  };
  const Case cases[] = {{{64, 64, 4, 4}, 0.0, 0.0}, {{64, 16, 14, 14}, 0.0, 0.0},
                        {{64, 32, 7, 7}, 0.2, 0.0}, {{64, 64, 3, 3}, 0.2, 0.0},
                        {{3, 5, 2, 3}, 0.2, 0.0},   {{8, 24, 5, 5}, 0.0, 300.0},
                        {{2, 3, 1, 1}, 0.3, -50.0}};
  at::Generator rng = at::detail::createCPUGenerator(8);
  for (const Case& c : cases) {
    SCOPED_TRACE("shape " + std::to_string(c.shape[0]) + "x" + std::to_string(c.shape[1]) + "x" +
                 std::to_string(c.shape[2]) + " slope " + std::to_string(c.slope) + " offset " +
                 std::to_string(c.offset));
    const auto x =
        (torch::randn(c.shape, rng) * 2 + c.offset).contiguous(at::MemoryFormat::ChannelsLast);
    const auto weighting = torch::randn(c.shape, rng);
    const NormOutcome got = run_norm(true, x, weighting, c.slope, 0.1);
    const NormOutcome expected = run_norm(false, x, weighting, c.slope, 0.1);
    // Far from zero a float holds the activations to about 3e-5 of their spread.
    const double tolerance = c.offset == 0 ? 2e-5 : 2e-4;
    EXPECT_LT(relative_error(got.out, expected.out), tolerance);
    EXPECT_TRUE(got.out.is_contiguous(at::MemoryFormat::ChannelsLast));
    EXPECT_LT(relative_error(got.grad_x, expected.grad_x), tolerance);
    EXPECT_LT(relative_error(got.grad_weight, expected.grad_weight), tolerance);
    EXPECT_LT(relative_error(got.grad_bias, expected.grad_bias), tolerance);
    EXPECT_LT(relative_error(got.running_mean, expected.running_mean), 1e-5);
    EXPECT_LT(relative_error(got.running_var, expected.running_var), 1e-4);
    EXPECT_EQ(got.batches, 1);
    EXPECT_EQ(got.batches, expected.batches);
  }
}

// Evaluation mode, a layout other than channels-last, doubles: the module and the activation.
TEST(BatchNormAct, StepsAsideWhereItDoesNotApply) {
  torch::nn::BatchNorm2d norm(4);
  const auto x = torch::randn({3, 4, 5, 5});
  EXPECT_FALSE(kernels::batch_norm_act_applies(*norm, x));  // NCHW
  EXPECT_TRUE(kernels::batch_norm_act_applies(*norm, x.contiguous(at::MemoryFormat::ChannelsLast)));
  EXPECT_FALSE(kernels::batch_norm_act_applies(*norm, torch::randn({1, 4, 1, 1})));
  norm->eval();
  const auto cl = x.contiguous(at::MemoryFormat::ChannelsLast);
  EXPECT_FALSE(kernels::batch_norm_act_applies(*norm, cl));
  EXPECT_TRUE(
      torch::allclose(kernels::batch_norm_act(*norm, cl, 0.2), leaky(norm->forward(cl), 0.2)));
  torch::nn::BatchNorm2d no_momentum(torch::nn::BatchNormOptions(4).momentum({}));
  EXPECT_FALSE(kernels::batch_norm_act_applies(*no_momentum, cl));
}

// A second derivative through the fused layer equals one through LibTorch's.
TEST(BatchNormAct, ASecondDerivativeEqualsLibTorchs) {
  at::Generator rng = at::detail::createCPUGenerator(9);
  const auto x = torch::randn({6, 5, 3, 3}, rng).contiguous(at::MemoryFormat::ChannelsLast);
  auto second = [&](bool fused) {
    torch::nn::BatchNorm2d norm(5);
    const auto xv = x.clone(at::MemoryFormat::Preserve).requires_grad_(true);
    const auto out =
        fused ? kernels::batch_norm_act(*norm, xv, 0.2) : leaky(norm->forward(xv), 0.2);
    const auto g = torch::autograd::grad({out.pow(3).sum()}, {xv}, {}, true, true)[0];
    g.pow(2).sum().backward();
    return norm->weight.grad();
  };
  EXPECT_LT(relative_error(second(true), second(false)), 1e-4);
}

}  // namespace
}  // namespace gs
