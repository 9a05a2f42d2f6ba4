#include "model/runs/run_directory.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>

#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/images.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

StepStats row(int64_t iteration) {
  StepStats s;
  s.iteration = iteration;
  s.d_loss = 0.5f + iteration;
  s.d_acc = 0.25f;
  s.g_loss = 1.5f;
  s.g_acc = 0.125f;
  s.d_real = 0.75f;
  s.d_fake = 0.375f;
  s.step_ms = 12.5;
  return s;
}

TEST(RunDirectory, MetricsHaveAHeaderAndOneRowPerIteration) {
  TempDir dir;
  {
    RunDirectory run(dir.file("run"), false);
    for (int i = 1; i <= 3; ++i) run.append_metrics(row(i));
    run.flush();
  }
  const std::string csv = read_file(dir.file("run/metrics.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), kMetricsHeader);
  const auto rows = read_metrics(dir.file("run/metrics.csv"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].iteration, 3);
  EXPECT_FLOAT_EQ(rows[2].d_loss, 3.5f);
  EXPECT_FLOAT_EQ(rows[2].g_acc, 0.125f);
  EXPECT_DOUBLE_EQ(rows[2].step_ms, 12.5);
}

TEST(RunDirectory, TimeColumnHoldsTheRunsClockAndOldFilesStillRead) {
  TempDir dir;
  {
    RunDirectory run(dir.file("run"), false);
    for (int i = 1; i <= 3; ++i) {
      StepStats stats = row(i);
      stats.time_s = 0.0125 + 0.02 * (i - 1);  // the run's clock (TrainingRun) stamps each row
      run.append_metrics(stats);
    }
  }
  std::vector<double> times;
  const std::vector<StepStats> rows = read_metrics(dir.file("run/metrics.csv"), &times);
  ASSERT_EQ(rows.size(), 3u);
  ASSERT_EQ(times.size(), 3u);
  EXPECT_DOUBLE_EQ(times[0], 0.0125);
  EXPECT_DOUBLE_EQ(times[2], 0.0525);
  EXPECT_DOUBLE_EQ(rows[2].time_s, 0.0525);
  testing::write_bytes(dir.file("old.csv"),
                       "iteration,d_loss,d_acc,g_loss,g_acc,d_real,d_fake,step_ms\n"
                       "1,0.5,0.5,0.7,0.1,0.6,0.4,12.5\n");
  times.clear();
  EXPECT_EQ(read_metrics(dir.file("old.csv"), &times).size(), 1u);
  EXPECT_TRUE(times.empty());
}

TEST(RunDirectory, AFullDiskLosesNoRows) {
  TempDir dir;
  RunDirectory run(dir.file("run"), false);
  run.append_metrics(row(1));
  run.flush();
  const auto size = std::filesystem::file_size(dir.file("run/metrics.csv"));
  {
    testing::FileSizeLimit limit(size + 100);  // room for about one more row
    for (int i = 2; i <= 6; ++i) run.append_metrics(row(i));
    try {
      run.flush();
      FAIL() << "the flush should have failed";
    } catch (const Error& error) {
      EXPECT_EQ(std::string(error.what()),
                dir.file("run/metrics.csv") + ": write failed (File too large)");
    }
  }
  run.append_metrics(row(7));
  run.flush();  // room again: the rows that waited go out, in order
  const auto rows = read_metrics(dir.file("run/metrics.csv"));
  ASSERT_EQ(rows.size(), 7u);
  for (size_t i = 0; i < rows.size(); ++i)
    EXPECT_EQ(rows[i].iteration, static_cast<int64_t>(i + 1));
}

TEST(RunDirectory, RefusesToOverwriteAnotherRun) {
  TempDir dir;
  {
    RunDirectory run(dir.file("run"), false);
    run.append_metrics(row(1));
  }
  try {
    RunDirectory again(dir.file("run"), false);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              dir.file("run") +
                  ": already holds a run (metrics.csv); resume it or choose another folder");
  }
  RunDirectory resumed(dir.file("run"), true);  // resuming appends
}

TEST(RunDirectory, OneWriterAtATimeAndTheRefusalNamesTheOwner) {
  TempDir dir;
  const std::string folder = dir.file("run");
  {
    RunDirectory first(folder, false);
    EXPECT_NE(RunLock::owner_of(folder).find("process " + std::to_string(getpid()) + " on "),
              std::string::npos);
    try {
      RunDirectory second(folder, true);  // a second trainer, even one that means to resume
      FAIL() << "two writers on one run folder";
    } catch (const Error& error) {
      const std::string message = error.what();
      EXPECT_EQ(message.rfind(folder + ": in use by process " + std::to_string(getpid()), 0), 0u)
          << message;
      EXPECT_NE(message.find("; stop that run first"), std::string::npos) << message;
    }
    first.append_metrics(row(1));
  }
  EXPECT_EQ(RunLock::owner_of(folder), "");  // let go: no owner shown
  RunDirectory after(folder, true);          // and the next writer gets it
}

TEST(RunDirectory, ALockLeftByADeadProcessIsTakenOver) {
  TempDir dir;
  const std::string folder = dir.file("run");
  fs::create_directories(folder);
  // What a killed writer leaves: its description, and no flock (the kernel dropped it).
  const pid_t child = fork();
  if (child == 0) _exit(0);
  ASSERT_GT(child, 0);
  int status = 0;
  waitpid(child, &status, 0);
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  write_file_atomically(dir.file("run/.lock"), "pid " + std::to_string(child) + "\nhost " + host +
                                                   "\nsince 2026-11-28 10:00:00\n");
  RunDirectory run(folder, false);
  EXPECT_NE(RunLock::owner_of(folder).find(std::to_string(getpid())), std::string::npos);
}

TEST(RunDirectory, TemporaryFilesOfAKilledWriterAreRemovedOnOpening) {
  TempDir dir;
  const std::string folder = dir.file("run");
  fs::create_directories(folder + "/checkpoints");
  write_file_atomically(folder + "/checkpoints/iter_0000005.pt", "a checkpoint");
  write_file_atomically(folder + "/checkpoints/.iter_0000010.pt.tmp-Ab12Cd", "half of one");
  write_file_atomically(folder + "/.config.yaml.tmp-XyZ123", "half");
  write_file_atomically(folder + "/notes.tmp-keep", "not ours: no leading dot");
  {
    RunDirectory run(folder, true);
    EXPECT_TRUE(fs::exists(folder + "/checkpoints/iter_0000005.pt"));
    EXPECT_TRUE(fs::exists(folder + "/notes.tmp-keep"));
    EXPECT_FALSE(fs::exists(folder + "/checkpoints/.iter_0000010.pt.tmp-Ab12Cd"));
    EXPECT_FALSE(fs::exists(folder + "/.config.yaml.tmp-XyZ123"));
    EXPECT_EQ(RunDirectory::checkpoints(folder).size(), 1u);
  }
  write_file_atomically(folder + "/samples/.iter_0000010.png.tmp-Qw12Er", "half");
  EXPECT_EQ(RunDirectory::remove_stale_temporaries(folder), 1);
}

TEST(RunDirectory, ResumingDropsRowsAfterTheCheckpoint) {
  TempDir dir;
  {
    RunDirectory run(dir.file("run"), false);
    for (int i = 1; i <= 10; ++i) run.append_metrics(row(i));
  }
  RunDirectory run(dir.file("run"), true);
  run.truncate_after(6);
  run.append_metrics(row(7));
  run.flush();
  const auto rows = read_metrics(dir.file("run/metrics.csv"));
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows.back().iteration, 7);
}

