// The run core: what one iteration does to the run folder and who hears about it.
#include "model/training/training_run.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "model/config/config.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/run_directory.h"
#include "tests/common/diverged_checkpoint.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::tiny_config;

// Everything a run reported, as text: "i3", "g3", "c4", "l5:training.learning_rate_d=0.001", "d6".
struct Recorder : RunObserver {
  std::vector<std::string> events;
  std::vector<StepStats> stats;
  void on_iteration(const StepStats& s) override {
    events.push_back("i" + std::to_string(s.iteration));
    stats.push_back(s);
  }
  void on_grid(int64_t i, const ImageBatch& grid) override {
    EXPECT_EQ(grid.count, kGridSamples);
    events.push_back("g" + std::to_string(i));
  }
  void on_checkpoint(int64_t i, const std::string& path) override {
    EXPECT_TRUE(fs::exists(path));
    events.push_back("c" + std::to_string(i));
  }
  void on_live_change(const std::vector<SettingChange>& changes) override {
    for (const auto& c : changes) {
      events.push_back("l" + std::to_string(c.iteration) + ":" + c.key + "=" + c.value);
    }
  }
  void on_diverged(const StepStats& s) override {
    events.push_back("d" + std::to_string(s.iteration));
  }
};

RunConfig cadence_config(int64_t iterations) {
  RunConfig config = tiny_config(Preset::Compact);
  config.training.iterations = iterations;
  config.outputs.sample_every = 3;
  config.outputs.checkpoint_every = 4;
  config.outputs.keep_checkpoints = 0;
  return config;
}

void train(TrainingRun& run, int iterations) {
  for (int i = 0; i < iterations; ++i) ASSERT_EQ(run.step(), StepResult::Trained);
}

std::vector<int64_t> iterations_in(const std::string& metrics) {
  std::vector<int64_t> out;
  for (const StepStats& row : read_metrics(metrics)) out.push_back(row.iteration);
  return out;
}

TEST(TrainingRun, EachIterationWritesItsRowAndGridsAndCheckpointsComeOnTheirCadence) {
  TempDir dir;
  const std::string path = dir.file("run");
  auto run = TrainingRun::start(cadence_config(9), path);
  Recorder recorder;
  run->add_observer(&recorder);
  train(*run, 9);
  EXPECT_EQ(run->step(), StepResult::Complete);  // nothing more to train
  EXPECT_EQ(recorder.events, (std::vector<std::string>{"i1", "i2", "i3", "g3", "i4", "c4", "i5",
                                                       "i6", "g6", "i7", "i8", "c8", "i9", "g9"}));
  const TrainingRun::Ending ending = run->finish();
  EXPECT_EQ(ending.grid, path + "/samples/iter_0000009.png");  // already drawn: not again
  EXPECT_EQ(ending.checkpoint, path + "/checkpoints/iter_0000009.pt");
  EXPECT_EQ(recorder.events.back(), "c9");
  EXPECT_EQ(iterations_in(path + "/metrics.csv"),
            (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(RunDirectory::sample_grids(path).size(), 3u);
  EXPECT_EQ(RunDirectory::checkpoints(path).size(), 3u);
  EXPECT_EQ(*load_config(path + "/config.yaml").training.learning_rate_d, 4e-4);  // effective
  EXPECT_EQ(run->finish().checkpoint, ending.checkpoint);  // nothing new to write
  EXPECT_EQ(RunDirectory::checkpoints(path).size(), 3u);
}

// The crash-consistency invariant, checked at the moment it matters: when a checkpoint exists, the
// rows of every iteration it covers are already in the file on disk (not in a buffer).
TEST(TrainingRun, ACheckpointNeverCoversRowsThatAreNotOnDiskYet) {
  struct DiskChecker : RunObserver {
    std::string metrics;
    int checked = 0;
    void on_checkpoint(int64_t iteration, const std::string&) override {
      const std::vector<int64_t> rows = iterations_in(metrics);
      ASSERT_EQ(static_cast<int64_t>(rows.size()), iteration);
      for (int64_t i = 0; i < iteration; ++i) EXPECT_EQ(rows[static_cast<size_t>(i)], i + 1);
      ++checked;
    }
  };
  TempDir dir;
  RunConfig config = cadence_config(9);
  config.outputs.checkpoint_every = 2;  // well inside the once-a-second flush of the rows
  auto run = TrainingRun::start(config, dir.file("run"));
  DiskChecker checker;
  checker.metrics = dir.file("run/metrics.csv");
  run->add_observer(&checker);
  train(*run, 9);
  EXPECT_EQ(checker.checked, 4);  // iterations 2, 4, 6 and 8
}

TEST(TrainingRun, SettingsChangeAsTypedValuesAndAreRecorded) {
  TempDir dir;
  const std::string path = dir.file("run");
  auto run = TrainingRun::start(cadence_config(20), path);
  Recorder recorder;
  run->add_observer(&recorder);
  train(*run, 2);
  RunConfig live = run->config();
  live.training.learning_rate_d = 1e-3;
  live.training.iterations = 5;
  const auto changes = run->change_settings(live);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].iteration, 3);  // the first iteration that uses them
  EXPECT_EQ(run->trainer().d_optimizer_settings().learning_rate, 1e-3);
  EXPECT_EQ(run->trainer().g_optimizer_settings().learning_rate, 4e-4);
  EXPECT_EQ(run->total_iterations(), 5);
  EXPECT_TRUE(run->change_settings(live).empty());  // the same values: no change
  EXPECT_EQ(recorder.events.back(), "l3:training.learning_rate_d=0.001");
  const auto recorded = read_changes(path);
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_EQ(recorded[0].key, "training.iterations");
  EXPECT_EQ(recorded[0].value, "5");
  EXPECT_EQ(*load_config(path + "/config.yaml").training.learning_rate_d, 1e-3);
  train(*run, 3);
  EXPECT_EQ(run->step(), StepResult::Complete);
}

