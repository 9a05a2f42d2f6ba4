#include "model/networks/networks.h"

#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include <cmath>
#include <map>
#include <string>

#include "model/networks/flops.h"

namespace gs {
namespace {

ModelConfig resolved_model(Preset preset) {
  RunConfig config;
  config.model.preset = preset;
  return resolve(config, false).model;
}

int64_t count_buffers(const torch::nn::Module& module) {
  int64_t total = 0;
  for (const auto& item : module.named_buffers()) {
    if (item.key().find("num_batches_tracked") == std::string::npos) total += item.value().numel();
  }
  return total;
}

torch::nn::Module& child(torch::nn::Module& parent, const std::string& name) {
  return *parent.named_children()[name];
}

// Hand count from the post's listing (Keras's model.summary() would print the same totals):
//   Dense(100 -> 7*7*64):          100*3136 + 3136        = 316,736
//   BatchNormalization(3136):      2*3136 (+ 2*3136 non-trainable)
//   Conv2D(64 -> 128, 5x5):        64*128*25 + 128        = 204,928
//   BatchNormalization(128):       256
//   Conv2D(128 -> 64, 5x5):        128*64*25 + 64         = 204,864
//   BatchNormalization(64):        128
//   Conv2D(64 -> 64, 5x5):         64*64*25 + 64          = 102,464
//   BatchNormalization(64):        128
//   Conv2D(64 -> 1, 5x5):          64*25 + 1              = 1,601
//   total trainable                                       = 837,377
TEST(SeedNetworks, GeneratorHasThePostsParameterCount) {
  auto g = make_generator(resolved_model(Preset::Seed));
  EXPECT_EQ(count_parameters(*g), 837377);
  // BatchNorm running mean and variance: 2 * (3136 + 128 + 64 + 64) non-trainable values.
  EXPECT_EQ(count_buffers(*g), 6784);
}

// Conv2D(1 -> 64):   1*64*25 + 64    = 1,664
// Conv2D(64 -> 64):  64*64*25 + 64   = 102,464
// Conv2D(64 -> 128): 64*128*25 + 128 = 204,928
// Conv2D(128 -> 128):128*128*25 + 128= 409,728
// Dense(4*4*128 -> 1): 2048 + 1      = 2,049
// total                              = 720,833
TEST(SeedNetworks, DiscriminatorHasThePostsParameterCount) {
  auto d = make_discriminator(resolved_model(Preset::Seed));
  EXPECT_EQ(count_parameters(*d), 720833);
  EXPECT_EQ(count_buffers(*d), 0);  // no BatchNorm in D
}

TEST(SeedNetworks, GeneratorLayersProduceThePostsShapes) {
  auto g = make_generator(resolved_model(Preset::Seed));
  g->eval();
  torch::NoGradGuard no_grad;
  const auto z = torch::randn({3, 100});
  // Walk the layers in the post's order, checking each output.
  auto x = child(*g, "dense").as<torch::nn::Linear>()->forward(z);
  EXPECT_EQ(x.sizes(), (std::vector<int64_t>{3, 7 * 7 * 64}));
  x = x.view({3, 64, 7, 7});
  x = torch::upsample_nearest2d(x, {14, 14});
  x = child(*g, "conv1").as<torch::nn::Conv2d>()->forward(x);
  EXPECT_EQ(x.sizes(), (std::vector<int64_t>{3, 128, 14, 14}));
  x = torch::upsample_nearest2d(x, {28, 28});  // the second x2 upsampling the listing lost
  x = child(*g, "conv2").as<torch::nn::Conv2d>()->forward(x);
  EXPECT_EQ(x.sizes(), (std::vector<int64_t>{3, 64, 28, 28}));
  x = child(*g, "conv3").as<torch::nn::Conv2d>()->forward(x);
  EXPECT_EQ(x.sizes(), (std::vector<int64_t>{3, 64, 28, 28}));
  x = child(*g, "conv_out").as<torch::nn::Conv2d>()->forward(x);
  EXPECT_EQ(x.sizes(), (std::vector<int64_t>{3, 1, 28, 28}));

  const auto images = g->forward(z);
  EXPECT_EQ(images.sizes(), (std::vector<int64_t>{3, 1, 28, 28}));
  EXPECT_LE(images.max().item<float>(), 1.0f);  // tanh output
  EXPECT_GE(images.min().item<float>(), -1.0f);
}

TEST(SeedNetworks, DiscriminatorLayersProduceThePostsShapes) {
  auto d = make_discriminator(resolved_model(Preset::Seed));
  d->eval();
  torch::NoGradGuard no_grad;
  // Conv weights [out, in, 5, 5]; strides 2, 2, 2, 1.
  EXPECT_EQ(child(*d, "conv1").as<torch::nn::Conv2d>()->weight.sizes(),
            (std::vector<int64_t>{64, 1, 5, 5}));
  EXPECT_EQ(child(*d, "conv4").as<torch::nn::Conv2d>()->options.stride()->at(0), 1);
  EXPECT_EQ(child(*d, "dense").as<torch::nn::Linear>()->weight.sizes(),
            (std::vector<int64_t>{1, 4 * 4 * 128}));
  const auto logits = d->forward(torch::randn({5, 1, 28, 28}));
  EXPECT_EQ(logits.sizes(), (std::vector<int64_t>{5, 1}));
}

TEST(SeedNetworks, KerasSamePaddingIsAsymmetricForStrideTwo) {
  // 28 -> 14 and 14 -> 7 pad one row before and two after (TensorFlow's rule), 7 -> 4 pads 2 and 2.
  const SamePadding a = same_padding(28, 5, 2);
  EXPECT_EQ(std::make_tuple(a.before, a.after, a.out), std::make_tuple(1, 2, 14));
  const SamePadding b = same_padding(14, 5, 2);
  EXPECT_EQ(std::make_tuple(b.before, b.after, b.out), std::make_tuple(1, 2, 7));
  const SamePadding c = same_padding(7, 5, 2);
  EXPECT_EQ(std::make_tuple(c.before, c.after, c.out), std::make_tuple(2, 2, 4));
  const SamePadding d = same_padding(4, 5, 1);
  EXPECT_EQ(std::make_tuple(d.before, d.after, d.out), std::make_tuple(2, 2, 4));
}

TEST(SeedNetworks, DiscriminatorPadsAsTensorFlowDoes) {
  // Replaying D by hand with TensorFlow's padding (1 before, 2 after on the stride-2 layers over 28
  // and 14) gives D's output; symmetric padding would not.
  auto d = make_discriminator(resolved_model(Preset::Seed));
  d->eval();
  torch::NoGradGuard no_grad;
  auto conv = [&](const char* name) { return child(*d, name).as<torch::nn::Conv2d>(); };
  auto leaky = [](const torch::Tensor& x) { return torch::leaky_relu(x, 0.3); };
  const auto image = torch::rand({2, 1, 28, 28}) * 2 - 1;
  auto x = leaky(conv("conv1")->forward(torch::constant_pad_nd(image, {1, 2, 1, 2})));
  x = leaky(conv("conv2")->forward(torch::constant_pad_nd(x, {1, 2, 1, 2})));
  x = leaky(conv("conv3")->forward(x));  // 7 -> 4 pads 2 and 2: inside the convolution
  x = leaky(conv("conv4")->forward(x));
  const auto expected = child(*d, "dense").as<torch::nn::Linear>()->forward(x.flatten(1));
  EXPECT_TRUE(torch::allclose(d->forward(image), expected, 1e-5, 1e-6));

  auto y = leaky(torch::conv2d(image, conv("conv1")->weight, conv("conv1")->bias, 2, 2));
  EXPECT_EQ(y.sizes(), (std::vector<int64_t>{2, 64, 14, 14}));  // same shape, other alignment
  EXPECT_FALSE(torch::allclose(
      y, leaky(conv("conv1")->forward(torch::constant_pad_nd(image, {1, 2, 1, 2})))));
}

TEST(SeedNetworks, KerasInitializationGlorotUniformAndZeroBiases) {
  auto g = make_generator(resolved_model(Preset::Seed));
  at::Generator rng = at::detail::createCPUGenerator(1);
  initialize_weights(*g, Preset::Seed, rng);
  auto conv2 = child(*g, "conv2").as<torch::nn::Conv2d>();
  const double limit = std::sqrt(6.0 / (128 * 25 + 64 * 25));
  EXPECT_LE(conv2->weight.abs().max().item<double>(), limit);
  EXPECT_GT(conv2->weight.abs().max().item<double>(), 0.95 * limit);
  EXPECT_NEAR(conv2->weight.mean().item<double>(), 0.0, 0.01 * limit);
  EXPECT_EQ(conv2->bias.abs().max().item<double>(), 0.0);
  auto norm = child(*g, "norm1").named_parameters();
  EXPECT_EQ(norm["weight"].min().item<double>(), 1.0);
  EXPECT_EQ(norm["bias"].abs().max().item<double>(), 0.0);
}

TEST(SeedNetworks, KerasBatchNormMomentumAndEpsilon) {
  auto g = make_generator(resolved_model(Preset::Seed));
  auto norm = child(*g, "norm1").as<torch::nn::BatchNorm2d>();
  ASSERT_TRUE(norm);
  EXPECT_DOUBLE_EQ(norm->options.momentum().value(), 0.2);  // Keras momentum 0.8
  EXPECT_DOUBLE_EQ(norm->options.eps(), 1e-3);              // Keras epsilon
}

// Compact at the PyTorch example's widths, by hand:
//   G: ConvT(100->256, 4x4) 409,600; BN 512; ConvT(256->128, 3x3) 294,912; BN 256;
//      ConvT(128->64, 4x4) 131,072; BN 128; ConvT(64->1, 4x4) 1,024      = 837,504
//   D: Conv(1->64, 4x4) 1,024; Conv(64->128) 131,072; BN 256; Conv(128->256) 524,288; BN 512;
//      Conv(256->1, 3x3) 2,304                                          = 659,456
// and at its default widths (a quarter): G 102,400 + 128 + 18,432 + 64 + 8,192 + 32 + 256 =
// 129,504; D 256 + 8,192 + 64 + 32,768 + 128 + 576 = 41,984.
ModelConfig example_widths() {
  ModelConfig model = resolved_model(Preset::Compact);
  model.g_widths = {256, 128, 64};
  model.d_widths = {64, 128, 256};
  return model;
}

TEST(CompactNetworks, ParameterCountsAndShapes) {
  EXPECT_EQ(count_parameters(*make_generator(resolved_model(Preset::Compact))), 129504);
  EXPECT_EQ(count_parameters(*make_discriminator(resolved_model(Preset::Compact))), 41984);
  const ModelConfig model = example_widths();
  auto g = make_generator(model);
  auto d = make_discriminator(model);
  EXPECT_EQ(count_parameters(*g), 837504);
  EXPECT_EQ(count_parameters(*d), 659456);
  torch::NoGradGuard no_grad;
  g->eval();
  d->eval();
  const auto images = g->forward(torch::randn({4, 100}));
  EXPECT_EQ(images.sizes(), (std::vector<int64_t>{4, 1, 28, 28}));
  EXPECT_EQ(d->forward(images).sizes(), (std::vector<int64_t>{4, 1}));
}

double counted_weights(const std::vector<LayerCost>& costs) {
  double total = 0;
  for (const LayerCost& layer : costs) total += layer.parameters;
  return total;
}

// The memory estimate counts the weights the networks really have (biases and normalisation
// aside, within 2%), and refuses, by its keys, what a machine cannot hold.
TEST(CompactNetworks, TheMemoryEstimateCountsTheRealWeightsAndRefusesWhatCannotFit) {
  for (const Preset preset : {Preset::Seed, Preset::Compact}) {
    const ModelConfig model = resolved_model(preset);
    EXPECT_NEAR(counted_weights(generator_costs(model)),
                static_cast<double>(count_parameters(*make_generator(model))),
                0.02 * static_cast<double>(count_parameters(*make_generator(model))));
    EXPECT_NEAR(counted_weights(discriminator_costs(model)),
                static_cast<double>(count_parameters(*make_discriminator(model))),
                0.02 * static_cast<double>(count_parameters(*make_discriminator(model))));
  }
  RunConfig config = resolve(RunConfig{}, false);
  EXPECT_LT(training_bytes(config), 100e6);  // the CPU default: tens of megabytes
  EXPECT_EQ(memory_refusal(config, 8e9), "");
  config.model.g_widths = {4096, 4096, 4096};
  config.model.d_widths = {4096, 4096, 4096};
  EXPECT_GT(training_bytes(config), 16e9);  // about a billion weights, five copies each
  const std::string refusal = memory_refusal(config, 8e9);
  EXPECT_EQ(refusal.rfind("model.g_widths, model.d_widths and training.batch_size: the model needs "
                          "about ",
                          0),
            0u)
      << refusal;
  EXPECT_NE(refusal.find("more than the 8.0 GB this machine has free"), std::string::npos);
  EXPECT_EQ(memory_refusal(config, 0), "");  // unknown: not refused
}

TEST(CompactNetworks, AtLeastFourTimesFewerGeneratorFlopsThanSeed) {
  const double seed = total_flops(generator_costs(resolved_model(Preset::Seed)));
  const double compact = total_flops(generator_costs(example_widths()));
  // Seed: 0.565 GFLOP per image (the field notes' 0.57); compact at the example's widths: 23.5
  // MFLOP; at its default quarter widths 1.70 MFLOP.
  EXPECT_NEAR(seed, 0.5651e9, 0.001e9);
  EXPECT_NEAR(compact, 23.50e6, 0.01e6);
  EXPECT_GE(seed / compact, 4.0);
  EXPECT_NEAR(total_flops(generator_costs(resolved_model(Preset::Compact))), 1.698e6, 0.01e6);
}

TEST(Flops, SeedIterationIsAboutTheFieldNotesFigure) {
  RunConfig config;
  config.model.preset = Preset::Seed;
  const RunConfig resolved = resolve(config, false);
  EXPECT_NEAR(iteration_flops(resolved) / 1e9, 160.0, 10.0);  // "about 160 GFLOP"
}

TEST(Networks, WidthsComeFromTheConfiguration) {
  RunConfig config;
  config.model.preset = Preset::Compact;
  config.model.noise_dim = 16;
  config.model.g_widths = {32, 16, 8};
  config.model.d_widths = {8, 16, 32};
  const ModelConfig model = resolve(config, false).model;
  auto g = make_generator(model);
  torch::NoGradGuard no_grad;
  g->eval();
  EXPECT_EQ(g->forward(torch::randn({2, 16})).sizes(), (std::vector<int64_t>{2, 1, 28, 28}));
  EXPECT_EQ(child(*g, "up1").as<torch::nn::ConvTranspose2d>()->weight.sizes(),
            (std::vector<int64_t>{16, 32, 4, 4}));
}

}  // namespace
}  // namespace gs

