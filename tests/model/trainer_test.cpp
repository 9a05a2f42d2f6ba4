#include "model/training/trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/training/adam_step.h"
#include "model/training/checkpoint.h"
#include "model/training/gan_step.h"
#include "model/training/training_state.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::small_digits;
using testing::TempDir;
using testing::tiny_config;

class TrainerTest : public ::testing::TestWithParam<Preset> {
 protected:
  static const ImageSet& digits() {
    static const ImageSet set = small_digits(512);
    return set;
  }
};

void expect_same(const StepStats& a, const StepStats& b) {
  EXPECT_EQ(a.iteration, b.iteration);
  EXPECT_EQ(a.d_loss, b.d_loss) << "iteration " << a.iteration;
  EXPECT_EQ(a.d_acc, b.d_acc);
  EXPECT_EQ(a.g_loss, b.g_loss);
  EXPECT_EQ(a.g_acc, b.g_acc);
  EXPECT_EQ(a.d_real, b.d_real);
  EXPECT_EQ(a.d_fake, b.d_fake);
}

std::vector<torch::Tensor> parameters_of(torch::nn::Module& module) {
  std::vector<torch::Tensor> out;
  for (const auto& p : module.parameters()) out.push_back(p.detach().clone());
  return out;
}

bool all_equal(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!torch::equal(a[i], b[i])) return false;
  }
  return true;
}

TEST_P(TrainerTest, StepReturnsTheSeedsStatistics) {
  Trainer trainer(tiny_config(GetParam()), digits());
  EXPECT_EQ(trainer.iteration(), 0);
  for (int i = 1; i <= 3; ++i) {
    const StepStats s = trainer.step();
    EXPECT_EQ(s.iteration, i);
    EXPECT_TRUE(std::isfinite(s.d_loss) && s.d_loss > 0);
    EXPECT_TRUE(std::isfinite(s.g_loss) && s.g_loss > 0);
    for (float fraction : {s.d_acc, s.g_acc, s.d_real, s.d_fake}) {
      EXPECT_GE(fraction, 0.0f);
      EXPECT_LE(fraction, 1.0f);
    }
    // Accuracies are fractions of a batch of 8 (D's is the mean of two such fractions).
    EXPECT_FLOAT_EQ(s.g_acc * 8, std::round(s.g_acc * 8));
    EXPECT_FLOAT_EQ(s.d_acc * 16, std::round(s.d_acc * 16));
    EXPECT_GT(s.step_ms, 0.0);
  }
  EXPECT_EQ(trainer.iteration(), 3);
  EXPECT_DOUBLE_EQ(trainer.epoch(), 3.0 * 8 / 512);
}

TEST_P(TrainerTest, DiscriminatorIsBitIdenticalAcrossTheGeneratorStep) {
  RunConfig config = resolve(tiny_config(GetParam()), false);
  TrainingState state = make_training_state(config, digits());
  train_step(state);  // optimizers have state; D has been trained once
  const auto d_before = parameters_of(*state.discriminator);
  const auto g_before = parameters_of(*state.generator);
  auto fakes =
      state.generator->forward(torch::randn({config.training.batch_size, config.model.noise_dim}));
  generator_step(state, fakes);
  EXPECT_TRUE(all_equal(d_before, parameters_of(*state.discriminator)));
  EXPECT_FALSE(all_equal(g_before, parameters_of(*state.generator)));
  for (const auto& p : state.discriminator->parameters()) EXPECT_TRUE(p.requires_grad());
  // (Compact's D has BatchNorm: its running statistics, which D never uses since it is never run
  // in inference mode, follow the batches as in any PyTorch DCGAN; its parameters do not move.)
}

TEST_P(TrainerTest, SameSeedSameDeviceSameThreadsGiveIdenticalStatistics) {
  Trainer a(tiny_config(GetParam()), digits());
  Trainer b(tiny_config(GetParam()), digits());
  for (int i = 0; i < 5; ++i) expect_same(a.step(), b.step());
  EXPECT_EQ(a.fixed_samples().pixels, b.fixed_samples().pixels);

  RunConfig other = tiny_config(GetParam());
  other.training.seed = 8;
  Trainer c(other, digits());
  Trainer d(tiny_config(GetParam()), digits());
  EXPECT_NE(c.step().d_loss, d.step().d_loss);
}

TEST_P(TrainerTest, ResumingGivesTheSameStatisticsAsAnUninterruptedRun) {
  constexpr int kBefore = 4;
  constexpr int kAfter = 4;
  Trainer uninterrupted(tiny_config(GetParam()), digits());
  std::vector<StepStats> expected;
  for (int i = 0; i < kBefore + kAfter; ++i) expected.push_back(uninterrupted.step());

  TempDir dir;
  {
    Trainer first(tiny_config(GetParam()), digits());
    for (int i = 0; i < kBefore; ++i) first.step();
    first.save_checkpoint(dir.file("ckpt.pt"));
  }
  Trainer resumed(tiny_config(GetParam()), digits());
  resumed.load_checkpoint(dir.file("ckpt.pt"));
  EXPECT_EQ(resumed.iteration(), kBefore);
  for (int i = kBefore; i < kBefore + kAfter; ++i) expect_same(resumed.step(), expected[i]);
  EXPECT_EQ(resumed.fixed_samples().pixels, uninterrupted.fixed_samples().pixels);
}

