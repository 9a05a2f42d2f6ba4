// ganstudio-cli sweep as people run it: real trial processes, the quality meter, a tiny model.
#include "model/sweeps/sweep.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <thread>

#include "model/config/config.h"
#include "model/io/file_io.h"
#include "model/runs/run_directory.h"
#include "model/sweeps/sweep_catalog.h"
#include "tests/common/process.h"
#include "tests/common/test_support.h"
#include "tests/common/tfevents_reader.h"

namespace gs {
namespace {

using testing::Process;
using testing::ProcessResult;
using testing::run_process;
using testing::TempDir;

const std::string kCli = GANSTUDIO_CLI_PATH;

// A sweep of a tiny compact model.
std::vector<std::string> tiny_sweep(const std::string& out, std::vector<std::string> more) {
  std::vector<std::string> args = {kCli,        "sweep",
                                   "--set",     "model.noise_dim=8",
                                   "--set",     "model.g_widths=[16, 8, 4]",
                                   "--set",     "model.d_widths=[4, 8, 16]",
                                   "--set",     "training.batch_size=8",
                                   "--set",     "training.device=cpu",
                                   "--set",     "outputs.checkpoint_every=5",
                                   "--samples", "100",
                                   "--out",     out};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

Sweep read_sweep(const std::string& folder) {
  return parse_sweep(read_file(folder + "/sweep.yaml"), folder);
}

TEST(Sweep, AGridOfTwoKeysTrainsEveryCombinationAndRanksThemByDistance) {
  TempDir dir;
  const std::string out = dir.file("sweep");
  const ProcessResult result =
      run_process(tiny_sweep(out, {"--set", "training.learning_rate_d=1e-4,1e-3", "--set",
                                   "training.loss=bce,hinge", "--budget", "24i"}));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const Sweep sweep = read_sweep(out);
  ASSERT_EQ(sweep.trials.size(), 4u);
  std::map<std::string, int> combinations;
  for (const Trial& trial : sweep.trials) {
    EXPECT_EQ(trial.state, TrialState::Finished) << trial.name << " " << trial.message;
    EXPECT_EQ(trial.iterations, 6) << trial.name;  // 24 iterations over 4 trials
    ASSERT_TRUE(trial.fd) << trial.name;
    EXPECT_GT(*trial.fd, 0);
    ++combinations[trial.settings.at("training.learning_rate_d") + "/" +
                   trial.settings.at("training.loss")];
    EXPECT_EQ(RunDirectory::find_checkpoint(out + "/trials/" + trial.name),
              RunDirectory::checkpoint_file(out + "/trials/" + trial.name, 6));
  }
  EXPECT_EQ(combinations.size(), 4u);
  // The summary lists them best first, as --status and --json do.
  const auto order = ranked(sweep);
  for (size_t i = 1; i < order.size(); ++i) EXPECT_LE(*order[i - 1]->fd, *order[i]->fd);
  const size_t first = result.output.find("1    " + order[0]->name);
  const size_t last = result.output.find("4    " + order[3]->name);
  EXPECT_NE(first, std::string::npos) << result.output;
  EXPECT_NE(last, std::string::npos) << result.output;
  const ProcessResult status = run_process({kCli, "sweep", "--status", out, "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("\"name\": \"" + order[0]->name + "\""), std::string::npos);
  EXPECT_LT(status.output.find(order[0]->name), status.output.find(order[3]->name));

  // What the window reads of it: the same ranking, each trial's run folder, the sweep found in its
  // parent folder (and the parent's runs do not include the sweep's folder).
  const SweepSummary summary = summarize_sweep(out);
  EXPECT_EQ(summary.method, "grid");
  ASSERT_EQ(summary.trials.size(), 4u);
  ASSERT_EQ(summary.space.size(), 2u);
  for (const SweepTrialSummary& trial : summary.trials) {
    ASSERT_TRUE(trial.run) << trial.name;
    EXPECT_EQ(trial.path, out + "/trials/" + trial.name);
    EXPECT_EQ(trial.run->done, 6);
    EXPECT_GE(trial.rank, 1);
    if (trial.name == order[0]->name) {
      EXPECT_EQ(trial.rank, 1);
      EXPECT_EQ(summary.best, trial.path);
    }
  }
  const std::vector<SweepSummary> found = list_sweeps(dir.file(""));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].trials.size(), 4u);
  EXPECT_TRUE(list_runs(dir.file("")).empty());
  EXPECT_THROW(summarize_sweep(out + "/trials"), Error);