TEST(RunDirectory, FindsTheNewestCheckpointAndTheSampleGrids) {
  TempDir dir;
  RunDirectory run(dir.file("run"), false);
  for (int64_t i : {100, 2000, 300}) {
    write_file_atomically(run.checkpoint_path(i), "x");
    run.write_sample_grid(i, ImageBatch{4, 28, std::vector<uint8_t>(4 * 784, 7)});
  }
  EXPECT_EQ(run.checkpoint_path(300), dir.file("run/checkpoints/iter_0000300.pt"));
  EXPECT_EQ(RunDirectory::find_checkpoint(dir.file("run")),
            dir.file("run/checkpoints/iter_0002000.pt"));
  EXPECT_EQ(RunDirectory::find_checkpoint(run.checkpoint_path(100)), run.checkpoint_path(100));
  const auto grids = RunDirectory::sample_grids(dir.file("run"));
  ASSERT_EQ(grids.size(), 3u);
  EXPECT_EQ(grids[1].first, 300);
  EXPECT_EQ(read_png(grids[0].second).width, (4 * 28 + 5 * 2) * 2);
  EXPECT_THROW(RunDirectory::find_checkpoint(dir.file("nothing")), Error);
}

TEST(RunDirectory, BadMetricsRowsNameTheLine) {
  TempDir dir;
  testing::write_bytes(dir.file("m.csv"), std::string(kMetricsHeader) + "\n1,2,3\n");
  try {
    read_metrics(dir.file("m.csv"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()).rfind(dir.file("m.csv") + ":2: ", 0), 0u) << error.what();
  }
}

