// Branches, checkpoint retention and the runs catalogue (issue 13's model side).
#include "model/runs/lineage.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>

#include "model/config/config.h"
#include "model/io/csv_text.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/run_catalog.h"
#include "model/runs/run_directory.h"
#include "model/runs/runs_csv.h"
#include "model/training/training_run.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

RunConfig small_run(int64_t iterations) {
  RunConfig config = testing::tiny_config(Preset::Compact);
  config.training.iterations = iterations;
  config.outputs.sample_every = 3;
  config.outputs.checkpoint_every = 4;
  config.outputs.keep_checkpoints = 0;
  return config;
}

void train_to_end(TrainingRun& run) {
  while (run.step() == StepResult::Trained) {
  }
  run.finish();
}

// Every file of a folder and its bytes.
std::map<std::string, std::string> contents(const std::string& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().filename() != ".lock")
      files[fs::relative(entry.path(), folder).string()] = read_file(entry.path().string());
  }
  return files;
}

TEST(Lineage, ABranchWithTheSameSettingsReproducesItsParentBitForBitAndNeverTouchesIt) {
  TempDir dir;
  const std::string parent = dir.file("parent");
  {
    auto run = TrainingRun::start(small_run(12), parent);
    train_to_end(*run);
  }
  const auto before = contents(parent);
  const std::string branch = dir.file("branch");
  {
    auto run = TrainingRun::branch(parent + "@4", {}, branch);
    EXPECT_EQ(run->iteration(), 4);
    train_to_end(*run);
  }
  EXPECT_EQ(contents(parent), before);  // not a byte of the parent changed
  const auto theirs = read_metrics(parent + "/metrics.csv");
  const auto ours = read_metrics(branch + "/metrics.csv");
  ASSERT_EQ(ours.size(), theirs.size());  // 1..4 copied, 5..12 trained again
  for (size_t i = 0; i < ours.size(); ++i) {
    EXPECT_EQ(ours[i].iteration, theirs[i].iteration);
    EXPECT_EQ(ours[i].d_loss, theirs[i].d_loss) << "iteration " << ours[i].iteration;
    EXPECT_EQ(ours[i].g_loss, theirs[i].g_loss) << "iteration " << ours[i].iteration;
    EXPECT_EQ(ours[i].d_acc, theirs[i].d_acc);
    EXPECT_EQ(ours[i].g_acc, theirs[i].g_acc);
  }
  const std::optional<BranchPoint> point = read_parent(branch);
  ASSERT_TRUE(point.has_value());
  EXPECT_EQ(point->run, fs::canonical(parent).string());
  EXPECT_EQ(point->iteration, 4);
  EXPECT_EQ(fs::path(point->checkpoint).filename(), "iter_0000004.pt");
  // Its own grids after the branch point, the parent's before it.
  EXPECT_TRUE(fs::exists(branch + "/samples/iter_0000003.png"));
  EXPECT_TRUE(fs::exists(branch + "/samples/iter_0000012.png"));
}

TEST(Lineage, ABranchTakesChangedSettingsAndRecordsThem) {
  TempDir dir;
  const std::string parent = dir.file("parent");
  {
    auto run = TrainingRun::start(small_run(8), parent);
    train_to_end(*run);
  }
  auto run = TrainingRun::branch(
      parent + "@4",
      {"training.learning_rate_d=0.0001", "training.loop=fast", "training.iterations=6"},
      dir.file("faster"));
  EXPECT_EQ(*run->config().training.loop, Loop::Fast);  // locked during a run, free for a branch
  train_to_end(*run);
  EXPECT_EQ(read_metrics(dir.file("faster") + "/metrics.csv").back().iteration, 6);
  const auto changes = read_changes(dir.file("faster"));
  ASSERT_FALSE(changes.empty());
  EXPECT_EQ(changes.back().iteration, 5);
}