TEST_P(TrainerTest, CheckpointStoresTheEffectiveConfiguration) {
  TempDir dir;
  Trainer trainer(tiny_config(GetParam()), digits());
  RunConfig live = trainer.config();
  live.training.learning_rate_d = 3e-3;
  live.training.learning_rate_g = 5e-4;
  trainer.set_live_settings(live);
  trainer.step();
  trainer.save_checkpoint(dir.file("c.pt"));
  const RunConfig stored = read_checkpoint_config(dir.file("c.pt"));
  EXPECT_EQ(*stored.model.preset, GetParam());
  EXPECT_DOUBLE_EQ(*stored.training.learning_rate_d, 3e-3);
  EXPECT_DOUBLE_EQ(*stored.training.learning_rate_g, 5e-4);
  EXPECT_EQ(stored.model.g_widths, trainer.config().model.g_widths);
}

INSTANTIATE_TEST_SUITE_P(Presets, TrainerTest, ::testing::Values(Preset::Seed, Preset::Compact),
                         [](const auto& param_info) { return to_string(param_info.param); });

TEST(Trainer, LiveSettingsReachTheOptimizersAndTheLength) {
  Trainer trainer(tiny_config(Preset::Compact), small_digits(64));
  EXPECT_EQ(trainer.d_optimizer_settings().learning_rate, 4e-4);
  EXPECT_EQ(trainer.g_optimizer_settings().beta1, 0.5);
  trainer.step();
  RunConfig live = trainer.config();
  live.training.learning_rate_d = 1e-3;
  live.training.learning_rate_g = 5e-5;
  live.training.beta1 = 0.3;
  live.training.beta2 = 0.99;
  live.training.iterations = 7;
  trainer.set_live_settings(live);
  EXPECT_EQ(trainer.d_optimizer_settings().learning_rate, 1e-3);
  EXPECT_EQ(trainer.g_optimizer_settings().learning_rate, 5e-5);
  for (const auto& settings : {trainer.d_optimizer_settings(), trainer.g_optimizer_settings()}) {
    EXPECT_EQ(settings.beta1, 0.3);
    EXPECT_EQ(settings.beta2, 0.99);
  }
  EXPECT_EQ(trainer.total_iterations(), 7);
  EXPECT_DOUBLE_EQ(*trainer.config().training.learning_rate_d, 1e-3);
  EXPECT_TRUE(live_changes(trainer.config(), live).empty());
  trainer.step();
}

TEST(Trainer, LoadingAnotherArchitectureFailsClearly) {
  TempDir dir;
  Trainer small(tiny_config(Preset::Compact), small_digits(64));
  small.save_checkpoint(dir.file("small.pt"));
  RunConfig wider = tiny_config(Preset::Compact);
  wider.model.g_widths = {32, 8, 4};
  Trainer other(wider, small_digits(64));
  try {
    other.load_checkpoint(dir.file("small.pt"));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              dir.file("small.pt") +
                  ": the checkpoint's networks (compact, noise 8, G [16, 8, 4], D [4, 8, 16]) do "
                  "not match the configuration's (compact, noise 8, G [32, 8, 4], D [4, 8, 16])");
  }
  Trainer seed(tiny_config(Preset::Seed), small_digits(64));
  EXPECT_THROW(seed.load_checkpoint(dir.file("small.pt")), Error);
}

TEST(Trainer, DamagedOrMissingCheckpointsNameTheFile) {
  TempDir dir;
  Trainer trainer(tiny_config(Preset::Compact), small_digits(64));
  trainer.save_checkpoint(dir.file("good.pt"));
  const std::string bytes = read_file(dir.file("good.pt"));
  testing::write_bytes(dir.file("cut.pt"), bytes.substr(0, bytes.size() / 2));
  testing::write_bytes(dir.file("text.pt"), "hello");
  for (const char* name : {"cut.pt", "text.pt", "missing.pt"}) {
    try {
      trainer.load_checkpoint(dir.file(name));
      FAIL() << name;
    } catch (const Error& error) {
      EXPECT_EQ(std::string(error.what()).rfind(dir.file(name) + ": ", 0), 0u) << error.what();
    }
  }
  trainer.step();
  trainer.load_checkpoint(dir.file("good.pt"));  // a failed load left the trainer usable
  EXPECT_EQ(trainer.iteration(), 0);
}

