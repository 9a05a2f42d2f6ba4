// Issue 29: projecting a picture into a generator's latent space (a tiny model trained a few
// iterations; its own images are the targets, so a perfect projection exists).
#include "model/inspect/projection.h"

#include <gtest/gtest.h>

#include "model/data/image_set.h"
#include "model/io/error.h"
#include "model/quality/quality_meter.h"
#include "model/sampling/sampler.h"
#include "model/training/trainer.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::cached_in;
using testing::small_digits;
using testing::TempDir;
using testing::tiny_config;

// A tiny compact generator trained 100 iterations (G itself: its images differ with z by then), as
// a sampler.
Sampler tiny_sampler(const TempDir& dir) {
  Trainer trainer(tiny_config(Preset::Compact), small_digits(256));
  for (int i = 0; i < 100; ++i) trainer.step();
  trainer.save_checkpoint(dir.file("c.pt"));
  return Sampler::from_checkpoint(dir.file("c.pt"), "cpu", Sampler::Source::Generator);
}

double mean_abs_difference(const ImageBatch& a, const ImageBatch& b) {
  double sum = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) sum += std::abs(a.pixels[i] - b.pixels[i]);
  return sum / (255.0 * static_cast<double>(a.pixels.size()));
}

TEST(Projection, FindsALatentVectorWhoseImageIsTheTarget) {
  TempDir dir;
  Sampler sampler = tiny_sampler(dir);
  const ImageBatch target = sampler.render(sampler.latent_vectors(1, 5));
  ProjectionOptions options;
  options.steps = 150;
  options.starts = 4;
  std::vector<double> errors;
  options.progress = [&](int, double error) {
    errors.push_back(error);
    return true;
  };
  std::vector<int> shown_steps;
  std::vector<double> shown_errors;  // of the images shown as it goes
  options.image_progress = [&](int step, const ImageBatch& image) {
    shown_steps.push_back(step);
    ASSERT_EQ(image.count, 1);
    ASSERT_EQ(image.side, target.side);
    shown_errors.push_back(mean_abs_difference(image, target));
  };
  const Projection result = project(sampler, target, options);
  EXPECT_EQ(result.steps, 150);
  ASSERT_EQ(shown_steps.size(), 15u);  // steps 0, 10, ..., 140
  EXPECT_EQ(shown_steps.back(), 140);
  EXPECT_LT(shown_errors.back(), shown_errors.front());
  EXPECT_FALSE(result.cancelled);
  ASSERT_EQ(result.z.size(), static_cast<size_t>(sampler.noise_dim()));
  EXPECT_EQ(result.class_index, -1);
  // The pixel error falls well below the best random start's, and the image is G(z) itself.
  EXPECT_LT(result.pixel_error, 0.5 * result.start_pixel_error)
      << result.start_pixel_error << " -> " << result.pixel_error;
  ASSERT_EQ(errors.size(), 150u);
  EXPECT_LT(errors.back(), errors.front());
  EXPECT_EQ(result.image.pixels, sampler.render(result.z).pixels);
  EXPECT_NEAR(mean_abs_difference(result.image, target), result.pixel_error, 0.01);
}

TEST(Projection, StopsWhenAskedAndRefusesAnImageOfAnotherShape) {
  TempDir dir;
  Sampler sampler = tiny_sampler(dir);
  const ImageBatch target = sampler.render(sampler.latent_vectors(1, 5));
  ProjectionOptions options;
  options.steps = 100;
  options.progress = [](int step, double) { return step < 3; };
  const Projection stopped = project(sampler, target, options);
  EXPECT_TRUE(stopped.cancelled);
  EXPECT_EQ(stopped.steps, 3);
  EXPECT_EQ(stopped.z.size(), static_cast<size_t>(sampler.noise_dim()));

  ImageBatch wrong = target;
  wrong.side = 14;
  wrong.pixels.resize(14 * 14);
  EXPECT_THROW(project(sampler, wrong, options), Error);
}

TEST(Projection, APictureIsFittedAndTurnedToTheGeneratorsContrast) {
  TempDir dir;
  Sampler sampler = tiny_sampler(dir);
  // A 56 x 56 dark stroke on white: fitted to 28 x 28, and inverted when G's images are clearly
  // dark.
  Image picture;
  picture.width = picture.height = 56;
  picture.pixels.assign(56 * 56, 255);
  for (int y = 10; y < 46; ++y)
    for (int x = 26; x < 30; ++x) picture.pixels[static_cast<size_t>(y * 56 + x)] = 0;
  bool inverted = false;
  const ImageBatch target = projection_target(picture, sampler, &inverted);
  EXPECT_EQ(target.side, 28);
  EXPECT_EQ(target.count, 1);
  const ImageBatch drawn = sampler.generate(64, 1);
  double mean = 0;
  for (uint8_t p : drawn.pixels) mean += p / 255.0;
  mean /= static_cast<double>(drawn.pixels.size());
  // Inverted only when G's images are clearly dark (an untrained G's grey says nothing).
  EXPECT_EQ(inverted, mean < 0.4) << mean;
  // The stroke's centre column, and a corner, after fitting (and inverting when it was).
  const uint8_t stroke = target.pixels[14 * 28 + 14];
  const uint8_t corner = target.pixels[0];
  EXPECT_EQ(stroke, inverted ? 255 : 0);
  EXPECT_EQ(corner, inverted ? 0 : 255);
}

TEST(Projection, TheMetersFeaturesKeepTheClassTheClassifierReads) {
  TempDir dir;
  TempDir cache;
  Sampler sampler = tiny_sampler(dir);
  const QualityMeter meter =
      QualityMeter::for_data(load_image_set(kEmbeddedDigits), cached_in(cache.path()));
  const ImageBatch target = sampler.render(sampler.latent_vectors(1, 9));
  ProjectionOptions options;
  options.steps = 120;
  options.starts = 4;
  const Projection result = project(sampler, target, options, &meter);
  EXPECT_LT(result.pixel_error, 0.5 * result.start_pixel_error);
  // The classifier reads the projection as it reads the target (the histogram of one image).
  const QualityScores a = meter.score([&] {
    ImageBatch two = target;
    two.count = 2;
    two.pixels.insert(two.pixels.end(), target.pixels.begin(), target.pixels.end());
    return two;
  }());
  const QualityScores b = meter.score([&] {
    ImageBatch two = result.image;
    two.count = 2;
    two.pixels.insert(two.pixels.end(), result.image.pixels.begin(), result.image.pixels.end());
    return two;
  }());
  EXPECT_EQ(a.histogram, b.histogram);
  EXPECT_GE(result.picture_class, 0);
  EXPECT_EQ(result.projection_class, result.picture_class);
}

}  // namespace
}  // namespace gs