namespace gs {
namespace {

TEST(SeedNetworks, FoldedUpsamplingComputesTheLiteralLayers) {
  // The generator computes "upsample x2, then 5x5 convolution" as a 3x3 convolution of the small
  // image plus a pixel shuffle; outputs and gradients must be those of the literal layers. In
  // double precision the two summation orders agree to rounding; in float32 (what training uses,
  // in both memory layouts) the outputs agree closely.
  auto folded = make_generator(resolved_model(Preset::Seed));
  auto direct = make_generator(resolved_model(Preset::Seed));
  at::Generator rng = at::detail::createCPUGenerator(3);
  initialize_weights(*folded, Preset::Seed, rng);
  {
    torch::NoGradGuard no_grad;
    auto from = folded->parameters();
    auto to = direct->parameters();
    for (size_t i = 0; i < from.size(); ++i) to[i].copy_(from[i]);
  }
  use_direct_upsampling(*direct, true);
  const auto z = torch::randn({3, 100}, rng);
  for (const bool channels_last : {false, true}) {
    if (channels_last) {
      folded->to_channels_last();
      direct->to_channels_last();
    }
    torch::NoGradGuard no_grad;
    const auto a = folded->forward(z);
    const auto b = direct->forward(z);
    EXPECT_TRUE(torch::allclose(a, b, 1e-4, 1e-5)) << (a - b).abs().max().item<float>();
  }
  folded->to(torch::kDouble);
  direct->to(torch::kDouble);
  const auto zd = z.to(torch::kDouble);
  const auto a = folded->forward(zd);
  const auto b = direct->forward(zd);
  EXPECT_LT((a - b).abs().max().item<double>(), 1e-10);
  a.pow(2).sum().backward();
  b.pow(2).sum().backward();
  auto dp = direct->named_parameters();
  for (const auto& item : folded->named_parameters()) {
    const auto& ga = item.value().grad();
    const auto& gb = dp[item.key()].grad();
    const double scale = std::max(gb.abs().max().item<double>(), 1e-3);
    EXPECT_LE((ga - gb).abs().max().item<double>(), 1e-9 * scale)
        << item.key() << ": largest gradient " << scale;
  }
}

}  // namespace
}  // namespace gs

