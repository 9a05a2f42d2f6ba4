#include "model/sampling/sampler.h"

#include <gtest/gtest.h>

#include "model/io/error.h"
#include "model/training/trainer.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::TempDir;

TEST(Sampler, SameSeedSameSamples) {
  TempDir dir;
  Trainer trainer(testing::tiny_config(Preset::Compact), testing::small_digits(64));
  trainer.step();
  trainer.save_checkpoint(dir.file("c.pt"));
  Sampler sampler = Sampler::from_checkpoint(dir.file("c.pt"));
  const ImageBatch a = sampler.generate(300, 5);
  EXPECT_EQ(a.count, 300);
  EXPECT_EQ(a.side, 28);
  EXPECT_EQ(a.pixels.size(), 300u * 784);
  EXPECT_EQ(sampler.generate(300, 5).pixels, a.pixels);
  EXPECT_NE(sampler.generate(300, 6).pixels, a.pixels);
  // The first images do not depend on how many are asked for.
  const ImageBatch first = sampler.generate(10, 5);
  EXPECT_TRUE(std::equal(first.pixels.begin(), first.pixels.end(), a.pixels.begin()));
}

TEST(Sampler, SnapshotOfATrainerMatchesItsGrid) {
  Trainer trainer(testing::tiny_config(Preset::Seed), testing::small_digits(64));
  trainer.step();
  Sampler snapshot = Sampler::from_weights(trainer.config(), trainer.generator_weights());
  const ImageBatch one = snapshot.render(std::vector<float>(8, 0.5f));
  EXPECT_EQ(one.count, 1);
  EXPECT_THROW(snapshot.render(std::vector<float>(7, 0.f)), Error);
}

TEST(Sampler, ACheckpointDrawsFromGsMovingAverageLikeTheTrainersGrid) {
  TempDir dir;
  RunConfig averaged = testing::tiny_config(Preset::Compact);
  averaged.training.g_average = 0.9;
  RunConfig plain = averaged;
  plain.training.g_average = 0.0;
  Trainer with(averaged, testing::small_digits(64));
  Trainer without(plain, testing::small_digits(64));
  for (int i = 0; i < 4; ++i) {
    with.step();
    without.step();
  }
  // Same seed, same G; only the network that draws differs.
  EXPECT_NE(with.fixed_samples().pixels, without.fixed_samples().pixels);
  with.save_checkpoint(dir.file("with.pt"));
  without.save_checkpoint(dir.file("without.pt"));
  const std::vector<float> z = with.fixed_latents();
  EXPECT_EQ(Sampler::from_checkpoint(dir.file("with.pt")).render(z).pixels,
            with.fixed_samples().pixels);
  EXPECT_EQ(Sampler::from_checkpoint(dir.file("without.pt")).render(z).pixels,
            without.fixed_samples().pixels);
  EXPECT_EQ(Sampler::from_weights(with.config(), with.generator_weights()).render(z).pixels,
            with.fixed_samples().pixels);
  // G itself, on request: the same as the run without an average (same seed, same G).
  EXPECT_EQ(Sampler::from_checkpoint(dir.file("with.pt"), "cpu", Sampler::Source::Generator)
                .render(z)
                .pixels,
            without.fixed_samples().pixels);
}

}  // namespace
}  // namespace gs
