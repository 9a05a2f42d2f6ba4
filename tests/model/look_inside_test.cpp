// Issue 29: where D looks (SmoothGrad saliency of D's output) and G's layers (each block's feature
// maps), on tiny models trained a few iterations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "model/inspect/discriminator.h"
#include "model/inspect/generator_layers.h"
#include "model/io/error.h"
#include "model/sampling/sampler.h"
#include "model/training/trainer.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::conditional_config;
using testing::small_digits;
using testing::TempDir;
using testing::tiny_config;

// Trains a tiny run `iterations` iterations and saves it as dir/c.pt.
void train_and_save(const RunConfig& config, const TempDir& dir, int iterations,
                    std::string* d_weights = nullptr) {
  Trainer trainer(config, small_digits(256));
  for (int i = 0; i < iterations; ++i) trainer.step();
  trainer.save_checkpoint(dir.file("c.pt"));
  if (d_weights) *d_weights = trainer.discriminator_weights();
}

// `image` moved `amount` (0..255 units) along the saliency's values, clamped to the pixel range.
ImageBatch moved(const ImageBatch& image, const Saliency& saliency, double amount) {
  ImageBatch out = image;
  for (size_t i = 0; i < out.pixels.size(); ++i) {
    const double value = out.pixels[i] + amount * saliency.values[i];
    out.pixels[i] = static_cast<uint8_t>(std::clamp(std::lround(value), 0L, 255L));
  }
  return out;
}

TEST(WhereDLooks, MovingPixelsAlongTheSaliencyMovesDsScoreThatWay) {
  TempDir dir;
  train_and_save(tiny_config(Preset::Compact), dir, 60);
  Sampler sampler = Sampler::from_checkpoint(dir.file("c.pt"));
  Discriminator d = Discriminator::from_checkpoint(dir.file("c.pt"));
  const ImageBatch context = sampler.generate(32, 3);
  for (const uint64_t seed : {11u, 12u, 13u}) {
    const ImageBatch image = sampler.render(sampler.latent_vectors(1, seed));
    for (const int samples : {1, 16}) {  // the plain gradient, and SmoothGrad's
      SaliencyOptions options;
      options.samples = samples;
      const Saliency s = d.saliency(image, -1, context, {}, options);
      ASSERT_EQ(s.side, 28);
      ASSERT_EQ(s.values.size(), 28u * 28u);
      EXPECT_TRUE(s.probability);
      EXPECT_GT(s.score, 0.0);
      EXPECT_LT(s.score, 1.0);
      ASSERT_GT(s.largest, 0.0);
      float largest = 0;
      for (const float v : s.values) {
        ASSERT_TRUE(std::isfinite(v));
        largest = std::max(largest, std::abs(v));
      }
      EXPECT_FLOAT_EQ(largest, 1.0f);
      // What the map promises: brightening where it is positive and darkening where negative
      // makes D say "real" more; the other way, less.
      SaliencyOptions plain;
      plain.samples = 1;
      const double up = d.saliency(moved(image, s, 12), -1, context, {}, plain).score;
      const double down = d.saliency(moved(image, s, -12), -1, context, {}, plain).score;
      EXPECT_GT(up, s.score) << "seed " << seed << ", samples " << samples;
      EXPECT_LT(down, s.score) << "seed " << seed << ", samples " << samples;
    }
  }
}

TEST(WhereDLooks, ASnapshotsWeightsSeeAsTheCheckpointAndNothingChanges) {
  TempDir dir;
  std::string weights;
  const RunConfig config = tiny_config(Preset::Seed);  // dropout in D: off when judging
  train_and_save(config, dir, 30, &weights);
  Sampler sampler = Sampler::from_checkpoint(dir.file("c.pt"));
  Discriminator saved = Discriminator::from_checkpoint(dir.file("c.pt"));
  Discriminator live = Discriminator::from_weights(saved.config(), weights);
  const ImageBatch image = sampler.generate(1, 5);
  const ImageBatch context = sampler.generate(16, 6);
  const Saliency a = saved.saliency(image, -1, context);
  const Saliency b = live.saliency(image, -1, context);
  const Saliency again = saved.saliency(image, -1, context);
  EXPECT_EQ(a.values, b.values);
  EXPECT_EQ(a.score, b.score);
  EXPECT_EQ(a.values, again.values);  // no statistic moved, no dropout drawn
  // Wrong shapes and classes are refused with a reason.
  ImageBatch wrong = image;
  wrong.side = 14;
  wrong.pixels.resize(14 * 14);
  EXPECT_THROW(saved.saliency(wrong, -1, context), Error);
  EXPECT_THROW(saved.saliency(context, -1, image), Error);
}