#include "model/networks/network_layers.h"

namespace gs {
namespace {

// The compact generator runs its transposed convolutions as ordinary convolutions of the phases'
// kernels (layers::transposed_conv). Every shape the presets use, and a few more: outputs and the
// gradients of the input and the weight equal LibTorch's transposed convolution to rounding in
// double precision, and closely in float32 in both memory layouts.
TEST(CompactNetworks, TransposedConvolutionsAsOrdinaryOnesComputeTheSameFunction) {
  struct Case {
    int64_t in, out, kernel, stride, padding, side;
  };
  const Case cases[] = {{100, 64, 4, 1, 0, 1}, {64, 32, 3, 2, 1, 4}, {32, 16, 4, 2, 1, 7},
                        {16, 1, 4, 2, 1, 14},  {64, 32, 4, 2, 1, 4}, {16, 3, 4, 2, 1, 32},
                        {8, 4, 3, 2, 1, 5},    {8, 4, 4, 2, 1, 1},   {6, 5, 5, 2, 2, 6}};
  at::Generator rng = at::detail::createCPUGenerator(11);
  for (const Case& c : cases) {
    SCOPED_TRACE("in " + std::to_string(c.in) + " out " + std::to_string(c.out) + " kernel " +
                 std::to_string(c.kernel) + " padding " + std::to_string(c.padding) + " side " +
                 std::to_string(c.side));
    torch::nn::ConvTranspose2d layer(torch::nn::ConvTranspose2dOptions(c.in, c.out, c.kernel)
                                         .stride(c.stride)
                                         .padding(c.padding)
                                         .bias(false));
    layers::FoldedKernel cache;
    {
      torch::NoGradGuard no_grad;
      layer->weight.normal_(0, 0.1, rng);
    }
    const auto x = torch::randn({3, c.in, c.side, c.side}, rng);
    for (const bool channels_last : {false, true}) {
      torch::NoGradGuard no_grad;
      const auto input = channels_last ? x.contiguous(at::MemoryFormat::ChannelsLast) : x;
      if (channels_last)
        layer->weight.set_data(layer->weight.contiguous(at::MemoryFormat::ChannelsLast));
      const auto expected = layer->forward(input);
      const auto got = layers::transposed_conv(layer, input, cache);
      ASSERT_EQ(got.sizes(), expected.sizes());
      EXPECT_TRUE(torch::allclose(got, expected, 1e-4, 1e-5))
          << (got - expected).abs().max().item<float>();
      if (channels_last && c.out > 1) {
        EXPECT_TRUE(got.is_contiguous(at::MemoryFormat::ChannelsLast));
      }
    }
    layer->to(torch::kDouble);
    const auto xd = x.to(torch::kDouble).requires_grad_(true);
    const auto expected = layer->forward(xd);
    expected.pow(2).sum().backward();
    const auto expected_input_grad = xd.grad().clone();
    const auto expected_weight_grad = layer->weight.grad().clone();
    xd.mutable_grad().reset();
    layer->weight.mutable_grad().reset();
    layers::FoldedKernel fresh;
    const auto got = layers::transposed_conv(layer, xd, fresh);
    EXPECT_LT((got - expected).abs().max().item<double>(), 1e-12);
    got.pow(2).sum().backward();
    EXPECT_LT((xd.grad() - expected_input_grad).abs().max().item<double>(), 1e-10);
    EXPECT_LT((layer->weight.grad() - expected_weight_grad).abs().max().item<double>(), 1e-10);
  }
}

TEST(CompactNetworks, AFixedKernelIsReusedUntilTheWeightsChange) {
  torch::nn::ConvTranspose2d layer(
      torch::nn::ConvTranspose2dOptions(4, 2, 4).stride(2).padding(1).bias(false));
  layers::FoldedKernel cache;
  torch::NoGradGuard no_grad;
  const auto x = torch::randn({1, 4, 3, 3});
  const auto first = layers::transposed_conv(layer, x, cache);
  const auto kernel = cache.kernel;
  EXPECT_TRUE(torch::equal(layers::transposed_conv(layer, x, cache), first));
  EXPECT_TRUE(cache.kernel.is_same(kernel));
  layer->weight.mul_(2);  // an optimizer step changes the weights in place
  EXPECT_TRUE(torch::allclose(layers::transposed_conv(layer, x, cache), first * 2));
  EXPECT_FALSE(cache.kernel.is_same(kernel));
}

}  // namespace
}  // namespace gs

