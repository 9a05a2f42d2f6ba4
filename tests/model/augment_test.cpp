// Differentiable augmentation (issue 25): what it does to images, that G learns through it, and
// which data sets get it when training.augment is unset.
#include "model/training/augment.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <vector>

#include "model/config/config.h"
#include "model/io/error.h"
#include "model/training/trainer.h"
#include "model/training/training_state.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

at::Generator seeded(uint64_t seed) { return at::detail::createCPUGenerator(seed); }

TEST(Augment, EachImageItsOwnDrawAndTheSameDrawForTheSameSeed) {
  const torch::Tensor images = torch::rand({8, 3, 32, 32}) * 2 - 1;
  const torch::Tensor same = images[0].unsqueeze(0).expand({8, 3, 32, 32}).contiguous();
  at::Generator rng = seeded(7);
  const torch::Tensor out = diff_augment(same, rng);
  EXPECT_EQ(out.sizes(), same.sizes());
  // Eight copies of one image come out as eight different images.
  for (int64_t i = 1; i < 8; ++i) EXPECT_FALSE(torch::equal(out[0], out[i])) << i;
  at::Generator again = seeded(7);
  EXPECT_TRUE(torch::equal(diff_augment(same, again), out));  // a resume draws the same
}

TEST(Augment, CutoutZeroesAQuarterAndTranslationBringsInZeros) {
  // A constant image after colour is still constant; translation brings in zero borders and
  // cutout a zero square of half the side: at most a quarter plus the borders are zero.
  const torch::Tensor ones = torch::ones({64, 1, 32, 32}) * 0.5;
  at::Generator rng = seeded(3);
  const torch::Tensor out = diff_augment(ones, rng);
  const torch::Tensor zero = out.eq(0).to(torch::kFloat32).mean({1, 2, 3});
  EXPECT_GT(zero.min().item<float>(), 0.0f);  // every image lost a part to cutout
  // A 16 x 16 square wholly inside is 25%; with up to 4 shifted rows and columns, < 25% + 25%.
  EXPECT_LT(zero.max().item<float>(), 0.5f);
  EXPECT_GT(zero.mean().item<float>(), 0.15f);
}

TEST(Augment, GradientsFlowBackToThePixels) {
  torch::Tensor images = (torch::rand({4, 3, 28, 28}) * 2 - 1).requires_grad_(true);
  at::Generator rng = seeded(1);
  diff_augment(images, rng).pow(2).sum().backward();
  ASSERT_TRUE(images.grad().defined());
  EXPECT_TRUE(torch::isfinite(images.grad()).all().item<bool>());
  EXPECT_GT(images.grad().abs().sum().item<float>(), 0.0f);
}

TEST(Augment, SmallDataSetsGetItUnlessTheConfigurationSaysOtherwise) {
  const RunConfig config = testing::tiny_config(Preset::Compact);
  ASSERT_FALSE(config.training.augment.has_value());
  EXPECT_EQ(data_set_config(config, testing::small_digits(64)).training.augment,
            Augment::DiffAugment);
  ImageSet large = testing::small_digits(64);
  large.count = kAugmentBelowImages;  // the embedded digits' size: off, as before
  EXPECT_EQ(data_set_config(config, large).training.augment, Augment::Off);
  RunConfig off = config;
  off.training.augment = Augment::Off;
  EXPECT_EQ(data_set_config(off, testing::small_digits(64)).training.augment, Augment::Off);
  // The run records what it decided (config.yaml, checkpoints).
  Trainer trainer(config, testing::small_digits(64));
  EXPECT_EQ(trainer.config().training.augment, Augment::DiffAugment);
  EXPECT_NO_THROW(trainer.step());
}

TEST(Augment, TheKeysReadAndAreChecked) {
  const RunConfig c = parse_config(
      "training:\n  augment: diffaugment\ndata:\n  background: '#102030'\n", "run.yaml");
  EXPECT_EQ(c.training.augment, Augment::DiffAugment);
  EXPECT_EQ(image_shape(c).background, (std::array<uint8_t, 3>{16, 32, 48}));
  try {
    parse_config("data:\n  background: pink\n", "run.yaml");
    FAIL();
  } catch (const ConfigError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("data.background"), std::string::npos) << message;
    EXPECT_NE(message.find("#RRGGBB"), std::string::npos) << message;
  }
  EXPECT_THROW(parse_config("training:\n  augment: ada-maybe\n", "run.yaml"), ConfigError);
  EXPECT_EQ(parse_config("training:\n  augment: ada\n", "run.yaml").training.augment, Augment::Ada);
}

