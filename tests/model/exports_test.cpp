#include "model/exports/exports.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "model/io/error.h"
#include "model/io/gif.h"
#include "model/io/images.h"
#include "model/sampling/sampler.h"
#include "model/training/trainer.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::TempDir;

Image flat(int side, uint8_t value) {
  return Image{side, side, std::vector<uint8_t>(static_cast<size_t>(side) * side, value)};
}

TEST(Gif, EncodesFramesThatGiflibReadsBack) {
  TempDir dir;
  const std::vector<Image> frames = {flat(10, 0), flat(10, 128), flat(10, 255)};
  const std::string bytes = encode_gif(frames, 250);
  EXPECT_EQ(bytes.substr(0, 6), "GIF89a");
  testing::write_bytes(dir.file("a.gif"), bytes);
  const GifInfo info = read_gif_info(dir.file("a.gif"));
  EXPECT_EQ(info.width, 10);
  EXPECT_EQ(info.height, 10);
  EXPECT_EQ(info.frames, 3);
  EXPECT_EQ(info.delay_ms, 250);
}

TEST(Gif, RejectsFramesOfDifferentSizes) {
  EXPECT_THROW(encode_gif({flat(10, 0), flat(12, 0)}, 100), Error);
  EXPECT_THROW(encode_gif({}, 100), Error);
}

TEST(Exports, TrainingGifHasAFramePerGridAndEndsOnTheNewest) {
  TempDir dir;
  const std::string run = dir.file("run");
  std::filesystem::create_directories(run + "/samples");
  for (int i = 1; i <= 7; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "/samples/iter_%07d.png", i * 100);
    write_png(run + name, flat(20, static_cast<uint8_t>(i * 30)));
  }
  EXPECT_NE(export_training_gif(run, GifOptions{1, 100}, dir.file("all.gif")).find("7 grids"),
            std::string::npos);
  EXPECT_EQ(read_gif_info(dir.file("all.gif")).frames, 7);
  export_training_gif(run, GifOptions{3, 100}, dir.file("step.gif"));
  EXPECT_EQ(read_gif_info(dir.file("step.gif")).frames, 3);  // grids 1, 4, 7
  export_training_gif(run, GifOptions{4, 100}, dir.file("step4.gif"));
  EXPECT_EQ(read_gif_info(dir.file("step4.gif")).frames, 3);  // grids 1, 5, and the newest (7)
  EXPECT_THROW(export_training_gif(dir.file("empty"), GifOptions{}, dir.file("x.gif")), Error);
  EXPECT_FALSE(std::filesystem::exists(dir.file("x.gif")));
}

TEST(Exports, SamplesAsIdxAndAsAFolderOfPngs) {
  TempDir dir;
  Trainer trainer(testing::tiny_config(Preset::Compact), testing::small_digits(64));
  trainer.step();
  trainer.save_checkpoint(dir.file("c.pt"));
  Sampler sampler = Sampler::from_checkpoint(dir.file("c.pt"));
  EXPECT_EQ(sampler.grid_latents().size(), 64u * 8);
  const std::string report = export_samples_idx(sampler, 30, 4, dir.file("s.idx"));
  EXPECT_NE(report.find("wrote 30 samples"), std::string::npos) << report;
  export_samples_png_folder(sampler, 5, 4, 2, dir.file("pngs"));
  EXPECT_EQ(read_png(dir.file("pngs/sample_00004.png")).width, 56);
  EXPECT_FALSE(std::filesystem::exists(dir.file("pngs/sample_00005.png")));
  // The folder's permissions are those of any folder the person makes (not private to them).
  std::filesystem::create_directory(dir.file("made"));
  EXPECT_EQ(std::filesystem::status(dir.file("pngs")).permissions(),
            std::filesystem::status(dir.file("made")).permissions());
  // A folder with something in it is never written into.
  try {
    export_samples_png_folder(sampler, 5, 4, 1, dir.file("pngs"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              dir.file("pngs") + ": folder is not empty; choose a new or empty folder");
  }
}

TEST(Exports, AFailedWriteLeavesNothingBehind) {
  TempDir dir;
  testing::write_bytes(dir.file("plain"), "x");
  ImageBatch cells{4, 28, std::vector<uint8_t>(4 * 784, 9)};
  EXPECT_THROW(export_grid_png(cells, GridLayout{2, 2, 2, 0}, dir.file("plain/grid.png")), Error);
  size_t entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    (void)entry;
    ++entries;
  }
  EXPECT_EQ(entries, 1u);  // only "plain"
}

TEST(Exports, DamagedMetricsAreNamedAndLeaveNoOutput) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("run"));
  testing::write_bytes(dir.file("run/metrics.csv"),
                       "iteration,d_loss,d_acc,g_loss,g_acc\n1,0.5,0.5,1,0\n"
                       "99999999999999999999999,0.5,0.5,1,0\n3,0.5,0.5,1,0\n");
  try {
    export_metrics_csv(dir.file("run"), dir.file("out.csv"));
    FAIL() << "a damaged metrics file was exported";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find(dir.file("run/metrics.csv") + ":3"), std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.csv")));
}

TEST(Exports, ReportsWhatAndWhere) {
  TempDir dir;
  ImageBatch cells{64, 28, std::vector<uint8_t>(64 * 784, 200)};
  const std::string report = export_grid_png(cells, GridLayout{8, 2, 3, 96}, dir.file("g.png"));
  EXPECT_EQ(report.rfind("wrote the 64-digit grid (726x726 PNG, ", 0), 0u) << report;
  EXPECT_NE(report.find(dir.file("g.png")), std::string::npos);
  EXPECT_EQ(read_png(dir.file("g.png")).width, 726);
}

TEST(Exports, AColourRunsGifKeepsItsColours) {
  TempDir dir;
  const std::string run = dir.file("run");
  std::filesystem::create_directories(run + "/samples");
  for (int i = 1; i <= 2; ++i) {
    Image grid{20, 10, {}, 3};
    for (int p = 0; p < 200; ++p) {
      grid.pixels.insert(grid.pixels.end(), {230, 20, static_cast<uint8_t>(40 * i)});
    }
    char name[64];
    std::snprintf(name, sizeof name, "/samples/iter_%07d.png", i);
    write_png(run + name, grid);
  }
  export_training_gif(run, GifOptions{1, 100}, dir.file("colour.gif"));
  const GifInfo info = read_gif_info(dir.file("colour.gif"));
  EXPECT_EQ(info.frames, 2);
  EXPECT_GT(info.first_pixel[0], 200);  // red stays red (3-3-2 palette)
  EXPECT_LT(info.first_pixel[1], 60);
}

}  // namespace
}  // namespace gs