TEST(RunDirectory, QualityAndHealthRowsReadBackAndAreTruncatedWithTheRest) {
  TempDir dir;
  {
    RunDirectory run(dir.file("run"), false);
    for (int i = 1; i <= 10; ++i) run.append_metrics(row(i));
    QualityScores q;
    q.iteration = 5;
    q.samples = 1000;
    q.fd = 12.5;
    q.classes = 3;
    q.classes_covered = 2;
    q.kl = 0.25;
    q.confidence = 0.9;
    q.precision = 0.5;
    q.recall = 0.75;
    q.histogram = {0.5, 0.5, 0};
    q.memorised = 0.125;
    run.append_quality(q);
    q.iteration = 10;
    run.append_quality(q);
    run.append_health({4, HealthRule::DDominance, "D accuracy 0.99, G accuracy 0.00", false});
    run.append_health({9, HealthRule::Divergence, "G loss nan", true});
    run.append_changes({{6, "training.learning_rate_d", "0.001"}});
  }
  const auto quality = read_quality(dir.file("run"));
  ASSERT_EQ(quality.size(), 2u);
  EXPECT_EQ(quality[0].iteration, 5);
  EXPECT_EQ(quality[0].fd, 12.5);
  EXPECT_EQ(quality[0].classes_covered, 2);
  EXPECT_EQ(quality[0].histogram, (std::vector<double>{0.5, 0.5, 0}));
  EXPECT_EQ(quality[0].memorised, 0.125);
  const auto health = read_health(dir.file("run"));
  ASSERT_EQ(health.size(), 2u);
  EXPECT_EQ(health[0].rule, HealthRule::DDominance);
  EXPECT_EQ(health[0].detail, "D accuracy 0.99; G accuracy 0.00");  // commas cannot split it
  EXPECT_TRUE(health[1].paused);

  RunDirectory run(dir.file("run"), true);
  run.truncate_after(5);
  EXPECT_EQ(read_metrics(dir.file("run/metrics.csv")).size(), 5u);
  EXPECT_EQ(read_quality(dir.file("run")).size(), 1u);
  EXPECT_EQ(read_health(dir.file("run")).size(), 1u);
  EXPECT_TRUE(read_changes(dir.file("run")).empty());
}

// quality.csv of a version without the memorisation figure reads (NaN there), and a new row
// rewrites the file with today's header, its old rows kept.
TEST(RunDirectory, AnOlderQualityFileReadsAndGrowsTheNewColumn) {
  TempDir dir;
  fs::create_directories(dir.file("run"));
  testing::write_bytes(
      dir.file("run/quality.csv"),
      "iteration,samples,fd,classes,classes_covered,kl,confidence,precision,recall,"
      "histogram,conditional_accuracy\n5,1000,12.5,0,,,,,,,\n");
  auto quality = read_quality(dir.file("run"));
  ASSERT_EQ(quality.size(), 1u);
  EXPECT_EQ(quality[0].fd, 12.5);
  EXPECT_TRUE(std::isnan(quality[0].memorised));
  {
    RunDirectory run(dir.file("run"), true);
    QualityScores q;
    q.iteration = 9;
    q.samples = 1000;
    q.fd = 8;
    q.memorised = 0.5;
    run.append_quality(q);
  }
  quality = read_quality(dir.file("run"));
  ASSERT_EQ(quality.size(), 2u);
  EXPECT_EQ(quality[0].fd, 12.5);
  EXPECT_TRUE(std::isnan(quality[0].memorised));
  EXPECT_EQ(quality[1].memorised, 0.5);
  EXPECT_EQ(read_file(dir.file("run/quality.csv")).substr(0, std::string(kQualityHeader).size()),
            kQualityHeader);
}

