// The CUDA path (issue 31): the same training as the CPU tests, on the GPU. Every test skips where
// LibTorch sees no GPU (CI), and runs on a GPU machine (scripts/gpu-check.sh).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "model/sampling/sampler.h"
#include "model/training/checkpoint.h"
#include "model/training/gan_step.h"
#include "model/training/trainer.h"
#include "model/training/training_state.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::small_digits;
using testing::TempDir;
using testing::tiny_config;

class CudaTest : public ::testing::TestWithParam<Preset> {
 protected:
  void SetUp() override {
    if (!cuda_available()) GTEST_SKIP() << "no CUDA device here";
  }
  static const ImageSet& digits() {
    static const ImageSet set = small_digits(512);
    return set;
  }
  static RunConfig cuda_config(Preset preset) {
    RunConfig config = tiny_config(preset);
    config.training.device = "cuda";
    return config;
  }
};

std::vector<torch::Tensor> parameters_on_cpu(torch::nn::Module& module) {
  std::vector<torch::Tensor> out;
  for (const auto& p : module.parameters()) out.push_back(p.detach().to(torch::kCPU).clone());
  return out;
}

bool all_equal(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!torch::equal(a[i], b[i])) return false;
  }
  return true;
}

void expect_finite(const StepStats& s) {
  EXPECT_TRUE(std::isfinite(s.d_loss)) << "iteration " << s.iteration;
  EXPECT_TRUE(std::isfinite(s.g_loss)) << "iteration " << s.iteration;
  for (float fraction : {s.d_acc, s.g_acc, s.d_real, s.d_fake}) {
    EXPECT_GE(fraction, 0.0f);
    EXPECT_LE(fraction, 1.0f);
  }
}

// The largest difference between two grids' pixels (0..255).
int largest_pixel_difference(const ImageBatch& a, const ImageBatch& b) {
  EXPECT_EQ(a.pixels.size(), b.pixels.size());
  int largest = 0;
  for (size_t i = 0; i < std::min(a.pixels.size(), b.pixels.size()); ++i) {
    largest = std::max(largest, std::abs(int(a.pixels[i]) - int(b.pixels[i])));
  }
  return largest;
}

TEST_P(CudaTest, AStepRunsOnTheGpuAndMovesBothNetworks) {
  RunConfig config = resolve(cuda_config(GetParam()), true);
  TrainingState state = make_training_state(config, digits());
  ASSERT_TRUE(state.device.is_cuda());
  for (const auto& p : state.generator->parameters()) EXPECT_TRUE(p.is_cuda());
  const auto g_before = parameters_on_cpu(*state.generator);
  const auto d_before = parameters_on_cpu(*state.discriminator);
  for (int i = 0; i < 3; ++i) {
    const torch::Tensor stats = train_step(state);  // the step's statistics, on the GPU
    EXPECT_TRUE(torch::isfinite(stats).all().item<bool>());
  }
  EXPECT_FALSE(all_equal(g_before, parameters_on_cpu(*state.generator)));
  EXPECT_FALSE(all_equal(d_before, parameters_on_cpu(*state.discriminator)));
}

TEST_P(CudaTest, DiscriminatorIsBitIdenticalAcrossTheGeneratorStep) {
  RunConfig config = resolve(cuda_config(GetParam()), true);
  TrainingState state = make_training_state(config, digits());
  train_step(state);
  const auto d_before = parameters_on_cpu(*state.discriminator);
  const auto g_before = parameters_on_cpu(*state.generator);
  auto fakes = state.generator->forward(torch::randn(
      {config.training.batch_size, config.model.noise_dim}, torch::TensorOptions(state.device)));
  generator_step(state, fakes);
  EXPECT_TRUE(all_equal(d_before, parameters_on_cpu(*state.discriminator)));
  EXPECT_FALSE(all_equal(g_before, parameters_on_cpu(*state.generator)));
}

// Resume on the GPU gives the uninterrupted run's statistics within float tolerance, not bit for
// bit: cuDNN's benchmark mode (on for CUDA runs) may pick another algorithm in another trainer, and
// some backward kernels sum with atomics in no fixed order. The tolerance is far below what the
// learning rate moves in one step.
TEST_P(CudaTest, ResumingGivesTheUninterruptedRunsStatistics) {
  constexpr int kBefore = 4;
  constexpr int kAfter = 4;
  // One trainer at a time: CUDA's default generator is shared by the trainers of a process.
  std::vector<StepStats> expected;
  {
    Trainer uninterrupted(cuda_config(GetParam()), digits());
    for (int i = 0; i < kBefore + kAfter; ++i) expected.push_back(uninterrupted.step());
  }
  TempDir dir;
  {
    Trainer first(cuda_config(GetParam()), digits());
    for (int i = 0; i < kBefore; ++i) first.step();
    first.save_checkpoint(dir.file("ckpt.pt"));
  }
  Trainer resumed(cuda_config(GetParam()), digits());
  resumed.load_checkpoint(dir.file("ckpt.pt"));
  EXPECT_EQ(resumed.iteration(), kBefore);
  for (int i = kBefore; i < kBefore + kAfter; ++i) {
    const StepStats s = resumed.step();
    EXPECT_EQ(s.iteration, expected[i].iteration);
    EXPECT_NEAR(s.d_loss, expected[i].d_loss, 1e-3) << "iteration " << s.iteration;
    EXPECT_NEAR(s.g_loss, expected[i].g_loss, 1e-3) << "iteration " << s.iteration;
    EXPECT_NEAR(s.d_real, expected[i].d_real, 1e-3);
    EXPECT_NEAR(s.d_fake, expected[i].d_fake, 1e-3);
  }
}

