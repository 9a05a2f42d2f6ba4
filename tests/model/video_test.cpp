// Videos of a run (model/video/): the training time-lapse and the latent walk, read back by
// ffprobe and FFmpeg's decoder; cancelled and failed exports leave nothing behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/run_directory.h"
#include "model/sampling/sampler.h"
#include "model/training/trainer.h"
#include "model/training/training_run.h"
#include "model/video/caption.h"
#include "model/video/video_encoder.h"
#include "model/video/video_export.h"
#include "tests/common/test_support.h"
#include "tests/common/video_probe.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// A run folder holding 6 grids of real digits, each grid different (a tiny run's first grids are
// all but alike).
std::string run_with_grids(const TempDir& dir) {
  const ImageSet digits = testing::small_digits(64 + 5 * 8);
  const std::string path = dir.file("grids");
  fs::create_directories(path + "/samples");
  for (int g = 0; g < 6; ++g) {
    ImageBatch batch{kGridSamples, digits.cols, {}, 1};
    const size_t bytes = static_cast<size_t>(digits.rows) * digits.cols;
    batch.pixels.assign(digits.pixels.begin() + static_cast<std::ptrdiff_t>(g * 8 * bytes),
                        digits.pixels.begin() + static_cast<std::ptrdiff_t>((g * 8 + 64) * bytes));
    char name[64];
    std::snprintf(name, sizeof name, "/samples/iter_%07d.png", (g + 1) * 100);
    write_png(path + name, tile_grid(batch, GridLayout{kGridColumns, 2, 2, 96}));
  }
  return path;
}

// A tiny run that drew a grid every 2 iterations: 6 grids.
std::string trained_run(const TempDir& dir) {
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.training.iterations = 12;
  config.outputs.sample_every = 2;
  config.outputs.checkpoint_every = 12;
  const std::string path = dir.file("run");
  auto run = TrainingRun::start(config, path);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(run->step(), StepResult::Trained);
  run->finish();
  return path;
}

TEST(Video, ATimeLapseHasAFramePerGridAndEachFrameIsItsGrid) {
  TempDir dir;
  const std::string run = run_with_grids(dir);
  const auto grids = RunDirectory::sample_grids(run);
  ASSERT_EQ(grids.size(), 6u);
  const Image first = read_png(grids.front().second);

  TimelapseOptions options;
  options.fps = 12;
  options.caption = false;
  const std::string mp4 = dir.file("out/timelapse.mp4");
  fs::create_directories(dir.file("out"));
  std::vector<int> heard;
  const std::string report = export_training_video(run, options, mp4, [&](int done, int total) {
    EXPECT_EQ(total, 6);
    heard.push_back(done);
    return true;
  });
  EXPECT_NE(report.find("MP4 (H.264) video of 6 grids"), std::string::npos) << report;
  EXPECT_EQ(heard, (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));

  std::string error;
  const testing::VideoProbe probe = testing::ffprobe(mp4, &error);
  EXPECT_EQ(probe.codec, "h264") << error;
  EXPECT_EQ(probe.pixel_format, "yuv420p");
  EXPECT_EQ(probe.frame_rate, "12/1");
  EXPECT_EQ(probe.frames, 6);
  EXPECT_EQ(probe.width, (first.width + 1) / 2 * 2);
  EXPECT_EQ(probe.height, (first.height + 1) / 2 * 2);

  // Each decoded frame is its own grid (lossy, so near), and nearer to it than to its neighbours.
  const std::vector<Image> frames = testing::decode_video(mp4);
  ASSERT_EQ(frames.size(), 6u);
  for (size_t i = 0; i < frames.size(); ++i) {
    Image grid = with_channels(read_png(grids[i].second), 3);
    Image frame = frames[i];
    if (frame.width != grid.width || frame.height != grid.height) {
      // crop the even-size edge
      Image cropped{grid.width, grid.height, {}, 3};
      for (int y = 0; y < grid.height; ++y) {
        const auto row = frame.pixels.begin() + static_cast<std::ptrdiff_t>(y) * frame.width * 3;
        cropped.pixels.insert(cropped.pixels.end(), row, row + grid.width * 3);
      }
      frame = cropped;
    }
    const double own = testing::mean_abs_difference(frame, grid);
    EXPECT_LT(own, 3.0) << "frame " << i;
    const size_t far = i < 3 ? 5 : 0;
    const double other = testing::mean_abs_difference(frame, read_png(grids[far].second));
    EXPECT_LT(own * 2, other) << "frame " << i << " against grid " << far;
  }
}