TEST(Trainer, FixedSamplesAreTheGridAndChangeAsGLearns) {
  Trainer trainer(tiny_config(Preset::Compact), small_digits(64));
  const ImageBatch before = trainer.fixed_samples();
  EXPECT_EQ(before.count, 64);
  EXPECT_EQ(before.side, 28);
  EXPECT_EQ(before.pixels.size(), 64u * 28 * 28);
  EXPECT_EQ(trainer.fixed_samples().pixels, before.pixels);  // fixed latent batch, inference mode
  for (int i = 0; i < 3; ++i) trainer.step();
  EXPECT_NE(trainer.fixed_samples().pixels, before.pixels);
}

TEST(Trainer, BothNetworksTakeTheOnePassAdamStepOnTheCpu) {
  // The CPU default's layouts (channels-last kernels, a one-channel first layer) and gradients as
  // training leaves them: both optimizers take the fused loop, not LibTorch's per-operator step.
  for (const Preset preset : {Preset::Compact, Preset::Seed}) {
    TrainingState state =
        make_training_state(resolve(tiny_config(preset), false), small_digits(64));
    train_step(state);
    EXPECT_TRUE(adam_step_is_fused(*state.d_optimizer)) << to_string(preset);
    EXPECT_TRUE(adam_step_is_fused(*state.g_optimizer)) << to_string(preset);
  }
}

TEST(Trainer, GsMovingAverageStartsAtGAndFollowsItWithAWarmUp) {
  RunConfig config = resolve(tiny_config(Preset::Compact), false);
  ASSERT_DOUBLE_EQ(*config.training.g_average, 0.999);  // compact's default
  TrainingState state = make_training_state(config, small_digits(64));
  ASSERT_TRUE(state.generator_average);
  EXPECT_EQ(&sampling_generator(state), state.generator_average.get());
  const auto g0 = parameters_of(*state.generator);
  EXPECT_TRUE(all_equal(parameters_of(*state.generator_average), g0));
  for (const auto& p : state.generator_average->parameters()) EXPECT_FALSE(p.requires_grad());

  train_step(state);  // iteration 1: decay min(0.999, 2 / 11)
  const auto g1 = parameters_of(*state.generator);
  const auto average = parameters_of(*state.generator_average);
  const double decay = 2.0 / 11.0;
  for (size_t i = 0; i < g0.size(); ++i) {
    EXPECT_TRUE(torch::allclose(average[i], g0[i] * decay + g1[i] * (1 - decay), 1e-5, 1e-7));
  }
  const auto g_buffers = state.generator->buffers();
  const auto average_buffers = state.generator_average->buffers();
  for (size_t i = 0; i < g_buffers.size(); ++i) {
    EXPECT_TRUE(torch::equal(g_buffers[i], average_buffers[i]));  // BatchNorm statistics copied
  }

  config.training.g_average = 0.0;  // off: G draws the samples, nothing else is kept
  TrainingState off = make_training_state(config, small_digits(64));
  EXPECT_FALSE(off.generator_average);
  EXPECT_EQ(&sampling_generator(off), off.generator.get());
  EXPECT_DOUBLE_EQ(*resolve(tiny_config(Preset::Seed), false).training.g_average, 0.0);
}

TEST(Trainer, LengthInEpochsBecomesIterations) {
  RunConfig config = tiny_config(Preset::Compact);
  config.training.iterations.reset();
  config.training.epochs = 2;
  Trainer trainer(config, small_digits(64));
  EXPECT_EQ(trainer.total_iterations(), 16);  // 2 * 64 / 8
  RunConfig live = trainer.config();
  live.training.epochs = 0.5;
  trainer.set_live_settings(live);
  EXPECT_EQ(trainer.total_iterations(), 4);
}

TEST(Trainer, FastLoopTrains) {
  RunConfig config = tiny_config(Preset::Seed);
  config.training.loop = Loop::Fast;
  Trainer trainer(config, small_digits(64));
  const StepStats s = trainer.step();
  EXPECT_TRUE(std::isfinite(s.d_loss) && std::isfinite(s.g_loss));
}

TEST(Trainer, NamesAMissingDataFile) {
  RunConfig config = tiny_config(Preset::Compact);
  config.data.path = "/nonexistent/mnist";
  try {
    Trainer trainer(config);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()), "/nonexistent/mnist: no such file or folder");
  }
}

TEST(Trainer, CudaOnACpuOnlyBuildIsAClearError) {
  if (cuda_available()) GTEST_SKIP() << "CUDA is available here";
  RunConfig config = tiny_config(Preset::Compact);
  config.training.device = "cuda:0";
  try {
    Trainer trainer(config, small_digits(64));
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("training.device is cuda:0, but this LibTorch"),
              std::string::npos);
  }
}

TEST(Trainer, DescribesTheDevice) {
  Trainer trainer(tiny_config(Preset::Compact), small_digits(64));
  EXPECT_EQ(trainer.device_description(), "CPU, 2 threads");
}

}  // namespace
}  // namespace gs