TEST(TrainingRun, ResumeDropsWhatCameAfterTheCheckpointAndGoesOn) {
  TempDir dir;
  const std::string path = dir.file("run");
  {
    auto run = TrainingRun::start(cadence_config(10), path);
    train(*run, 2);
    RunConfig live = run->config();
    live.training.learning_rate_g = 1e-3;
    run->change_settings(live);  // at 3: before the checkpoint at 4
    train(*run, 3);
    live.training.learning_rate_g = 5e-4;
    run->change_settings(live);  // at 6: after it
    train(*run, 1);
    run->flush();
    // Ends here as a crash would: no finish(), so no checkpoint of iteration 6.
  }
  EXPECT_EQ(read_changes(path).size(), 2u);
  auto run = TrainingRun::resume(path);
  EXPECT_EQ(run->iteration(), 4);
  EXPECT_EQ(run->resumed_from(), path + "/checkpoints/iter_0000004.pt");
  EXPECT_EQ(run->last_checkpoint(), run->resumed_from());
  EXPECT_EQ(run->path(), path);
  EXPECT_EQ(iterations_in(path + "/metrics.csv"), (std::vector<int64_t>{1, 2, 3, 4}));
  const auto changes = read_changes(path);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].iteration, 3);
  EXPECT_EQ(run->trainer().g_optimizer_settings().learning_rate, 1e-3);  // as at the checkpoint
  train(*run, 6);
  EXPECT_EQ(run->step(), StepResult::Complete);
  run->finish();
  EXPECT_EQ(iterations_in(path + "/metrics.csv"),
            (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

TEST(TrainingRun, TheRunsClockGrowsAndAResumeGoesOnFromTheTimeBefore) {
  TempDir dir;
  const std::string path = dir.file("run");
  std::vector<StepStats> first;
  {
    auto run = TrainingRun::start(cadence_config(10), path);
    Recorder recorder;
    run->add_observer(&recorder);
    for (int i = 0; i < 4; ++i) ASSERT_EQ(run->step(), StepResult::Trained);
    first = recorder.stats;
    run->finish();  // a checkpoint at 4
  }
  ASSERT_EQ(first.size(), 4u);
  for (size_t i = 0; i < first.size(); ++i) {
    // The session began before (or as) the step; the two clocks round differently (1 µs).
    EXPECT_GE(first[i].time_s + 1e-6, first[i].step_ms / 1000.0);
    EXPECT_EQ(first[i].training_s, first[i].time_s);        // the first session: the same clock
    if (i > 0) {
      EXPECT_GT(first[i].time_s, first[i - 1].time_s);
    }
  }
  // metrics.csv holds the same clock, and a resumed session's training time goes on from it.
  const double before = training_seconds(path + "/metrics.csv");
  EXPECT_NEAR(before, first.back().time_s, 1e-4);
  auto run = TrainingRun::resume(path);
  Recorder recorder;
  run->add_observer(&recorder);
  ASSERT_EQ(run->step(), StepResult::Trained);
  ASSERT_EQ(recorder.stats.size(), 1u);
  EXPECT_DOUBLE_EQ(recorder.stats[0].training_s, before + recorder.stats[0].time_s);
}

TEST(TrainingRun, ResumeRecordsTheLiveSettingsItsOverridesChange) {
  TempDir dir;
  const std::string path = dir.file("run");
  {
    auto run = TrainingRun::start(cadence_config(4), path);
    train(*run, 4);
    run->finish();
  }
  auto run = TrainingRun::resume(path, {"training.iterations=6", "training.learning_rate_d=0.002"});
  EXPECT_EQ(run->total_iterations(), 6);
  EXPECT_EQ(run->trainer().d_optimizer_settings().learning_rate, 0.002);
  const auto changes = read_changes(path);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].iteration, 5);
  EXPECT_EQ(changes[0].key, "training.iterations");
  EXPECT_EQ(changes[1].key, "training.learning_rate_d");
  EXPECT_EQ(changes[1].value, "0.002");
}