TEST(Video, AWebmTimeLapseStepsThroughTheGridsWithACaption) {
  TempDir dir;
  const std::string run = trained_run(dir);
  const Image first = read_png(RunDirectory::sample_grids(run).front().second);
  TimelapseOptions options;
  options.frame_step = 4;  // grids 1 and 5, then the newest (6)
  options.fps = 5;
  options.scale = 2;
  const std::string webm = dir.file("timelapse.webm");
  export_training_video(run, options, webm);
  const testing::VideoProbe probe = testing::ffprobe(webm);
  EXPECT_EQ(probe.codec, "vp9");
  EXPECT_EQ(probe.pixel_format, "yuv420p");
  EXPECT_EQ(probe.frame_rate, "5/1");
  EXPECT_EQ(probe.frames, 3);
  const int width = first.width * 2;
  EXPECT_EQ(probe.width, (width + 1) / 2 * 2);
  EXPECT_EQ(probe.height, (first.height * 2 + caption_height(width / 240) + 1) / 2 * 2);
  // The caption's band is black with white letters.
  const Image frame = testing::decode_video(webm).back();
  int bright = 0;
  for (int y = first.height * 2; y < frame.height; ++y) {
    for (int x = 0; x < frame.width; ++x) {
      bright += frame.pixels[(static_cast<size_t>(y) * frame.width + x) * 3] > 200;
    }
  }
  EXPECT_GT(bright, 100);
}

TEST(Video, TheCaptionSaysTheIterationAndTheNewestQualityFigure) {
  std::vector<QualityScores> quality(2);
  quality[0].iteration = 500;
  quality[0].fd = 20.126;
  quality[1].iteration = 1000;
  quality[1].fd = 9.5;
  EXPECT_EQ(timelapse_caption(quality, 400), "iteration 400");
  EXPECT_EQ(timelapse_caption(quality, 999), "iteration 999   FD 20.13");
  EXPECT_EQ(timelapse_caption(quality, 12400), "iteration 12,400   FD 9.50");
  EXPECT_EQ(timelapse_caption({}, 1234567), "iteration 1,234,567");

  // "1" at scale 1: the glyph's column of 5 lit pixels in the band, nothing above it changed.
  const Image frame{20, 10, std::vector<uint8_t>(200, 77), 1};
  const Image captioned = with_caption(frame, "1", 1);
  ASSERT_EQ(captioned.height, 10 + caption_height(1));
  EXPECT_TRUE(std::equal(frame.pixels.begin(), frame.pixels.end(), captioned.pixels.begin()));
  int lit = 0;
  for (size_t i = frame.pixels.size(); i < captioned.pixels.size(); ++i) {
    lit += captioned.pixels[i] == 255;
  }
  EXPECT_EQ(lit, 1 + 2 + 4 + 3);  // the glyph's rows: 0x04, 0x0C, 0x04 x4, 0x0E
  // Text wider than the frame is cut, not drawn outside it.
  EXPECT_EQ(with_caption(frame, "iteration 1,000,000", 3).width, 20);
}

TEST(Video, ALatentWalkGoesFromPointToPoint) {
  TempDir dir;
  // An untrained G draws a near-even grey for every z: train it until seeds differ.
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.training.g_average = 0.0;
  Trainer trainer(config, testing::small_digits(64));
  for (int i = 0; i < 60; ++i) trainer.step();
  trainer.save_checkpoint(dir.file("c.pt"));
  Sampler sampler = Sampler::from_checkpoint(dir.file("c.pt"));

  WalkOptions options;
  options.seeds = {3, 4};
  options.frames = 10;
  options.fps = 25;
  options.scale = 4;
  options.spherical = false;
  const std::string path = dir.file("walk.mp4");
  export_latent_walk(sampler, options, path);
  const testing::VideoProbe probe = testing::ffprobe(path);
  EXPECT_EQ(probe.codec, "h264");
  EXPECT_EQ(probe.frames, 10);
  EXPECT_EQ(probe.frame_rate, "25/1");
  // The first frame is seed 3's image and the last seed 4's (what `sample --seed` draws first).
  const Image a = scale_nearest(sampler.generate(1, 3).image(0), 4);
  const Image b = scale_nearest(sampler.generate(1, 4).image(0), 4);
  ASSERT_GT(testing::mean_abs_difference(a, b), 4.0);
  EXPECT_EQ(probe.width, a.width);
  EXPECT_EQ(probe.height, a.height);
  const std::vector<Image> frames = testing::decode_video(path);
  ASSERT_EQ(frames.size(), 10u);
  EXPECT_LT(testing::mean_abs_difference(frames.front(), a), 4.0);
  EXPECT_LT(testing::mean_abs_difference(frames.back(), b), 4.0);
  EXPECT_LT(testing::mean_abs_difference(frames.front(), a) * 2,
            testing::mean_abs_difference(frames.front(), b));
}