TEST(Lineage, BranchesAreRefusedWhereTheyWouldWriteIntoARun) {
  TempDir dir;
  const std::string parent = dir.file("parent");
  {
    auto run = TrainingRun::start(small_run(8), parent);
    train_to_end(*run);
  }
  auto error_of = [](auto&& action) {
    try {
      action();
    } catch (const Error& error) {
      return std::string(error.what());
    }
    return std::string("(no error)");
  };
  EXPECT_NE(error_of([&] {
              TrainingRun::branch(parent + "@4", {}, parent);
            }).find("is the parent run itself"),
            std::string::npos);
  EXPECT_EQ(error_of([&] { TrainingRun::branch(parent + "@5", {}, dir.file("b")); }),
            parent + ": no checkpoint at iteration 5 (it keeps 4, 8)");
  EXPECT_NE(error_of([&] { TrainingRun::branch(parent + "@4", {}, ""); }).find("--out"),
            std::string::npos);
}

// A parent whose checkpoint is damaged: the parent's file is named, no child folder is made, and
// once the parent is mended the same branch goes ahead under the same name.
TEST(Lineage, ABranchFromADamagedCheckpointNamesTheParentsFileAndLeavesNothing) {
  TempDir dir;
  const std::string parent = dir.file("parent");
  {
    auto run = TrainingRun::start(small_run(4), parent);
    train_to_end(*run);
  }
  const std::string checkpoint = parent + "/checkpoints/iter_0000004.pt";
  const std::string good = read_file(checkpoint);
  std::string flipped = good;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x40);
  write_file_atomically(checkpoint, flipped);
  const std::string child = dir.file("child");
  try {
    TrainingRun::branch(parent + "@4", {}, child);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()).rfind(checkpoint + ": damaged checkpoint", 0), 0u)
        << error.what();
  }
  EXPECT_FALSE(fs::exists(child));
  // A branch into a folder that already existed (empty) leaves it as it was.
  fs::create_directories(child);
  EXPECT_THROW(TrainingRun::branch(parent + "@4", {}, child), Error);
  EXPECT_TRUE(fs::is_empty(child));
  write_file_atomically(checkpoint, good);
  EXPECT_EQ(TrainingRun::branch(parent + "@4", {}, child)->iteration(), 4);
}

// A runs folder with what a careless user or an attacker leaves there: each run is listed, the
// unreadable ones marked damaged with the reason, nothing blocks, names cannot reach a terminal
// raw.
TEST(Lineage, TheCatalogueListsWhatItCanAndMarksTheRestDamaged) {
  TempDir dir;
  const std::string runs = dir.file("runs");
  {
    auto run = TrainingRun::start(small_run(4), runs + "/good");
    train_to_end(*run);
  }
  fs::copy(runs + "/good", runs + "/fifo-metrics", fs::copy_options::recursive);
  fs::remove(runs + "/fifo-metrics/metrics.csv");
  ASSERT_EQ(::mkfifo((runs + "/fifo-metrics/metrics.csv").c_str(), 0600), 0);
  fs::copy(runs + "/good", runs + "/odd-checkpoint", fs::copy_options::recursive);
  write_file_atomically(runs + "/odd-checkpoint/checkpoints/iter_99999999999999999999.pt", "x");
  set_run_name(runs + "/good", "\x1b[31mred\x1b[0m");
  const std::vector<RunSummary> listed = list_runs(runs);
  ASSERT_EQ(listed.size(), 3u);
  std::map<std::string, RunSummary> by_folder;
  for (const RunSummary& run : listed) by_folder[fs::path(run.path).filename().string()] = run;
  EXPECT_EQ(by_folder["good"].name, "\\x1b[31mred\\x1b[0m");
  EXPECT_EQ(by_folder["good"].state, "finished");
  EXPECT_EQ(by_folder["fifo-metrics"].state, "damaged");
  EXPECT_NE(by_folder["fifo-metrics"].problem.find("metrics.csv: is a FIFO"), std::string::npos);
  EXPECT_EQ(by_folder["odd-checkpoint"].state, "finished");
  EXPECT_EQ(by_folder["odd-checkpoint"].checkpoints, std::vector<int64_t>{4});
  EXPECT_EQ(runs_table(listed).find('\x1b'), std::string::npos);
}