TEST(Augment, AStrengthBetweenNoneAndAllAugmentsThatShareOfTheImages) {
  const torch::Tensor images = torch::rand({400, 3, 16, 16}) * 2 - 1;
  at::Generator rng = seeded(5);
  EXPECT_TRUE(torch::equal(diff_augment(images, rng, 0.0), images));  // off: as they are
  const torch::Tensor out = diff_augment(images, rng, 0.3);
  // An image is left alone when none of the three transforms drew it: 0.7^3 = 34% of them.
  const double untouched =
      out.eq(images).all(3).all(2).all(1).to(torch::kFloat64).mean().item<double>();
  EXPECT_NEAR(untouched, 0.343, 0.08);
  // And gradients flow through the mix of both kinds.
  torch::Tensor pixels = images.clone().requires_grad_(true);
  diff_augment(pixels, rng, 0.3).sum().backward();
  EXPECT_GT(pixels.grad().abs().sum().item<float>(), 0.0f);
}

TEST(Augment, TheAdaptiveStrengthFollowsDsOverfitting) {
  AdaStrength ada;
  const double step = 64.0 * kAdaInterval / kAdaRampImages;
  // D calls every real image real (r = 1 > 0.6): p rises once every kAdaInterval iterations.
  for (int i = 0; i < kAdaInterval - 1; ++i) ada.observe(1.0, 64);
  EXPECT_EQ(ada.probability(), 0.0);
  ada.observe(1.0, 64);
  EXPECT_DOUBLE_EQ(ada.probability(), step);
  // The signal is the average over the interval: 0.9 and 0.7 of the reals called real give
  // r = 0.6, not above the target, so p falls.
  for (int i = 0; i < kAdaInterval / 2; ++i) ada.observe(0.9, 64);
  for (int i = 0; i < kAdaInterval / 2; ++i) ada.observe(0.7, 64);
  EXPECT_DOUBLE_EQ(ada.probability(), 0.0);
  // It stays within 0..1.
  for (int i = 0; i < 100; ++i) ada.observe(0.0, 64);
  EXPECT_EQ(ada.probability(), 0.0);
  AdaStrength high(0.999);
  for (int i = 0; i < 100; ++i) high.observe(1.0, 64);
  EXPECT_EQ(high.probability(), 1.0);
}

// The strength each step used, as metrics.csv records it, for a run of `augment`.
std::vector<float> strengths(Trainer& trainer, int steps) {
  std::vector<float> out;
  for (int i = 0; i < steps; ++i) out.push_back(trainer.step().augment_p);
  return out;
}

TEST(Augment, TheStrengthIsRecordedEachStepAndAnAdaptiveOneResumesWhereItWas) {
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.training.augment = Augment::DiffAugment;
  Trainer always(config, testing::small_digits(64));
  EXPECT_EQ(strengths(always, 3), (std::vector<float>{1, 1, 1}));
  config.training.augment = Augment::Off;
  Trainer never(config, testing::small_digits(64));
  EXPECT_EQ(strengths(never, 3), (std::vector<float>{0, 0, 0}));

  config.training.augment = Augment::Ada;
  Trainer adaptive(config, testing::small_digits(64));
  std::vector<float> p = strengths(adaptive, 8 * kAdaInterval);
  EXPECT_EQ(p.front(), 0.0f);  // from none
  const double step = config.training.batch_size * kAdaInterval / kAdaRampImages;
  for (size_t i = 1; i < p.size(); ++i) {
    // It moves by one step at most, and only after a whole interval.
    EXPECT_LE(std::abs(p[i] - p[i - 1]), step + 1e-6) << i;
    if (i % kAdaInterval != 0) {
      EXPECT_EQ(p[i], p[i - 1]) << i;
    }
  }
  // A tiny D on 64 digits wins at once: the strength rises.
  const float reached = adaptive.step().augment_p;
  EXPECT_GT(reached, 0.0f);
  testing::TempDir dir;
  adaptive.save_checkpoint(dir.file("ada.ckpt"));
  Trainer resumed(config, testing::small_digits(64));
  resumed.load_checkpoint(dir.file("ada.ckpt"));
  EXPECT_EQ(resumed.step().augment_p, adaptive.step().augment_p);
  // A branch that switches to diffaugment takes its own fixed strength, not the saved one.
  RunConfig branched = config;
  branched.training.augment = Augment::DiffAugment;
  Trainer other(branched, testing::small_digits(64));
  other.load_checkpoint(dir.file("ada.ckpt"));
  EXPECT_EQ(other.step().augment_p, 1.0f);
}

}  // namespace
}  // namespace gs
