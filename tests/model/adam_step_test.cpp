#include "model/training/adam_step.h"

#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>

#include <vector>

namespace gs {
namespace {

struct Twins {
  std::vector<torch::Tensor> library;
  std::vector<torch::Tensor> fused;
};

// Parameters of the shapes and layouts the networks have: channels-last kernels, vectors.
Twins parameters(at::Generator& rng) {
  Twins t;
  const std::vector<std::vector<int64_t>> shapes = {
      {32, 16, 4, 4}, {16}, {16}, {1, 64, 3, 3}, {70000}};
  for (const auto& shape : shapes) {
    auto p = torch::randn(shape, rng);
    if (p.dim() == 4) p = p.contiguous(at::MemoryFormat::ChannelsLast);
    t.library.push_back(p.clone(at::MemoryFormat::Preserve).requires_grad_(true));
    t.fused.push_back(p.clone(at::MemoryFormat::Preserve).requires_grad_(true));
  }
  return t;
}

TEST(AdamStep, TheFusedStepIsLibTorchsAdamToRoundingAndReportsTheGradientNorm) {
  at::Generator rng = at::detail::createCPUGenerator(5);
  Twins t = parameters(rng);
  const auto options = torch::optim::AdamOptions(4e-4).betas({0.5, 0.999}).eps(1e-8);
  torch::optim::Adam library(t.library, options);
  torch::optim::Adam fused(t.fused, options);
  for (int step = 0; step < 20; ++step) {
    double squares = 0;
    for (size_t i = 0; i < t.library.size(); ++i) {
      auto g = torch::randn(t.library[i].sizes(), rng) * (step % 3 + 1);
      if (t.library[i].dim() == 4) g = g.contiguous(at::MemoryFormat::ChannelsLast);
      if (g.dim() == 4 && g.size(1) == 1) {
        // A one-channel kernel's gradient as LibTorch's convolution gives it: other strides on the
        // dimension of size 1 than the parameter's.
        g = torch::empty_strided(g.sizes(), {g.size(2) * g.size(3), 1, g.size(3), 1}).copy_(g);
        ASSERT_NE(g.strides(), t.library[i].strides());
      }
      t.library[i].mutable_grad() = g.clone(at::MemoryFormat::Preserve);
      t.fused[i].mutable_grad() = g.clone(at::MemoryFormat::Preserve);
      squares += g.pow(2).sum().item<double>();
    }
    library.step();
    EXPECT_TRUE(adam_step_is_fused(fused));
    const auto versions = t.fused.back()._version();
    const torch::Tensor norm = adam_step(fused);
    EXPECT_GT(t.fused.back()._version(), versions);
    EXPECT_NEAR(norm.item<double>(), std::sqrt(squares), 1e-4 * std::sqrt(squares));
  }
  for (size_t i = 0; i < t.library.size(); ++i) {
    EXPECT_TRUE(t.fused[i].strides() == t.library[i].strides());
    const double change = (t.library[i] - t.fused[i]).abs().max().item<double>();
    EXPECT_LT(change, 1e-6) << "parameter " << i;
    const auto key = optimizer_state_key(t.fused[i]);
    const auto& state = static_cast<torch::optim::AdamParamState&>(*fused.state().at(key));
    EXPECT_EQ(state.step(), 20);  // the optimizer's own state: checkpoints carry it
    const auto library_key = optimizer_state_key(t.library[i]);
    const auto& expected =
        static_cast<torch::optim::AdamParamState&>(*library.state().at(library_key));
    EXPECT_TRUE(torch::allclose(state.exp_avg(), expected.exp_avg(), 1e-5, 1e-7));
    EXPECT_TRUE(torch::allclose(state.exp_avg_sq(), expected.exp_avg_sq(), 1e-5, 1e-9));
  }
}

TEST(AdamStep, WeightDecayTakesLibTorchsOwnStep) {
  at::Generator rng = at::detail::createCPUGenerator(6);
  Twins t = parameters(rng);
  const auto options = torch::optim::AdamOptions(1e-3).weight_decay(0.01);
  torch::optim::Adam library(t.library, options);
  torch::optim::Adam fused(t.fused, options);
  for (size_t i = 0; i < t.library.size(); ++i) {
    const auto g = torch::randn(t.library[i].sizes(), rng);
    t.library[i].mutable_grad() = g.clone();
    t.fused[i].mutable_grad() = g.clone();
  }
  library.step();
  EXPECT_FALSE(adam_step_is_fused(fused));
  adam_step(fused);
  for (size_t i = 0; i < t.library.size(); ++i) EXPECT_TRUE(torch::equal(t.library[i], t.fused[i]));
}

TEST(AdamStep, ParametersWithoutGradientsStayAsTheyAre) {
  auto a = torch::ones({4}, torch::requires_grad());
  auto b = torch::ones({4}, torch::requires_grad());
  torch::optim::Adam optimizer({a, b}, torch::optim::AdamOptions(0.1));
  a.mutable_grad() = torch::full({4}, 2.0);
  const auto version = a._version();
  const torch::Tensor norm = adam_step(optimizer);
  EXPECT_GT(a._version(), version);  // an in-place change, as far as caches and autograd know
  EXPECT_FLOAT_EQ(norm.item<float>(), 4.0F);
  EXPECT_TRUE(torch::equal(b, torch::ones({4})));
  EXPECT_TRUE(torch::allclose(a, torch::full({4}, 0.9)));  // Adam's first step moves by lr
}

}  // namespace
}  // namespace gs