TEST(Video, AWalksPathIsEvenLinearOrSphericalAndALoopComesBack) {
  TempDir dir;
  Trainer trainer(testing::tiny_config(Preset::Compact), testing::small_digits(64));
  trainer.save_checkpoint(dir.file("c.pt"));
  Sampler sampler = Sampler::from_checkpoint(dir.file("c.pt"));
  const auto n = static_cast<size_t>(sampler.noise_dim());
  const std::vector<float> z1 = sampler.latent_vectors(1, 1);
  const std::vector<float> z2 = sampler.latent_vectors(1, 2);
  const std::vector<float> z3 = sampler.latent_vectors(1, 3);
  auto frame = [&](const std::vector<float>& inputs, size_t i) {
    return std::vector<float>(inputs.begin() + static_cast<std::ptrdiff_t>(i * n),
                              inputs.begin() + static_cast<std::ptrdiff_t>((i + 1) * n));
  };
  auto norm = [](const std::vector<float>& v) {
    double sum = 0;
    for (float x : v) sum += double(x) * x;
    return std::sqrt(sum);
  };
  WalkOptions linear;
  linear.seeds = {1, 2, 3};
  linear.frames = 5;  // points at frames 0, 2, 4
  linear.spherical = false;
  const std::vector<float> path = latent_walk_inputs(sampler, linear);
  ASSERT_EQ(path.size(), 5 * n);
  EXPECT_EQ(frame(path, 0), z1);
  EXPECT_EQ(frame(path, 2), z2);
  EXPECT_EQ(frame(path, 4), z3);
  EXPECT_NEAR(frame(path, 1)[0], (z1[0] + z2[0]) / 2, 1e-5);
  // Great circles keep a Gaussian vector's length; straight lines shorten it between points.
  WalkOptions spherical = linear;
  spherical.spherical = true;
  const std::vector<float> arc = latent_walk_inputs(sampler, spherical);
  EXPECT_NEAR(norm(frame(arc, 1)), (norm(z1) + norm(z2)) / 2, 1e-3);
  EXPECT_LT(norm(frame(path, 1)), norm(frame(arc, 1)));
  // A loop of 6 frames through 3 points: the points at 0, 2 and 4, and back towards the first.
  WalkOptions loop = linear;
  loop.loop = true;
  loop.frames = 6;
  const std::vector<float> ring = latent_walk_inputs(sampler, loop);
  EXPECT_EQ(frame(ring, 4), z3);
  EXPECT_NEAR(frame(ring, 5)[0], (z3[0] + z1[0]) / 2, 1e-5);
  // Refused, with reasons.
  WalkOptions one = linear;
  one.seeds = {1};
  EXPECT_THROW(latent_walk_inputs(sampler, one), Error);
  WalkOptions classes = linear;
  classes.classes = {1, 2, 3};
  EXPECT_THROW(latent_walk_inputs(sampler, classes), Error);  // not conditional
}

