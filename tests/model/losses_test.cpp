// The GAN objectives (training.loss): each loss on known outputs, the gradient penalty on a
// critic whose gradient is known, and a short real run per loss that learns digits.
#include "model/training/losses.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "model/data/image_set.h"
#include "model/quality/quality_meter.h"
#include "model/sampling/sampler.h"
#include "model/training/training_run.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::TempDir;

const torch::Tensor kOutputs = torch::tensor({2.0f, -1.0f, 0.5f});

float value(const torch::Tensor& t) { return t.item<float>(); }

TEST(Losses, EachLossOnKnownOutputs) {
  // bce: softplus(-x) on reals, softplus(x) on fakes.
  const float real_bce =
      (std::log1p(std::exp(-2.0f)) + std::log1p(std::exp(1.0f)) + std::log1p(std::exp(-0.5f))) / 3;
  EXPECT_NEAR(value(discriminator_loss(Loss::Bce, kOutputs, true)), real_bce, 1e-6);
  EXPECT_NEAR(value(generator_loss(Loss::Bce, kOutputs)), real_bce, 1e-6);
  // hinge: relu(1 - x) = [0, 2, 0.5]; relu(1 + x) = [3, 0, 1.5]; G: -mean(x).
  EXPECT_NEAR(value(discriminator_loss(Loss::Hinge, kOutputs, true)), 2.5f / 3, 1e-6);
  EXPECT_NEAR(value(discriminator_loss(Loss::Hinge, kOutputs, false)), 1.5f, 1e-6);
  EXPECT_NEAR(value(generator_loss(Loss::Hinge, kOutputs)), -0.5f, 1e-6);
  // lsgan: (x - 1)^2 / 2 = [0.5, 2, 0.125]; x^2 / 2 = [2, 0.5, 0.125].
  EXPECT_NEAR(value(discriminator_loss(Loss::Lsgan, kOutputs, true)), 2.625f / 3, 1e-6);
  EXPECT_NEAR(value(discriminator_loss(Loss::Lsgan, kOutputs, false)), 2.625f / 3, 1e-6);
  EXPECT_NEAR(value(generator_loss(Loss::Lsgan, kOutputs)), 2.625f / 3, 1e-6);
  // wgan: mean D(fake) - mean D(real); G: -mean D(G(z)).
  EXPECT_NEAR(value(critic_loss(torch::tensor({1.0f, 3.0f}), torch::tensor({0.0f, -2.0f}))), -3.0f,
              1e-6);
  EXPECT_NEAR(value(generator_loss(Loss::WganGp, kOutputs)), -0.5f, 1e-6);
  // What counts as "called real", and D's reported mean output.
  EXPECT_TRUE(torch::equal(called_real(Loss::Hinge, kOutputs), torch::tensor({true, false, true})));
  EXPECT_TRUE(
      torch::equal(called_real(Loss::Lsgan, kOutputs), torch::tensor({true, false, false})));
  EXPECT_NEAR(value(mean_output(Loss::Lsgan, kOutputs)), 1.5f / 3, 1e-6);  // clamped to [0, 1]
  EXPECT_NEAR(value(mean_output(Loss::WganGp, kOutputs)), 0.5f, 1e-6);
}

TEST(Losses, TheGradientPenaltyOfALinearCritic) {
  // D(x) = w . x has gradient w everywhere: the penalty is lambda (|w| - 1)^2 wherever it looks.
  const torch::Tensor w = torch::tensor({0.0f, 2.0f, 0.0f, 0.0f}).reshape({1, 1, 2, 2});
  auto critic = [&](const torch::Tensor& x) { return (x * w).sum({1, 2, 3}); };
  at::Generator rng = at::detail::createCPUGenerator(7);
  const torch::Tensor reals = torch::rand({5, 1, 2, 2});
  const torch::Tensor fakes = torch::rand({5, 1, 2, 2});
  EXPECT_NEAR(value(gradient_penalty(critic, reals, fakes, 10.0, rng)), 10.0f, 1e-5);
  const torch::Tensor unit = w / 2;
  auto unit_critic = [&](const torch::Tensor& x) { return (x * unit).sum({1, 2, 3}); };
  EXPECT_NEAR(value(gradient_penalty(unit_critic, reals, fakes, 10.0, rng)), 0.0f, 1e-5);
}

// --- A short real run per loss
// --------------------------------------------------------------------

class LossRun : public ::testing::TestWithParam<Loss> {};

const QualityMeter& meter() {
  static TempDir cache;
  static const QualityMeter m =
      QualityMeter::for_data(load_image_set(kEmbeddedDigits), testing::cached_in(cache.path()));
  return m;
}

double distance(TrainingRun& run) {
  Sampler sampler = Sampler::from_weights(run.config(), run.trainer().generator_weights());
  return meter().score(sampler.generate(500, 3)).fd;
}

TEST_P(LossRun, LearnsDigits) {
  TempDir dir;
  RunConfig config;
  config.model.preset = Preset::Compact;
  config.training.loss = GetParam();
  config.training.device = "cpu";
  config.training.threads = 1;  // ctest runs tests side by side: one thread each never spins
  config.training.batch_size = 32;
  config.training.iterations = 10000;
  config.training.g_average = 0.0;  // G itself, so that its progress shows at once
  config.outputs.tensorboard = false;
  config.outputs.sample_every = 0;
  config.outputs.checkpoint_every = 0;
  config.quality.every = 0;
  if (GetParam() == Loss::WganGp) {
    config.training.n_critic = 2;  // fewer critic steps keep the test short
    config.training.beta1 = 0.0;   // Gulrajani et al.'s Adam
    config.training.beta2 = 0.9;
  }
  auto run = TrainingRun::start(config, dir.file("run"));
  const double before = distance(*run);
  for (int i = 0; i < 200; ++i) ASSERT_EQ(run->step(), StepResult::Trained) << i;
  const double after = distance(*run);
  std::printf("%s: FD %.1f at the start, %.1f after 200 iterations\n",
              to_string(GetParam()).c_str(), before, after);
  EXPECT_LT(after, 0.75 * before) << to_string(GetParam()) << ": FD " << before << " -> " << after;
}

INSTANTIATE_TEST_SUITE_P(EachLoss, LossRun,
                         ::testing::Values(Loss::Bce, Loss::Hinge, Loss::WganGp, Loss::Lsgan),
                         [](const ::testing::TestParamInfo<Loss>& param_info) {
                           std::string name = to_string(param_info.param);
                           name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
                           return name;
                         });

}  // namespace
}  // namespace gs
