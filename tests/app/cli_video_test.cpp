// `ganstudio-cli export --video / --walk` as a person runs it: a real tiny run, real processes,
// the files read back by ffprobe.
#include <gtest/gtest.h>

#include <filesystem>

#include "model/io/images.h"
#include "model/runs/run_directory.h"
#include "tests/common/process.h"
#include "tests/common/test_support.h"
#include "tests/common/video_probe.h"

namespace gs {
namespace {

using testing::ProcessResult;
using testing::run_process;
using testing::TempDir;

const std::string kCli = GANSTUDIO_CLI_PATH;

TEST(CliVideo, ExportWritesATimeLapseAndALatentWalkThatFfprobeReads) {
  TempDir dir;
  const std::string run = dir.file("run");
  std::vector<std::string> train = testing::tiny_train_command(kCli, run, 9);  // grids at 3, 6, 9
  train.insert(train.end(), {"--set", "training.threads=2"});
  ASSERT_EQ(run_process(train).exit_code, 0);
  const Image grid = read_png(run + "/samples/iter_0000009.png");

  const ProcessResult result =
      run_process({kCli, "export", "--from", run, "--video", dir.file("t.mp4"), "--fps", "4",
                   "--no-caption", "--walk", dir.file("w.webm"), "--walk-seeds", "1,2,3",
                   "--walk-frames", "12", "--loop", "--walk-scale", "2"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("MP4 (H.264) video of 3 grids (iterations 3 to 9"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("latent walk of 12 frames (spherical loop through seeds 1, 2, 3"),
            std::string::npos)
      << result.output;
  const testing::VideoProbe video = testing::ffprobe(dir.file("t.mp4"));
  EXPECT_EQ(video.codec, "h264");
  EXPECT_EQ(video.frames, 3);
  EXPECT_EQ(video.frame_rate, "4/1");
  EXPECT_EQ(video.width, (grid.width + 1) / 2 * 2);
  EXPECT_EQ(video.height, (grid.height + 1) / 2 * 2);
  const testing::VideoProbe walk = testing::ffprobe(dir.file("w.webm"));
  EXPECT_EQ(walk.codec, "vp9");
  EXPECT_EQ(walk.frames, 12);
  EXPECT_EQ(walk.frame_rate, "4/1");  // --fps is both videos'
  EXPECT_EQ(walk.width, 56);

  // A name that is not a video, and classes for an unconditional generator, are refused by
  // name; nothing is written.
  const ProcessResult avi =
      run_process({kCli, "export", "--from", run, "--video", dir.file("t.avi")});
  EXPECT_EQ(avi.exit_code, 1);
  EXPECT_NE(avi.output.find(dir.file("t.avi") + ": a video's name ends in .mp4"), std::string::npos)
      << avi.output;
  const ProcessResult classes = run_process(
      {kCli, "export", "--from", run, "--walk", dir.file("c.mp4"), "--walk-classes", "1,2"});
  EXPECT_EQ(classes.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir.file("t.avi")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("c.mp4")));
}

}  // namespace
}  // namespace gs
