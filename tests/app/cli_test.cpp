// The headless trainer as a person runs it: real processes, real files, real digits, a tiny model.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>

#include "model/config/config.h"
#include "model/data/idx.h"
#include "model/io/file_io.h"
#include "model/io/gif.h"
#include "model/io/images.h"
#include "model/runs/run_directory.h"
#include "model/training/trainer.h"
#include "tests/common/diverged_checkpoint.h"
#include "tests/common/process.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::ProcessResult;
using testing::run_process;
using testing::TempDir;

const std::string kCli = GANSTUDIO_CLI_PATH;

std::vector<std::string> tiny_train(const std::string& out, int iterations) {
  std::vector<std::string> args = testing::tiny_train_command(kCli, out, iterations);
  args.insert(args.end(), {"--set", "training.threads=2"});
  return args;
}

size_t metrics_rows(const std::string& run) { return read_metrics(run + "/metrics.csv").size(); }

TEST(Cli, TrainWritesConfigMetricsSamplesAndCheckpoints) {
  TempDir dir;
  const std::string run = dir.file("run");
  const ProcessResult result = run_process(tiny_train(run, 6));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const RunConfig config = load_config(run + "/config.yaml");
  EXPECT_EQ(*config.model.preset, Preset::Compact);
  EXPECT_EQ(*config.training.iterations, 6);
  EXPECT_DOUBLE_EQ(*config.training.learning_rate_d, 4e-4);  // resolved: the effective config
  EXPECT_EQ(metrics_rows(run), 6u);
  for (const char* grid : {"/samples/iter_0000003.png", "/samples/iter_0000006.png"}) {
    const Image image = read_png(run + grid);
    EXPECT_EQ(image.width, (8 * 28 + 9 * 2) * 2) << grid;
    EXPECT_EQ(image.height, image.width);
  }
  EXPECT_TRUE(std::filesystem::exists(run + "/checkpoints/iter_0000004.pt"));
  EXPECT_TRUE(std::filesystem::exists(run + "/checkpoints/iter_0000006.pt"));
  EXPECT_NE(result.output.find("iter 6/6"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("it/s"), std::string::npos);
  EXPECT_NE(result.output.find("ETA"), std::string::npos);
  EXPECT_NE(result.output.find("sample grid: " + run + "/samples/iter_0000006.png"),
            std::string::npos)
      << result.output;
}

TEST(Cli, ResumeContinuesWhereTheRunStopped) {
  TempDir dir;
  const std::string run = dir.file("run");
  ASSERT_EQ(run_process(tiny_train(run, 4)).exit_code, 0);
  const ProcessResult resumed =
      run_process({kCli, "train", "--resume", run, "--set", "training.iterations=7"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_NE(resumed.output.find("at iteration 4"), std::string::npos) << resumed.output;
  const auto rows = read_metrics(run + "/metrics.csv");
  ASSERT_EQ(rows.size(), 7u);
  for (size_t i = 0; i < rows.size(); ++i)
    EXPECT_EQ(rows[i].iteration, static_cast<int64_t>(i + 1));
  EXPECT_EQ(RunDirectory::find_checkpoint(run), run + "/checkpoints/iter_0000007.pt");
}

TEST(Cli, CtrlCWritesACheckpointAndExitsZero) {
  TempDir dir;
  const std::string run = dir.file("run");
  auto args = tiny_train(run, 1000000);
  testing::Process process(args);
  ASSERT_TRUE(testing::wait_for_path(run + "/samples/iter_0000003.png", std::chrono::minutes(1)));
  process.signal(SIGINT);
  const ProcessResult result = process.wait();
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("interrupted at iteration"), std::string::npos) << result.output;
  const std::string checkpoint = RunDirectory::find_checkpoint(run);
  const size_t rows = metrics_rows(run);
  EXPECT_GE(rows, 3u);
  char expected[64];
  std::snprintf(expected, sizeof expected, "/checkpoints/iter_%07zu.pt", rows);
  EXPECT_EQ(checkpoint, run + expected);  // the checkpoint holds every iteration in metrics.csv
}

// `control` tells scripts what the trainer did: 0 and its words when applied, 3 and its reason
// when refused (a learning rate of -1, a setting that needs a restart).
TEST(Cli, ControlExitsNonZeroWithTheTrainersReasonWhenARequestIsRefused) {
  TempDir dir;
  const std::string run = dir.file("run");
  auto args = tiny_train(run, 1000000);
  args.push_back("--paused");
  testing::Process trainer(args);
  ASSERT_TRUE(testing::wait_for_path(run + "/control/status", std::chrono::minutes(1)));
  ProcessResult result =
      run_process({kCli, "control", run, "set", "training.learning_rate_d=-1", "--wait", "60"});
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_NE(result.output.find("set training.learning_rate_d=-1 refused by the trainer: "),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("training.learning_rate_d"), std::string::npos) << result.output;
  result = run_process({kCli, "control", run, "set", "model.noise_dim=3", "--wait", "60"});
  EXPECT_EQ(result.exit_code, 3) << result.output;
  result =
      run_process({kCli, "control", run, "set", "training.learning_rate_d=0.0002", "--wait", "60"});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("applied: set training.learning_rate_d = 0.0002"), std::string::npos)
      << result.output;
  result = run_process({kCli, "control", run, "stop", "--wait", "60"});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(trainer.wait().exit_code, 0);
  // Nothing is left for a later trainer to misread.
  for (const auto& entry : std::filesystem::directory_iterator(run + "/control"))
    EXPECT_EQ(entry.path().extension(), std::filesystem::path()) << entry.path();
}

// A damaged parent.yaml loses only the lineage: the run resumes and says why its parent is not
// shown.
TEST(Cli, ADamagedParentFileDoesNotBlockAResume) {
  TempDir dir;
  const std::string run = dir.file("run");
  ProcessResult result = run_process(tiny_train(run, 4));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  write_file_atomically(run + "/parent.yaml", "run: [unclosed\n");
  result = run_process({kCli, "train", "--resume", run, "--set", "training.iterations=8"});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("parent.yaml: damaged"), std::string::npos) << result.output;
  EXPECT_EQ(metrics_rows(run), 8u);
}