TEST(TrainingRun, DivergenceStopsTheRunAndNothingIsSavedOverTheCheckpoints) {
  TempDir dir;
  const std::string path = dir.file("run");
  {
    auto run = TrainingRun::start(cadence_config(4), path);
    train(*run, 4);
    run->finish();
  }
  testing::write_diverged_checkpoint(read_checkpoint_config(path + "/checkpoints/iter_0000004.pt"),
                                     path + "/checkpoints/iter_0000005.pt");
  auto run = TrainingRun::resume(path, {"training.iterations=10"});
  Recorder recorder;
  run->add_observer(&recorder);
  EXPECT_EQ(run->step(), StepResult::Diverged);
  EXPECT_TRUE(run->diverged());
  EXPECT_EQ(run->step(), StepResult::Diverged);  // stays stopped, reported once
  EXPECT_EQ(recorder.events, (std::vector<std::string>{"i6", "d6"}));
  EXPECT_THROW(run->save_checkpoint(), Error);
  const TrainingRun::Ending ending = run->finish();
  EXPECT_TRUE(ending.grid.empty());
  EXPECT_EQ(RunDirectory::checkpoints(path).size(), 2u);
  const auto rows = read_metrics(path + "/metrics.csv");
  ASSERT_EQ(rows.size(), 5u);  // 1-4 of the first session; the diverged row 6 after the cut at 5
  EXPECT_TRUE(std::isnan(rows.back().g_loss) || std::isnan(rows.back().d_loss));
}

TEST(TrainingRun, ABadDataPathLeavesNoFolderAndAnOccupiedFolderIsRefused) {
  TempDir dir;
  RunConfig config = cadence_config(3);
  config.data.path = dir.file("missing");
  EXPECT_THROW(TrainingRun::start(config, dir.file("run")), Error);
  EXPECT_FALSE(fs::exists(dir.file("run")));
  {
    auto run = TrainingRun::start(cadence_config(3), dir.file("run"));
    train(*run, 1);
    run->finish();
  }
  try {
    TrainingRun::start(cadence_config(3), dir.file("run"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("already holds a run"), std::string::npos);
  }
}

}  // namespace
}  // namespace gs