TEST(Video, AConditionalWalkMovesBetweenClasses) {
  TempDir dir;
  Trainer trainer(testing::conditional_config(Preset::Compact), testing::small_digits(64));
  trainer.save_checkpoint(dir.file("c.pt"));
  Sampler sampler = Sampler::from_checkpoint(dir.file("c.pt"));
  const auto n = static_cast<size_t>(sampler.noise_dim());
  const auto d = static_cast<size_t>(sampler.input_dim());
  WalkOptions options;
  options.seeds = {1, 2};
  options.classes = {3, 8};
  options.frames = 3;
  const std::vector<float> path = latent_walk_inputs(sampler, options);
  ASSERT_EQ(path.size(), 3 * d);
  EXPECT_EQ(path[n + 3], 1.0f);            // frame 0: class 3
  EXPECT_FLOAT_EQ(path[d + n + 3], 0.5f);  // halfway: half 3, half 8
  EXPECT_FLOAT_EQ(path[d + n + 8], 0.5f);
  EXPECT_EQ(path[2 * d + n + 8], 1.0f);  // the end: class 8
  options.classes = {3, 10};
  EXPECT_THROW(latent_walk_inputs(sampler, options), Error);
  options.classes.clear();  // the classes in turn: 0, 1
  const std::vector<float> in_turn = latent_walk_inputs(sampler, options);
  EXPECT_EQ(in_turn[n + 0], 1.0f);
  EXPECT_EQ(in_turn[2 * d + n + 1], 1.0f);
  const std::string path_file = dir.file("walk.webm");
  export_latent_walk(sampler, options, path_file);
  EXPECT_EQ(testing::ffprobe(path_file).frames, 3);
}

TEST(Video, ACancelledOrFailedExportLeavesNoFile) {
  TempDir dir;
  const std::string run = trained_run(dir);
  fs::create_directories(dir.file("out"));
  const std::string path = dir.file("out/t.mp4");
  try {
    export_training_video(run, TimelapseOptions{}, path, [](int done, int) { return done < 2; });
    FAIL() << "not cancelled";
  } catch (const ExportCancelled& cancelled) {
    EXPECT_NE(std::string(cancelled.what()).find(path), std::string::npos);
  }
  EXPECT_TRUE(testing::files_in(dir.file("out")).empty());
  // An existing file is kept when the export that would replace it is cancelled.
  testing::write_bytes(path, "keep me");
  EXPECT_THROW(export_training_video(run, TimelapseOptions{}, path, [](int, int) { return false; }),
               ExportCancelled);
  EXPECT_EQ(read_file(path), "keep me");
  // Wrong names, missing folders and runs without grids are named.
  EXPECT_THROW(export_training_video(run, TimelapseOptions{}, dir.file("out/t.avi")), Error);
  try {
    export_training_video(run, TimelapseOptions{}, dir.file("missing/t.mp4"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("missing/t.mp4"), std::string::npos);
  }
  fs::create_directories(dir.file("empty"));
  EXPECT_THROW(export_training_video(dir.file("empty"), TimelapseOptions{}, path), Error);
  EXPECT_EQ(testing::files_in(dir.file("out")), std::vector<std::string>{"t.mp4"});
}

TEST(Video, OddSizesGetAnEvenEdgeAndFramesKeepTheFirstSize) {
  TempDir dir;
  const std::string path = dir.file("odd.webm");
  {
    VideoEncoder encoder(path, VideoFormat::WebmVp9, 5, 3, 2);
    EXPECT_EQ(encoder.width(), 6);
    EXPECT_EQ(encoder.height(), 4);
    encoder.add(Image{5, 3, std::vector<uint8_t>(15, 200), 1});
    EXPECT_THROW(encoder.add(Image{6, 3, std::vector<uint8_t>(18, 0), 1}), Error);
    encoder.finish();
  }
  const testing::VideoProbe probe = testing::ffprobe(path);
  EXPECT_EQ(probe.width, 6);
  EXPECT_EQ(probe.height, 4);
  EXPECT_EQ(probe.frames, 1);
  {
    // Abandoned before finish(): no file.
    VideoEncoder encoder(dir.file("abandoned.mp4"), VideoFormat::Mp4H264, 8, 8, 10);
    encoder.add(Image{8, 8, std::vector<uint8_t>(64, 0), 1});
  }
  EXPECT_FALSE(fs::exists(dir.file("abandoned.mp4")));
  EXPECT_THROW(VideoEncoder(dir.file("big.mp4"), VideoFormat::Mp4H264, 5000, 8, 10), Error);
  EXPECT_THROW(VideoEncoder(dir.file("fps.mp4"), VideoFormat::Mp4H264, 8, 8, 0), Error);
  EXPECT_EQ(video_format_of("a/B.MP4"), VideoFormat::Mp4H264);
  EXPECT_EQ(video_format_of("x.webm"), VideoFormat::WebmVp9);
  EXPECT_THROW(video_format_of("x.gif"), Error);
}

}  // namespace
}  // namespace gs