// Waits (at most a minute) until `path` exists.
bool wait_for_file(const std::string& path) {
  return testing::wait_for_path(path, std::chrono::minutes(1));
}

TEST(Cli, KillNineLosesNoRowUpToTheNewestCheckpointAndResumeGoesOn) {
  for (int trial = 0; trial < 3; ++trial) {
    TempDir dir;
    const std::string run = dir.file("run");
    auto args = tiny_train(run, 1000000);
    args.insert(args.end() - 2, {"--set", "outputs.checkpoint_every=1"});
    testing::Process process(args);
    // Killed at a different moment each time: after 2, 5 and 8 checkpoints were written.
    ASSERT_TRUE(
        wait_for_file(run + "/checkpoints/iter_000000" + std::to_string(2 + 3 * trial) + ".pt"));
    process.signal(SIGKILL);
    EXPECT_EQ(process.wait().exit_code, -1);
    const std::string checkpoint = RunDirectory::find_checkpoint(run);
    const int64_t covered =  // iter_NNNNNNN.pt
        std::stoll(std::filesystem::path(checkpoint).stem().string().substr(5));
    const auto rows = read_metrics(run + "/metrics.csv");
    ASSERT_GE(static_cast<int64_t>(rows.size()), covered) << "trial " << trial;
    for (int64_t i = 0; i < covered; ++i) EXPECT_EQ(rows[i].iteration, i + 1);
    // Resume: rows after the checkpoint are dropped, and the column runs on without a gap.
    auto resume = std::vector<std::string>{
        kCli, "train", "--resume",
        run,  "--set", "training.iterations=" + std::to_string(covered + 2)};
    const ProcessResult resumed = run_process(resume);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
    const auto after = read_metrics(run + "/metrics.csv");
    ASSERT_EQ(static_cast<int64_t>(after.size()), covered + 2);
    for (size_t i = 0; i < after.size(); ++i) EXPECT_EQ(after[i].iteration, int64_t(i + 1));
  }
}