  // TensorBoard's HParams tab: the sweep's experiment with the swept settings' domains, and one
  // session per trial with its settings and its score as a scalar.
  const testing::Events root = testing::read_events(out);
  ASSERT_EQ(root.hparams.size(), 1u);
  const testing::HParamsRecord& experiment = root.hparams[0];
  EXPECT_EQ(experiment.kind, "experiment");
  EXPECT_EQ(experiment.discrete.at("training.learning_rate_d"),
            (std::vector<std::string>{"0.0001", "0.001"}));
  EXPECT_EQ(experiment.discrete.at("training.loss"), (std::vector<std::string>{"bce", "hinge"}));
  EXPECT_EQ(experiment.metrics,
            (std::vector<std::string>{"quality/FD", "quality/classes covered"}));
  for (const Trial& trial : sweep.trials) {
    const testing::Events events = testing::read_events(out + "/trials/" + trial.name);
    int starts = 0;
    for (const testing::HParamsRecord& record : events.hparams) {
      if (record.kind != "session_start_info") continue;
      ++starts;
      EXPECT_EQ(record.group, trial.name);
      EXPECT_DOUBLE_EQ(std::stod(record.hparams.at("training.learning_rate_d")),
                       std::stod(trial.settings.at("training.learning_rate_d")));
      EXPECT_EQ(record.hparams.at("training.loss"), trial.settings.at("training.loss"));
    }
    EXPECT_EQ(starts, 1) << trial.name;
    EXPECT_NEAR(events.scalars.at("quality/FD").at(6), *trial.fd, 1e-3 * *trial.fd);
    // The run keeps the score as a row of its quality.csv: what opening or comparing it shows.
    const std::vector<QualityScores> rows = read_quality(out + "/trials/" + trial.name);
    ASSERT_EQ(rows.size(), 1u) << trial.name;
    EXPECT_EQ(rows[0].iteration, 6);
    EXPECT_EQ(rows[0].samples, 100);
    EXPECT_NEAR(rows[0].fd, *trial.fd, 1e-3 * *trial.fd);
    EXPECT_EQ(rows[0].classes_covered, trial.classes_covered);
  }
}

TEST(Sweep, SuccessiveHalvingGivesItsBestTrialTheMostIterationsAndStopsTheOthersEarly) {
  TempDir dir;
  const std::string out = dir.file("sweep");
  const ProcessResult result =
      run_process(tiny_sweep(out, {"--method", "halving", "--trials", "8", "--seed", "3", "--set",
                                   "training.learning_rate_d=log:1e-5..1e-2", "--set",
                                   "training.learning_rate_g=log:1e-5..1e-2", "--budget", "128i"}));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const Sweep sweep = read_sweep(out);
  ASSERT_EQ(sweep.trials.size(), 8u);
  // Rungs of 8, 4, 2, 1 trials, 32 iterations each: 4, then 8, 16 and 32 more iterations.
  const auto order = ranked(sweep);
  int finished = 0;
  int halted = 0;
  const Trial* best = nullptr;
  for (const Trial& trial : sweep.trials) {
    if (trial.state == TrialState::Finished) {
      ++finished;
      best = &trial;
    }
    if (trial.state == TrialState::Halted) ++halted;
  }
  EXPECT_EQ(finished, 1);
  EXPECT_EQ(halted, 7);
  ASSERT_NE(best, nullptr);
  EXPECT_EQ(best->iterations, 4 + 8 + 16 + 32);
  EXPECT_EQ(best->rung, 3);
  for (const Trial& trial : sweep.trials) {
    if (&trial != best) {
      EXPECT_LT(trial.iterations, best->iterations) << trial.name;
    }
  }
  int at_rung[4] = {0, 0, 0, 0};
  for (const Trial& trial : sweep.trials) ++at_rung[trial.rung];
  EXPECT_EQ(at_rung[0], 4);
  EXPECT_EQ(at_rung[1], 2);
  EXPECT_EQ(at_rung[2], 1);
  EXPECT_EQ(at_rung[3], 1);
  // Each trial's quality.csv holds the score of every rung it ended (a resumed rung keeps them).
  for (const Trial& trial : sweep.trials) {
    const std::vector<QualityScores> rows = read_quality(out + "/trials/" + trial.name);
    ASSERT_EQ(rows.size(), static_cast<size_t>(trial.rung + 1)) << trial.name;
    EXPECT_EQ(rows.back().iteration, trial.iterations) << trial.name;
    EXPECT_NEAR(rows.back().fd, *trial.fd, 1e-3 * *trial.fd) << trial.name;
  }
  EXPECT_NE(result.output.find("stopped early"), std::string::npos) << result.output;
}

TEST(Sweep, AKilledSweepResumesWithoutTrainingFinishedTrialsAgain) {
  TempDir dir;
  const std::string out = dir.file("sweep");
  {
    Process sweep(
        tiny_sweep(out, {"--set", "training.learning_rate_d=1e-4,2e-4,4e-4", "--budget", "300i"}));
    // The first trial finished: its row in sweep.yaml says so.
    const std::string first_log = out + "/logs/trial-002.log";
    ASSERT_TRUE(testing::wait_for_path(first_log, std::chrono::minutes(2)));
    ASSERT_TRUE(testing::wait_for_path(out + "/trials/trial-002/checkpoints/iter_0000005.pt",
                                       std::chrono::minutes(2)));
    sweep.signal(SIGKILL);  // its trial is interrupted (it checkpoints) with it
    sweep.wait();
  }
  const Sweep killed = read_sweep(out);
  ASSERT_EQ(killed.trials[0].state, TrialState::Finished);
  const auto first_time = std::filesystem::last_write_time(out + "/logs/trial-001.log");
  // The interrupted trial's process may still be writing its checkpoint: the resume waits for
  // its run folder's lock to be free (or the trainer says so and the trial resumes next time).
  const ProcessResult resumed = run_process({kCli, "sweep", "--resume", out});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_EQ(resumed.output.find("trial-001: training"), std::string::npos) << resumed.output;
  EXPECT_NE(resumed.output.find("trial-002: resuming"), std::string::npos) << resumed.output;
  EXPECT_EQ(std::filesystem::last_write_time(out + "/logs/trial-001.log"), first_time);
  const Sweep done = read_sweep(out);
  for (const Trial& trial : done.trials) {
    EXPECT_EQ(trial.state, TrialState::Finished) << trial.name << " " << trial.message;
    EXPECT_EQ(trial.iterations, 100) << trial.name;
  }
  // trial-002's rows are those of one run: 1..100, once each.
  const auto rows = read_metrics(out + "/trials/trial-002/metrics.csv");
  ASSERT_EQ(rows.size(), 100u);
  for (size_t i = 0; i < rows.size(); ++i)
    EXPECT_EQ(rows[i].iteration, static_cast<int64_t>(i + 1));
}

// --parallel 2: two trials at a time, each its own process with half of the cores' threads.
TEST(Sweep, ParallelTrialsShareTheCores) {
  TempDir dir;
  const std::string out = dir.file("sweep");
  const ProcessResult result = run_process(tiny_sweep(
      out, {"--set", "training.loss=bce,hinge,lsgan", "--parallel", "2", "--budget", "18i"}));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const Sweep sweep = read_sweep(out);
  ASSERT_EQ(sweep.trials.size(), 3u);
  EXPECT_EQ(sweep.parallel, 2);
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (const Trial& trial : sweep.trials) {
    EXPECT_EQ(trial.state, TrialState::Finished) << trial.name << " " << trial.message;
    EXPECT_EQ(trial.iterations, 6);
    const RunConfig config = load_config(out + "/trials/" + trial.name + "/config.yaml");
    EXPECT_EQ(config.training.threads, std::max(1, cores / 2)) << trial.name;
  }
  // The second trial started before the first was scored: both were running at once.
  EXPECT_LT(result.output.find("trial-002: training"), result.output.find("trial-001: FD"))
      << result.output;
}

TEST(Sweep, MistakesAreRefusedBeforeAnyTrialRuns) {
  TempDir dir;
  const std::string out = dir.file("sweep");
  ProcessResult result =
      run_process({kCli, "sweep", "--set", "training.learning_rate_x=1,2", "--out", out});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("training.learning_rate_x is not a configuration key"),
            std::string::npos)
      << result.output;
  result = run_process({kCli, "sweep", "--set", "training.learning_rate_d=1e-4,-1", "--out", out});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("training.learning_rate_d"), std::string::npos) << result.output;
  result = run_process(
      {kCli, "sweep", "--set", "training.learning_rate_d=log:1e-5..1e-3", "--out", out});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("a grid needs lists of values"), std::string::npos) << result.output;
  result = run_process(
      {kCli, "sweep", "--set", "training.loss=bce,hinge", "--budget", "3x", "--out", out});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("the budget must be"), std::string::npos) << result.output;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace gs