TEST(Lineage, RetentionKeepsTheLastAndEveryKth) {
  TempDir dir;
  RunConfig config = small_run(24);
  config.outputs.checkpoint_every = 2;
  config.outputs.keep_checkpoints = 2;
  config.outputs.keep_every = 8;
  auto run = TrainingRun::start(config, dir.file("kept"));
  train_to_end(*run);
  EXPECT_EQ(summarize_run(dir.file("kept")).checkpoints, (std::vector<int64_t>{8, 16, 22, 24}));
}

TEST(Lineage, TheCatalogueListsRunsWithTheirStateFiguresAndParents) {
  TempDir dir;
  const std::string parent = dir.file("runs/parent");
  {
    auto run = TrainingRun::start(small_run(8), parent);
    train_to_end(*run);
  }
  {
    auto run = TrainingRun::branch(parent + "@4", {"training.iterations=10"}, dir.file("runs/b"));
    for (int i = 0; i < 2; ++i) run->step();
    run->finish();  // stopped at 6 of 10
  }
  make_directories(dir.file("runs/not-a-run"));
  write_file_atomically(dir.file("runs/not-a-run/readme.txt"), "x");
  set_run_name(dir.file("runs/b"), "slower D");
  const std::vector<RunSummary> runs = list_runs(dir.file("runs"));
  ASSERT_EQ(runs.size(), 2u);
  std::map<std::string, RunSummary> by_name;
  for (const RunSummary& run : runs) by_name[run.name] = run;
  ASSERT_EQ(by_name.count("parent"), 1u);
  ASSERT_EQ(by_name.count("slower D"), 1u);
  EXPECT_EQ(by_name["parent"].state, "finished");
  EXPECT_EQ(by_name["parent"].done, 8);
  EXPECT_EQ(by_name["slower D"].state, "stopped");
  EXPECT_EQ(by_name["slower D"].done, 6);
  EXPECT_EQ(by_name["slower D"].planned, 10);
  ASSERT_TRUE(by_name["slower D"].parent.has_value());
  EXPECT_EQ(by_name["slower D"].parent->iteration, 4);
  EXPECT_GT(by_name["parent"].bytes, 1000u);
  const std::string json = runs_json(runs);
  EXPECT_NE(json.find("\"name\": \"slower D\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"parent\": {\"run\": "), std::string::npos) << json;
  EXPECT_NE(runs_table(runs).find("parent@4"), std::string::npos) << runs_table(runs);

  // As CSV: a header, then a line a run with its figures and every setting that describes it.
  const std::string csv = runs_csv(runs);
  std::vector<std::string> lines;
  for (size_t start = 0, end; (end = csv.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(csv.substr(start, end - start));
  ASSERT_EQ(lines.size(), 3u) << csv;
  EXPECT_EQ(lines[0].rfind("path,name,started,state,preset,data,iterations_done,", 0), 0u);
  EXPECT_NE(lines[0].find(",training.iterations,"), std::string::npos) << lines[0];
  const std::string& b = lines[1].find("slower D") != std::string::npos ? lines[1] : lines[2];
  EXPECT_NE(b.find(",stopped,compact,"), std::string::npos) << b;
  EXPECT_NE(b.find(",6,10,"), std::string::npos) << b;  // done, planned
  EXPECT_NE(b.find(",4,,"), std::string::npos) << b;    // the parent's iteration, no problem
}

TEST(RunsCsv, FieldsAreQuotedAndFormulasStayText) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(" padded"), "\" padded\"");
  EXPECT_EQ(csv_field("-0.5"), "-0.5");  // a number stays a number
  EXPECT_EQ(csv_field("1e-4"), "1e-4");
  EXPECT_EQ(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  EXPECT_EQ(csv_field("@cmd"), "'@cmd");
  EXPECT_EQ(csv_field("-x,y"), "\"'-x,y\"");
  EXPECT_EQ(csv_line({"a", "", "c,d"}), "a,,\"c,d\"\n");
}

}  // namespace
}  // namespace gs