TEST(Cli, ASecondTrainerOnTheSameFolderIsRefusedWithTheOwnersName) {
  TempDir dir;
  const std::string run = dir.file("run");
  testing::Process first(tiny_train(run, 1000000));
  ASSERT_TRUE(wait_for_file(run + "/samples/iter_0000003.png"));
  for (const auto& second :
       {tiny_train(run, 10), std::vector<std::string>{kCli, "train", "--resume", run}}) {
    const ProcessResult result = run_process(second);
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find(run + ": in use by process "), std::string::npos) << result.output;
  }
  first.signal(SIGINT);
  const ProcessResult ended = first.wait();
  ASSERT_EQ(ended.exit_code, 0) << ended.output;
  const auto rows = read_metrics(run + "/metrics.csv");
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].iteration, int64_t(i + 1));
  // Once the owner is gone, the folder is free again.
  EXPECT_EQ(run_process({kCli, "train", "--resume", run, "--set",
                         "training.iterations=" + std::to_string(rows.size() + 1)})
                .exit_code,
            0);
}

TEST(Cli, CtrlCDuringStartUpExitsZeroWithAResumableFolder) {
  TempDir dir;
  const std::string run = dir.file("run");
  testing::Process process(tiny_train(run, 1000000));
  ASSERT_TRUE(wait_for_file(run + "/" + kConfigFile));  // the folder exists; nothing trained yet
  process.signal(SIGINT);
  const ProcessResult result = process.wait();
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("interrupted"), std::string::npos) << result.output;
  // Whatever it had done, the folder resumes.
  const ProcessResult resumed =
      run_process({kCli, "train", "--resume", run, "--set",
                   "training.iterations=" + std::to_string(metrics_rows(run) + 2)});
  EXPECT_EQ(resumed.exit_code, 0) << resumed.output;
}

TEST(Cli, SampleWritesIdxAndPngReproducibly) {
  TempDir dir;
  const std::string run = dir.file("run");
  ASSERT_EQ(run_process(tiny_train(run, 2)).exit_code, 0);
  const ProcessResult idx = run_process({kCli, "sample", "--checkpoint", run, "--count", "1000",
                                         "--out", dir.file("s.idx"), "--seed", "3"});
  ASSERT_EQ(idx.exit_code, 0) << idx.output;
  EXPECT_NE(idx.output.find("wrote 1000 samples"), std::string::npos);
  const IdxArray samples = read_idx_file(dir.file("s.idx"));
  EXPECT_EQ(samples.dims, (std::vector<uint32_t>{1000, 28, 28}));
  EXPECT_EQ(read_file(dir.file("s.idx")).substr(0, 4), std::string("\0\0\x08\x03", 4));

  ASSERT_EQ(run_process({kCli, "sample", "--checkpoint", run, "--count", "1000", "--out",
                         dir.file("again.idx"), "--seed", "3"})
                .exit_code,
            0);
  EXPECT_EQ(read_file(dir.file("again.idx")), read_file(dir.file("s.idx")));

  ASSERT_EQ(run_process(
                {kCli, "sample", "--checkpoint", run, "--count", "16", "--out", dir.file("s.png")})
                .exit_code,
            0);
  const Image grid = read_png(dir.file("s.png"));
  EXPECT_EQ(grid.width, (4 * 28 + 5 * 2) * 2);
}