#include <torch/nn/functional/activation.h>

namespace gs {
namespace {

// The compact D runs its first layer, its BatchNorms with their LeakyReLUs and its head through
// the hand-written kernels (model/kernels/): the whole network, in training mode, computes the
// function of its layers written with LibTorch's operators, and the same gradient for every
// parameter (what D's step and the health monitor's gradient norm see).
TEST(CompactNetworks, TheDiscriminatorsKernelsComputeItsLayersFunction) {
  ModelConfig model = resolved_model(Preset::Compact);
  model.d_widths = {8, 16, 32};
  auto d = make_discriminator(model);
  d->train();
  at::Generator rng = at::detail::createCPUGenerator(21);
  const auto images = torch::rand({16, 1, 28, 28}, rng) * 2 - 1;
  auto p = d->named_parameters();
  auto b = d->named_buffers();
  // LibTorch's layers on copies of the parameters and running statistics.
  std::map<std::string, torch::Tensor> q;
  for (const auto& item : p) q[item.key()] = item.value().detach().clone().requires_grad_(true);
  std::map<std::string, torch::Tensor> stats;
  for (const auto& item : b) stats[item.key()] = item.value().detach().clone();
  namespace F = torch::nn::functional;
  auto leaky = [](const torch::Tensor& x) {
    return F::leaky_relu(x, F::LeakyReLUFuncOptions().negative_slope(0.2));
  };
  auto norm = [&](const torch::Tensor& x, const std::string& name) {
    return torch::batch_norm(x, q[name + ".weight"], q[name + ".bias"],
                             stats[name + ".running_mean"], stats[name + ".running_var"], true, 0.1,
                             1e-5, false);
  };
  torch::Tensor x = leaky(torch::conv2d(images, q["conv1.weight"], {}, 2, 1));
  x = leaky(norm(torch::conv2d(x, q["conv2.weight"], {}, 2, 1), "norm2"));
  x = leaky(norm(torch::conv2d(x, q["conv3.weight"], {}, 2, 1), "norm3"));
  const torch::Tensor expected = torch::conv2d(x, q["conv_out.weight"]).flatten(1);
  const torch::Tensor got = d->forward(images);
  ASSERT_EQ(got.sizes(), expected.sizes());
  EXPECT_LT((got - expected).abs().max().item<double>(), 1e-4);
  const auto weighting = torch::randn({16, 1}, rng);
  (got * weighting).sum().backward();
  (expected * weighting).sum().backward();
  for (const auto& item : p) {
    const torch::Tensor& g = item.value().grad();
    const torch::Tensor& e = q[item.key()].grad();
    const double scale = std::max(e.abs().max().item<double>(), 1e-3);
    EXPECT_LT((g - e).abs().max().item<double>(), 1e-4 * scale) << item.key();
  }
  for (const auto& item : b) {
    if (item.key().find("running") == std::string::npos) continue;
    EXPECT_LT((item.value() - stats[item.key()]).abs().max().item<double>(), 1e-5) << item.key();
  }
}

// The same for the compact G: its BatchNorms with their ReLUs and its last transposed
// convolution run through the kernels, its other blocks as folded ordinary convolutions.
TEST(CompactNetworks, TheGeneratorsKernelsComputeItsLayersFunction) {
  ModelConfig model = resolved_model(Preset::Compact);
  model.noise_dim = 8;
  model.g_widths = {32, 16, 8};
  auto g = make_generator(model);
  g->train();
  at::Generator rng = at::detail::createCPUGenerator(22);
  const auto z = torch::randn({16, 8}, rng);
  auto p = g->named_parameters();
  std::map<std::string, torch::Tensor> q;
  for (const auto& item : p) q[item.key()] = item.value().detach().clone().requires_grad_(true);
  std::map<std::string, torch::Tensor> stats;
  for (const auto& item : g->named_buffers()) stats[item.key()] = item.value().detach().clone();
  auto block = [&](const torch::Tensor& x, const std::string& n, int stride, int padding) {
    const torch::Tensor y =
        torch::conv_transpose2d(x, q["up" + n + ".weight"], {}, stride, padding);
    return torch::relu(torch::batch_norm(
        y, q["norm" + n + ".weight"], q["norm" + n + ".bias"], stats["norm" + n + ".running_mean"],
        stats["norm" + n + ".running_var"], true, 0.1, 1e-5, false));
  };
  torch::Tensor x = block(z.view({16, 8, 1, 1}), "1", 1, 0);
  x = block(x, "2", 2, 1);
  x = block(x, "3", 2, 1);
  const torch::Tensor expected =
      torch::tanh(torch::conv_transpose2d(x, q["up_out.weight"], {}, 2, 1));
  const torch::Tensor got = g->forward(z);
  ASSERT_EQ(got.sizes(), expected.sizes());
  EXPECT_LT((got - expected).abs().max().item<double>(), 1e-4);
  const auto weighting = torch::randn({16, 1, 28, 28}, rng);
  (got * weighting).sum().backward();
  (expected * weighting).sum().backward();
  for (const auto& item : p) {
    const torch::Tensor& e = q[item.key()].grad();
    const double scale = std::max(e.abs().max().item<double>(), 1e-3);
    EXPECT_LT((item.value().grad() - e).abs().max().item<double>(), 1e-4 * scale) << item.key();
  }
}

}  // namespace
}  // namespace gs