// A checkpoint written on the GPU trains on the CPU, and the CPU's checkpoint back on the GPU: the
// grid drawn from the same weights agrees to a grey level or so (float differences between the
// devices' kernels), and the iteration goes on.
TEST_P(CudaTest, ACheckpointMovesFromTheGpuToTheCpuAndBack) {
  TempDir dir;
  Trainer gpu(cuda_config(GetParam()), digits());
  for (int i = 0; i < 3; ++i) gpu.step();
  gpu.save_checkpoint(dir.file("gpu.pt"));

  Trainer cpu(tiny_config(GetParam()), digits());
  cpu.load_checkpoint(dir.file("gpu.pt"));
  EXPECT_EQ(cpu.iteration(), 3);
  EXPECT_LE(largest_pixel_difference(cpu.fixed_samples(), gpu.fixed_samples()), 2);
  expect_finite(cpu.step());
  cpu.save_checkpoint(dir.file("cpu.pt"));

  Trainer back(cuda_config(GetParam()), digits());
  back.load_checkpoint(dir.file("cpu.pt"));
  EXPECT_EQ(back.iteration(), 4);
  EXPECT_LE(largest_pixel_difference(back.fixed_samples(), cpu.fixed_samples()), 2);
  const StepStats s = back.step();
  EXPECT_EQ(s.iteration, 5);
  expect_finite(s);

  // The sampler loads the GPU's checkpoint on either device and draws the trainer's grid.
  Sampler on_cpu = Sampler::from_checkpoint(dir.file("gpu.pt"));
  Sampler on_gpu = Sampler::from_checkpoint(dir.file("gpu.pt"), "cuda");
  EXPECT_LE(largest_pixel_difference(on_cpu.generate(16, 7), on_gpu.generate(16, 7)), 2);
}

TEST_P(CudaTest, Bf16AutocastTrainsAndStaysNearFloat32) {
  RunConfig bf16 = cuda_config(GetParam());
  bf16.training.precision = Precision::Bf16;
  float fp32_loss = 0;
  {
    Trainer fp32(cuda_config(GetParam()), digits());
    fp32_loss = fp32.step().d_loss;
  }
  Trainer trainer(bf16, digits());
  const StepStats first = trainer.step();
  expect_finite(first);
  // bfloat16 keeps 8 bits of mantissa: the first loss (same weights, same batch) within a few per cent.
  EXPECT_NEAR(first.d_loss, fp32_loss, 0.05 * std::abs(fp32_loss) + 0.02);
  for (int i = 0; i < 3; ++i) expect_finite(trainer.step());
}

TEST_P(CudaTest, EveryLossTrains) {
  for (Loss loss : {Loss::Bce, Loss::Hinge, Loss::WganGp, Loss::Lsgan}) {
    RunConfig config = cuda_config(GetParam());
    config.training.loss = loss;
    config.training.n_critic = 2;
    Trainer trainer(config, digits());
    for (int i = 0; i < 3; ++i) {
      const StepStats s = trainer.step();
      EXPECT_TRUE(std::isfinite(s.d_loss) && std::isfinite(s.g_loss)) << to_string(loss);
    }
  }
}

TEST_P(CudaTest, AConditionalModelTrainsAndDrawsTheClassAskedFor) {
  RunConfig config = cuda_config(GetParam());
  config.model.conditional = true;
  TempDir dir;
  Trainer trainer(config, digits());
  for (int i = 0; i < 3; ++i) expect_finite(trainer.step());
  EXPECT_EQ(trainer.fixed_samples().count, 10 * kGridColumns);
  trainer.save_checkpoint(dir.file("c.pt"));
  Sampler sampler = Sampler::from_checkpoint(dir.file("c.pt"), "cuda");
  EXPECT_EQ(sampler.classes(), 10);
  const ImageBatch sevens = sampler.generate(10, 5, 7);
  const ImageBatch each = sampler.generate(10, 5);
  EXPECT_EQ(sevens.image(7).pixels, each.image(7).pixels);
  EXPECT_NE(sevens.image(3).pixels, each.image(3).pixels);
}

TEST_P(CudaTest, TheFastLoopAndChannelsLastTrain) {
  RunConfig config = cuda_config(GetParam());
  config.training.loop = Loop::Fast;
  config.training.memory_format = MemoryFormat::ChannelsLast;
  Trainer trainer(config, digits());
  for (int i = 0; i < 3; ++i) expect_finite(trainer.step());
  EXPECT_EQ(trainer.iteration(), 3);
}

INSTANTIATE_TEST_SUITE_P(Presets, CudaTest, ::testing::Values(Preset::Seed, Preset::Compact),
                         [](const auto& param_info) { return to_string(param_info.param); });

}  // namespace
}  // namespace gs