TEST(Cli, SampleAndExportDrawTheClassAskedFor) {
  TempDir dir;
  const std::string run = dir.file("run");
  std::vector<std::string> train = tiny_train(run, 2);
  train.insert(train.end() - 2, {"--set", "model.conditional=true"});
  const ProcessResult trained = run_process(train);
  ASSERT_EQ(trained.exit_code, 0) << trained.output;
  EXPECT_NE(trained.output.find("conditional on 10 classes"), std::string::npos) << trained.output;

  const ProcessResult sevens = run_process({kCli, "sample", "--checkpoint", run, "--count", "5",
                                            "--out", dir.file("7.idx"), "--class", "7"});
  ASSERT_EQ(sevens.exit_code, 0) << sevens.output;
  EXPECT_NE(sevens.output.find("wrote 5 samples of class 7"), std::string::npos);
  EXPECT_EQ(read_idx_file(dir.file("7.idx")).dims, (std::vector<uint32_t>{5, 28, 28}));

  const ProcessResult out_of_range =
      run_process({kCli, "sample", "--checkpoint", run, "--count", "5", "--out", dir.file("x.idx"),
                   "--class", "10"});
  EXPECT_NE(out_of_range.exit_code, 0);
  EXPECT_NE(out_of_range.output.find("class 10 is out of range"), std::string::npos)
      << out_of_range.output;

  // A folder's classes go by their sub-folders' names.
  for (const char* name : {"circles", "squares"}) {
    std::filesystem::create_directories(dir.file(std::string("shapes/") + name));
    for (int i = 0; i < 4; ++i) {
      Image image{28, 28, std::vector<uint8_t>(28 * 28, static_cast<uint8_t>(40 * i)), 1};
      write_png(dir.file(std::string("shapes/") + name + "/" + std::to_string(i) + ".png"), image);
    }
  }
  std::vector<std::string> shapes = tiny_train(dir.file("shapes-run"), 2);
  shapes.insert(shapes.end() - 2,
                {"--set", "model.conditional=true", "--set", "data.path=" + dir.file("shapes")});
  const ProcessResult named = run_process(shapes);
  ASSERT_EQ(named.exit_code, 0) << named.output;
  const ProcessResult squares =
      run_process({kCli, "sample", "--checkpoint", dir.file("shapes-run"), "--count", "3", "--out",
                   dir.file("squares.png"), "--class", "squares"});
  ASSERT_EQ(squares.exit_code, 0) << squares.output;
  EXPECT_NE(squares.output.find("wrote 3 samples of class squares"), std::string::npos)
      << squares.output;
  const ProcessResult unknown =
      run_process({kCli, "sample", "--checkpoint", dir.file("shapes-run"), "--count", "3", "--out",
                   dir.file("x.png"), "--class", "triangles"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.output.find("the classes are circles, squares"), std::string::npos)
      << unknown.output;
  // The runs table and the quality meter's histogram name them too.
  const ProcessResult runs = run_process({kCli, "runs", dir.path(), "--json"});
  ASSERT_EQ(runs.exit_code, 0) << runs.output;
  EXPECT_NE(runs.output.find("\"class_names\": [\"circles\", \"squares\"]"), std::string::npos)
      << runs.output;
  const ProcessResult csv = run_process({kCli, "runs", dir.path(), "--csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.output;
  EXPECT_EQ(csv.output.rfind("path,name,started,state,", 0), 0u) << csv.output;
  EXPECT_NE(csv.output.find(",model.class_names,"), std::string::npos) << csv.output;
  EXPECT_NE(csv.output.find("\"[circles, squares]\""), std::string::npos) << csv.output;
  EXPECT_NE(run_process({kCli, "runs", dir.path(), "--csv", "--json"}).exit_code, 0);
  const ProcessResult evaluated =
      run_process({kCli, "evaluate", "--checkpoint", dir.file("shapes-run"), "--count", "20"});
  ASSERT_EQ(evaluated.exit_code, 0) << evaluated.output;
  EXPECT_NE(evaluated.output.find("histogram   circles "), std::string::npos) << evaluated.output;
  EXPECT_NE(evaluated.output.find(", squares "), std::string::npos) << evaluated.output;

  // The grid by class: a row per class.
  const ProcessResult grid =
      run_process({kCli, "export", "--from", run, "--grid", dir.file("grid.png"), "--scale", "1",
                   "--samples", dir.file("threes"), "--count", "4", "--class", "3"});
  ASSERT_EQ(grid.exit_code, 0) << grid.output;
  const Image png = read_png(dir.file("grid.png"));
  EXPECT_EQ(png.height, 10 * 28 + 11 * 2);
  EXPECT_NE(grid.output.find("class 3"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir.file("threes/sample_00003.png")));

  // An unconditional run refuses a class.
  const std::string plain = dir.file("plain");
  ASSERT_EQ(run_process(tiny_train(plain, 1)).exit_code, 0);
  const ProcessResult refused = run_process({kCli, "sample", "--checkpoint", plain, "--count", "2",
                                             "--out", dir.file("p.idx"), "--class", "1"});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("not conditional"), std::string::npos) << refused.output;
}

TEST(Cli, MistakesGiveClearMessagesAndExitCodes) {
  TempDir dir;
  testing::write_bytes(dir.file("bad.yaml"), "training:\n  learning_rate_d: -0.1\n");
  const ProcessResult bad = run_process({kCli, "train", "--config", dir.file("bad.yaml")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.output.find(dir.file("bad.yaml") +
                            ":2:20: training.learning_rate_d must be > 0, got -0.1"),
            std::string::npos)
      << bad.output;

  const ProcessResult unknown = run_process({kCli, "train", "--frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("unknown option --frobnicate"), std::string::npos);
  EXPECT_NE(unknown.output.find("Usage: ganstudio-cli train [OPTIONS]"), std::string::npos);

  const ProcessResult typo = run_process({kCli, "train", "--set", "training.batchsize=3"});
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_NE(typo.output.find("unknown key training.batchsize (did you mean training.batch_size?)"),
            std::string::npos)
      << typo.output;

  const ProcessResult ext = run_process(
      {kCli, "sample", "--checkpoint", "x", "--count", "3", "--out", dir.file("s.jpg")});
  EXPECT_EQ(ext.exit_code, 2);
  EXPECT_NE(ext.output.find("--out: must end in .png or .idx"), std::string::npos) << ext.output;

  const ProcessResult missing = run_process({kCli, "sample", "--checkpoint", dir.file("none"),
                                             "--count", "3", "--out", dir.file("s.png")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.output.find(dir.file("none") + ": no such checkpoint file or run folder"),
            std::string::npos)
      << missing.output;
}

}  // namespace
}  // namespace gs

namespace gs {
namespace {

TEST(Cli, ExportWritesGridGifSamplesMetricsAndConfig) {
  TempDir dir;
  const std::string run = dir.file("run");
  ASSERT_EQ(run_process(tiny_train(run, 9)).exit_code, 0);  // grids at 3, 6, 9
  const ProcessResult result = run_process({kCli,        "export",
                                            "--from",    run,
                                            "--grid",    dir.file("grid.png"),
                                            "--scale",   "3",
                                            "--gif",     dir.file("t.gif"),
                                            "--delay",   "150",
                                            "--samples", dir.file("s.idx"),
                                            "--count",   "100",
                                            "--metrics", dir.file("m.csv"),
                                            "--config",  dir.file("c.yaml")});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(read_png(dir.file("grid.png")).width, (8 * 28 + 9 * 2) * 3);
  const GifInfo gif = read_gif_info(dir.file("t.gif"));
  EXPECT_EQ(gif.frames, 3);
  EXPECT_EQ(gif.delay_ms, 150);
  EXPECT_EQ(read_idx_file(dir.file("s.idx")).dims, (std::vector<uint32_t>{100, 28, 28}));
  EXPECT_EQ(read_metrics(dir.file("m.csv")).size(), 9u);
  EXPECT_EQ(load_config(dir.file("c.yaml")).model.g_widths, (std::vector<int>{16, 8, 4}));
  for (const char* what :
       {"grid", "GIF of 3 grids", "100 samples", "metrics of 9 iterations", "configuration"}) {
    EXPECT_NE(result.output.find(what), std::string::npos) << what << "\n" << result.output;
  }
  // Samples into a folder of PNGs.
  ASSERT_EQ(
      run_process({kCli, "export", "--from", run, "--samples", dir.file("pngs"), "--count", "7"})
          .exit_code,
      0);
  EXPECT_TRUE(std::filesystem::exists(dir.file("pngs/sample_00006.png")));
}

TEST(Cli, ReportWritesOneHtmlFileOfTheRunsAndNamesWhatIsWrong) {
  TempDir dir;
  const std::string run = dir.file("run");
  ASSERT_EQ(run_process(tiny_train(run, 6)).exit_code, 0);
  ASSERT_EQ(run_process({kCli, "runs", "--note", run, "first try"}).exit_code, 0);
  const ProcessResult result =
      run_process({kCli, "report", run, run, "--out", dir.file("r.html"), "--grids", "3,6"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("wrote a report of 2 runs (HTML,"), std::string::npos)
      << result.output;
  const std::string html = read_file(dir.file("r.html"));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<p>first try</p>"), std::string::npos);
  EXPECT_NE(html.find("iteration 3</figcaption>"), std::string::npos);
  const ProcessResult missing =
      run_process({kCli, "report", dir.file("nowhere"), "--out", dir.file("x.html")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.output.find(dir.file("nowhere")), std::string::npos) << missing.output;
  EXPECT_FALSE(std::filesystem::exists(dir.file("x.html")));
}

TEST(Cli, ExportErrorsNameThePathAndLeaveNothing) {
  TempDir dir;
  const std::string run = dir.file("run");
  ASSERT_EQ(run_process(tiny_train(run, 3)).exit_code, 0);
  testing::write_bytes(dir.file("plain"), "x");
  const ProcessResult result =
      run_process({kCli, "export", "--from", run, "--grid", dir.file("plain/grid.png")});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find(dir.file("plain/grid.png") + ": cannot create a temporary file"),
            std::string::npos)
      << result.output;
  EXPECT_EQ(run_process({kCli, "export", "--from", run}).exit_code, 2);  // nothing asked for
}

}  // namespace
}  // namespace gs

namespace gs {
namespace {

// A smoke test only: speed targets live in the benchmark, not in the test suite.
TEST(Cli, BenchRunsAndWritesWellFormedJson) {
  TempDir dir;
  const ProcessResult result = run_process({kCli,           "bench",
                                            "--set",        "model.preset=compact",
                                            "--set",        "model.noise_dim=8",
                                            "--set",        "model.g_widths=[16, 8, 4]",
                                            "--set",        "model.d_widths=[4, 8, 16]",
                                            "--batch",      "8",
                                            "--device",     "cpu",
                                            "--iterations", "3",
                                            "--warmup",     "1",
                                            "--json",       dir.file("b.json")});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("ms per iteration"), std::string::npos) << result.output;
  const std::string json = read_file(dir.file("b.json"));
  // Well-formed: parse it as YAML (a JSON superset) and read the fields scripts rely on.
  const YAML::Node root = YAML::Load(json);
  ASSERT_TRUE(root.IsMap());
  EXPECT_GT(root["median_ms_per_iteration"].as<double>(), 0.0);
  EXPECT_GT(root["parts_ms"]["g_step"].as<double>(), 0.0);
  EXPECT_GT(root["generator_latency_ms"]["64"].as<double>(), 0.0);
  EXPECT_GT(root["peak_conv_gflops"].as<double>(), 0.0);
  EXPECT_GT(root["fraction_of_peak"].as<double>(), 0.0);
  EXPECT_EQ(root["preset"].as<std::string>(), "compact");
  EXPECT_EQ(root["batch"].as<int>(), 8);
  EXPECT_EQ(root["iterations"].as<int>(), 3);
}

}  // namespace
}  // namespace gs

namespace gs {
namespace {

TEST(Cli, DivergenceStopsWithoutOverwritingCheckpoints) {
  TempDir dir;
  const std::string run = dir.file("run");
  ASSERT_EQ(run_process(tiny_train(run, 4)).exit_code, 0);
  RunConfig config = read_checkpoint_config(run + "/checkpoints/iter_0000004.pt");
  testing::write_diverged_checkpoint(config, run + "/checkpoints/iter_0000005.pt");
  const ProcessResult result =
      run_process({kCli, "train", "--resume", run, "--set", "training.iterations=10"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("training diverged at iteration 6"), std::string::npos)
      << result.output;
  EXPECT_EQ(RunDirectory::checkpoints(run).size(), 2u);  // nothing written over the good ones
}

}  // namespace
}  // namespace gs

namespace gs {
namespace {

std::vector<std::string> tiny_seed_train(const std::string& out, double learning_rate) {
  return {kCli,    "train",
          "--set", "model.preset=seed",
          "--set", "model.noise_dim=8",
          "--set", "model.g_widths=[4, 8, 4, 4]",
          "--set", "model.d_widths=[4, 4, 8, 8]",
          "--set", "training.batch_size=8",
          "--set", "training.device=cpu",
          "--set", "training.threads=2",
          "--set", "training.iterations=50",
          "--set", "training.learning_rate_d=" + std::to_string(learning_rate),
          "--set", "training.learning_rate_g=" + std::to_string(learning_rate),
          "--set", "outputs.checkpoint_every=5",
          "--set", "quality.every=0",
          "--out", out};
}

TEST(Cli, ARealDivergingRunStopsCleanlyWithTheHealthMonitorsAdvice) {
  TempDir dir;
  const std::string run = dir.file("run");
  const ProcessResult result = run_process(tiny_seed_train(run, 1.0));
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("error: training diverged at iteration"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("Training diverged"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("Roll back to the last good checkpoint"), std::string::npos);
  const auto health = read_health(run);
  ASSERT_EQ(health.size(), 1u);
  EXPECT_EQ(health[0].rule, HealthRule::Divergence);
  // The diverged state is in no checkpoint: the newest is older than the divergence.
  const auto rows = read_metrics(run + "/metrics.csv");
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(health[0].iteration, rows.back().iteration);
  char diverged[64];
  std::snprintf(diverged, sizeof diverged, "/checkpoints/iter_%07lld.pt",
                static_cast<long long>(rows.back().iteration));
  for (const std::string& checkpoint : RunDirectory::checkpoints(run)) {
    EXPECT_LT(checkpoint, run + diverged);
  }
}

TEST(Cli, EvaluateScoresACheckpointAndForeignSamples) {
  TempDir dir;
  const std::string run = dir.file("run");
  ASSERT_EQ(run_process(tiny_train(run, 4)).exit_code, 0);
  setenv("XDG_CACHE_HOME", dir.file("cache").c_str(), 1);  // the meter's caches: the test's
  const ProcessResult scored = run_process(
      {kCli, "evaluate", "--checkpoint", run, "--count", "200", "--json", dir.file("scores.json")});
  ASSERT_EQ(scored.exit_code, 0) << scored.output;
  for (const char* line :
       {"fd ", "memorised ", "classes ", "confidence ", "precision ", "recall "}) {
    EXPECT_NE(scored.output.find(line), std::string::npos) << line << "\n" << scored.output;
  }
  const YAML::Node json = YAML::LoadFile(dir.file("scores.json"));
  EXPECT_GT(json["fd"].as<double>(), 0.0);
  EXPECT_GE(json["classes_covered"].as<int>(), 1);
  EXPECT_GT(json["confidence"].as<double>(), 0.0);
  EXPECT_GE(json["precision"].as<double>(), 0.0);
  EXPECT_GE(json["recall"].as<double>(), 0.0);
  EXPECT_EQ(json["samples"].as<int>(), 200);
  EXPECT_LT(json["memorised"].as<double>(), 0.05);  // an untrained generator copies nothing

  // Samples made elsewhere: real digits (the first 300 embedded) score far better than the
  // untrained generator's; they are the data set's own images, so all of them are copies.
  const ImageSet digits = load_image_set(kEmbeddedDigits);
  const std::vector<uint32_t> dims = {300, 28, 28};
  write_file_atomically(dir.file("real.idx"), encode_idx(dims, digits.pixels.data(), 300 * 784));
  const ProcessResult real = run_process(
      {kCli, "evaluate", "--samples", dir.file("real.idx"), "--json", dir.file("real.json")});
  ASSERT_EQ(real.exit_code, 0) << real.output;
  const YAML::Node real_json = YAML::LoadFile(dir.file("real.json"));
  EXPECT_LT(real_json["fd"].as<double>(), json["fd"].as<double>() / 10);
  EXPECT_EQ(real_json["classes_covered"].as<int>(), 10);
  EXPECT_EQ(real_json["samples"].as<int>(), 300);
  EXPECT_DOUBLE_EQ(real_json["memorised"].as<double>(), 1.0);

  const ProcessResult neither = run_process({kCli, "evaluate"});
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_NE(neither.output.find("give --checkpoint"), std::string::npos) << neither.output;
  testing::write_bytes(dir.file("text.idx"), "not idx");
  const ProcessResult bad = run_process({kCli, "evaluate", "--samples", dir.file("text.idx")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.output.find(dir.file("text.idx") + ":"), std::string::npos) << bad.output;
}

TEST(Cli, TrainMeasuresQualityWhenTheConfigurationAsks) {
  TempDir dir;
  const std::string run = dir.file("run");
  auto args = tiny_train(run, 6);
  args.insert(args.end(), {"--set", "quality.every=3", "--set", "quality.samples=50"});
  const ProcessResult result = run_process(args);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("quality at iteration 3: FD"), std::string::npos) << result.output;
  const auto quality = read_quality(run);
  ASSERT_EQ(quality.size(), 2u);
  EXPECT_EQ(quality[1].iteration, 6);
  EXPECT_EQ(quality[1].samples, 50);
  EXPECT_EQ(quality[1].classes, 10);
}

}  // namespace
TEST(Cli, ProjectWritesTheLatentVectorAndThePictureBesideItsProjection) {
  TempDir dir;
  const std::string run = dir.file("run");
  ASSERT_EQ(run_process(tiny_train(run, 60)).exit_code, 0);
  // A sample of the run's own generator as the picture: a projection of it exists.
  ASSERT_EQ(run_process({kCli, "export", "--from", run, "--samples", dir.file("pictures"),
                         "--count", "1", "--seed", "5"})
                .exit_code,
            0);
  std::vector<std::string> pictures;
  for (const auto& entry : std::filesystem::directory_iterator(dir.file("pictures")))
    pictures.push_back(entry.path().string());
  ASSERT_EQ(pictures.size(), 1u);
  const ProcessResult result =
      run_process({kCli, "project", pictures[0], "--checkpoint", run, "--steps", "80", "--starts",
                   "4", "--pixels-only", "--out", dir.file("z.txt"), "--png", dir.file("p.png")});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  // z as the explorer's Copy z writes it: 8 numbers in brackets.
  const std::string z = read_file(dir.file("z.txt"));
  ASSERT_FALSE(z.empty());
  EXPECT_EQ(z.front(), '[');
  EXPECT_EQ(std::count(z.begin(), z.end(), ','), 7) << z;
  // The pixel error fell from the best start's.
  double now = 0;
  double before = 0;
  const size_t at = result.output.rfind("pixel error ");  // the summary, after the steps
  ASSERT_NE(at, std::string::npos) << result.output;
  ASSERT_EQ(std::sscanf(result.output.c_str() + at, "pixel error %lf (from %lf)", &now, &before), 2)
      << result.output;
  EXPECT_LT(now, before);
  const Image pair = read_png(dir.file("p.png"));
  EXPECT_EQ(pair.width, (2 * 28 + 3 * 2) * 4);  // the picture and its projection, magnified 4x
  // A file that is not there is named.
  const ProcessResult missing = run_process(
      {kCli, "project", dir.file("none.png"), "--checkpoint", run, "--out", dir.file("z2.txt")});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.output.find(dir.file("none.png")), std::string::npos) << missing.output;
}

}  // namespace gs