TEST(RunDirectory, MetricsOfOlderVersionsReadAndAreRewrittenOnResume) {
  TempDir dir;
  fs::create_directories(dir.file("run"));
  testing::write_bytes(dir.file("run/metrics.csv"),
                       "iteration,d_loss,d_acc,g_loss,g_acc,d_real,d_fake,step_ms,time_s\n"
                       "1,0.5,0.25,1.5,0.125,0.75,0.375,12.5,0.1\n");
  std::vector<double> times;
  auto rows = read_metrics(dir.file("run/metrics.csv"), &times);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_FLOAT_EQ(rows[0].g_loss, 1.5f);
  EXPECT_EQ(rows[0].d_grad_norm, 0.0f);  // not measured then
  EXPECT_EQ(times, std::vector<double>{0.1});
  {
    RunDirectory run(dir.file("run"), true);
    run.append_metrics(row(2));
  }
  const std::string csv = read_file(dir.file("run/metrics.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), kMetricsHeader);
  rows = read_metrics(dir.file("run/metrics.csv"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_FLOAT_EQ(rows[0].d_real, 0.75f);
  EXPECT_EQ(rows[1].iteration, 2);
}

TEST(RunDirectory, AHalfWrittenLastLineIsLeftOutAndHugeNumbersNameTheirPlace) {
  TempDir dir;
  testing::write_bytes(dir.file("m.csv"),
                       std::string(kMetricsHeader) + "\n1,1,1,1,1,1,1,1,1,1,1,0\n2,1,1,1");
  EXPECT_EQ(read_metrics(dir.file("m.csv")).size(), 1u);
  testing::write_bytes(dir.file("m.csv"), std::string(kMetricsHeader) +
                                              "\n99999999999999999999999,1,1,1,1,1,1,1,1,1,1,0\n");
  try {
    read_metrics(dir.file("m.csv"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(
        std::string(error.what()),
        dir.file("m.csv") + ":2: iteration must be a whole number, got '99999999999999999999999'");
  }
}

TEST(RunDirectory, TrainingTimeContinuesAcrossSessions) {
  std::vector<StepStats> rows(5, row(1));
  // Two sessions: 1, 2, 3 s, then a resume that starts again at 0.5 s.
  EXPECT_EQ(training_time(rows, {1, 2, 3, 0.5, 1.5}), (std::vector<double>{1, 2, 3, 3.5, 4.5}));
  // Without a time column: the steps' own durations (12.5 ms each).
  const std::vector<double> summed = training_time(rows, {});
  ASSERT_EQ(summed.size(), 5u);
  for (size_t i = 0; i < summed.size(); ++i) EXPECT_NEAR(summed[i], 0.0125 * (i + 1), 1e-12);
}

TEST(RunDirectory, SettingsChangedTogetherGroupAndControlRowsAreNotSettings) {
  const std::vector<std::vector<SettingChange>> groups =
      settings_by_iteration({{5, "training.learning_rate_d", "0.001"},
                             {5, "training.learning_rate_g", "0.001"},
                             {5, "control.pause", "window on host (pid 1)"},
                             {9, "control.resume", "window on host (pid 1)"},
                             {12, "outputs.sample_every", "50"}});
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].size(), 2u);
  EXPECT_EQ(groups[0][1].key, "training.learning_rate_g");
  EXPECT_EQ(groups[1].front().iteration, 12);
}

TEST(RunDirectory, TheLastMetricsRowIsReadFromTheFilesEndAlone) {
  TempDir dir;
  const std::string path = dir.file("m.csv");
  testing::write_bytes(path, std::string(kMetricsHeader) + "\n");
  EXPECT_FALSE(read_last_metrics(path).has_value());
  // A short file: read whole, the last complete row wins over a half-written one.
  testing::write_bytes(path, std::string(kMetricsHeader) +
                                 "\n1,1,1,1,1,1,1,1,1,1,1,0\n2,2,1,1,1,1,1,1,1,1,1,0\n3,1,1");
  ASSERT_TRUE(read_last_metrics(path).has_value());
  EXPECT_EQ(read_last_metrics(path)->iteration, 2);
  EXPECT_FLOAT_EQ(read_last_metrics(path)->d_loss, 2.0f);
  // A long one (about 1 MB): the same answer as reading every row.
  std::string text = std::string(kMetricsHeader) + "\n";
  for (int i = 1; i <= 40000; ++i) text += std::to_string(i) + ",0.5,1,1,1,1,1,1,1,1,1,0\n";
  testing::write_bytes(path, text + "40001,0.5,1");
  ASSERT_TRUE(read_last_metrics(path).has_value());
  EXPECT_EQ(read_last_metrics(path)->iteration, read_metrics(path).back().iteration);
  EXPECT_EQ(read_last_metrics(path)->iteration, 40000);
  // A bad last row names the file and says which row (its number is not counted).
  testing::write_bytes(path, text + "4x0001,0.5,1,1,1,1,1,1,1,1,1,0\n");
  try {
    read_last_metrics(path);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              path + ":last line: iteration must be a whole number, got '4x0001'");
  }
}

}  // namespace
}  // namespace gs