TEST(WhereDLooks, AConditionalDJudgesTheClassAsked) {
  TempDir dir;
  train_and_save(conditional_config(Preset::Compact), dir, 30);
  Sampler sampler = Sampler::from_checkpoint(dir.file("c.pt"));
  Discriminator d = Discriminator::from_checkpoint(dir.file("c.pt"));
  const ImageBatch image = sampler.generate(1, 5, 3);
  const ImageBatch context = sampler.generate(10, 6);
  const std::vector<int> classes = sampler.labels_for(10, -1);
  const Saliency three = d.saliency(image, 3, context, classes);
  const Saliency seven = d.saliency(image, 7, context, classes);
  EXPECT_NE(three.score, seven.score);  // the projection term differs by class
  EXPECT_EQ(three.values.size(), 28u * 28u);
  EXPECT_THROW(d.saliency(image, 10, context, classes), Error);
  EXPECT_THROW(d.saliency(image, 3, context, {}), Error);  // the context's classes are needed
}

TEST(GeneratorLayers, EachBlocksMapsFollowTheVectorAndLeaveTheImageAlone) {
  TempDir dir;
  train_and_save(tiny_config(Preset::Compact), dir, 40);
  Sampler sampler = Sampler::from_checkpoint(dir.file("c.pt"));
  const std::vector<float> z = sampler.latent_vectors(1, 21);
  const std::vector<float> other = sampler.latent_vectors(1, 22);
  const ImageBatch before = sampler.render(z);
  const std::vector<LayerMaps> layers = generator_layers(sampler, z, 12);
  // The compact G at 28 pixels: 4x4 (16 channels), 7x7 (8), 14x14 (4), then the image.
  ASSERT_EQ(layers.size(), 3u);
  const int sides[] = {4, 7, 14};
  const int channels[] = {16, 8, 4};
  for (size_t i = 0; i < layers.size(); ++i) {
    const LayerMaps& layer = layers[i];
    EXPECT_EQ(layer.name, "block " + std::to_string(i + 1));
    EXPECT_EQ(layer.channels, channels[i]);
    EXPECT_EQ(layer.maps.side, sides[i]);
    EXPECT_EQ(layer.maps.count, std::min(12, channels[i]));
    EXPECT_EQ(layer.shown.size(), static_cast<size_t>(layer.maps.count));
    EXPECT_TRUE(std::is_sorted(layer.shown.begin(), layer.shown.end()));
    EXPECT_EQ(layer.maps.pixels.size(),
              static_cast<size_t>(layer.maps.count) * sides[i] * sides[i]);
    EXPECT_LE(layer.low, layer.high);
    EXPECT_GE(layer.low, 0.0f);  // after ReLU
    // Scaled over the block: its largest activation is white.
    EXPECT_EQ(*std::max_element(layer.maps.pixels.begin(), layer.maps.pixels.end()), 255);
  }
  // 12 of block 1's 16 channels: the most active on average, the same ones for any vector.
  const std::vector<LayerMaps> moved = generator_layers(sampler, other, 12);
  EXPECT_EQ(moved[0].shown, layers[0].shown);
  EXPECT_NE(moved[0].maps.pixels, layers[0].maps.pixels);
  EXPECT_EQ(generator_layers(sampler, z, 12)[2].maps.pixels, layers[2].maps.pixels);
  // Looking leaves G as it was: the same image, and no tap left behind.
  EXPECT_EQ(sampler.render(z).pixels, before.pixels);
  EXPECT_THROW(generator_layers(sampler, std::vector<float>(3, 0.0f)), Error);
}

TEST(GeneratorLayers, TheSeedsBlocksAndAConditionalOnes) {
  TempDir dir;
  train_and_save(tiny_config(Preset::Seed), dir, 10);
  Sampler seed = Sampler::from_checkpoint(dir.file("c.pt"));
  const std::vector<LayerMaps> layers = generator_layers(seed, seed.latent_vectors(1, 1));
  ASSERT_EQ(layers.size(), 4u);  // the dense layer reshaped, then three convolutions
  EXPECT_EQ(layers[0].maps.side, 7);
  EXPECT_EQ(layers[1].maps.side, 14);
  EXPECT_EQ(layers[3].maps.side, 28);

  TempDir conditional_dir;
  train_and_save(conditional_config(Preset::Compact), conditional_dir, 10);
  Sampler conditional = Sampler::from_checkpoint(conditional_dir.file("c.pt"));
  std::vector<float> inputs = with_one_hot(conditional.latent_vectors(1, 1), 8, {4}, 10);
  const std::vector<LayerMaps> four = generator_layers(conditional, inputs);
  inputs = with_one_hot(conditional.latent_vectors(1, 1), 8, {5}, 10);
  const std::vector<LayerMaps> five = generator_layers(conditional, inputs);
  ASSERT_EQ(four.size(), 3u);
  EXPECT_NE(four[0].maps.pixels, five[0].maps.pixels);  // the class changes what G computes
}

}  // namespace
}  // namespace gs
