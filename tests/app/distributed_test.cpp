// Data-parallel training as people launch it: `ganstudio-cli train --nproc N`, and ranks started
// by hand with torchrun's variables; real processes talking over loopback TCP, a tiny model.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/comms/world.h"
#include "model/runs/control_channel.h"
#include "model/runs/run_directory.h"
#include "tests/common/process.h"
#include "tests/common/test_support.h"

namespace gs {
namespace {

using testing::Process;
using testing::ProcessResult;
using testing::run_process;
using testing::TempDir;
using testing::wait_for_path;

const std::string kCli = GANSTUDIO_CLI_PATH;
constexpr auto kLimit = std::chrono::minutes(2);

// The CLI tests' tiny run, measured without the quality meter, with a short collective timeout.
std::vector<std::string> tiny_train(const std::string& out, int iterations) {
  std::vector<std::string> args = testing::tiny_train_command(kCli, out, iterations);
  args.insert(args.end(), {"--set", "training.distributed_timeout=10", "--set", "quality.every=0"});
  return args;
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

std::vector<std::string> rank_environment(int rank, int size, int port) {
  return {"RANK=" + std::to_string(rank),
          "WORLD_SIZE=" + std::to_string(size),
          "LOCAL_RANK=" + std::to_string(rank),
          "LOCAL_WORLD_SIZE=" + std::to_string(size),
          "MASTER_ADDR=127.0.0.1",
          "MASTER_PORT=" + std::to_string(port)};
}

// The rows' iterations, in order.
std::vector<int64_t> row_iterations(const std::string& run) {
  std::vector<int64_t> iterations;
  for (const StepStats& row : read_metrics(run + "/metrics.csv"))
    iterations.push_back(row.iteration);
  return iterations;
}

std::vector<int64_t> one_to(int64_t last) {
  std::vector<int64_t> iterations;
  for (int64_t i = 1; i <= last; ++i) iterations.push_back(i);
  return iterations;
}

size_t files_in(const std::string& folder, const std::string& prefix) {
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) ++count;
  }
  return count;
}

// Children of `pid` (the launcher's ranks), from procfs.
std::vector<pid_t> children_of(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  std::vector<pid_t> children;
  for (pid_t child = 0; file >> child;) children.push_back(child);
  return children;
}

TEST(Distributed, NprocTwoWritesOneRunFolderThatResumesInOneProcessAndInThree) {
  TempDir dir;
  const std::string run = dir.file("run");
  ProcessResult result = run_process(with(tiny_train(run, 6), {"--nproc", "2"}));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("data-parallel: 2 processes on"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("rank 1 of 2: CPU, 1 thread, 4 of the batch of 8, shard of"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("weights identical on all 2 ranks"), std::string::npos)
      << result.output;
  // Rank 0 alone writes: each row, grid, checkpoint and event file once.
  EXPECT_EQ(row_iterations(run), one_to(6));
  EXPECT_EQ(RunDirectory::sample_grids(run).size(), 2u);
  EXPECT_EQ(RunDirectory::numbered_checkpoints(run).size(), 2u);
  EXPECT_EQ(files_in(run, "events.out.tfevents"), 1u);
  const auto status = read_trainer_status(run);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->state, RunState::Finished);
  EXPECT_NE(status->processes.find("2 processes on"), std::string::npos) << status->processes;
  EXPECT_NE(status->processes.find("(gloo)"), std::string::npos) << status->processes;

  // The checkpoint is an ordinary one: one process resumes it, then three ranks.
  result = run_process({kCli, "train", "--resume", run, "--set", "training.iterations=8"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(row_iterations(run), one_to(8));
  result = run_process(
      {kCli, "train", "--resume", run, "--set", "training.iterations=10", "--nproc", "3"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("weights identical on all 3 ranks"), std::string::npos)
      << result.output;
  EXPECT_EQ(row_iterations(run), one_to(10));
  EXPECT_EQ(RunDirectory::find_checkpoint(run), RunDirectory::checkpoint_file(run, 10));
}

TEST(Distributed, RanksStartedByHandWithTorchrunsVariablesTrainOneRun) {
  TempDir dir;
  const std::string run = dir.file("run");
  const int port = free_loopback_port();
  Process zero(tiny_train(run, 5), rank_environment(0, 2, port));
  Process one(tiny_train(run, 5), rank_environment(1, 2, port));
  const ProcessResult first = zero.wait();
  const ProcessResult second = one.wait();
  ASSERT_EQ(first.exit_code, 0) << first.output;
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(first.output.find("weights identical on all 2 ranks"), std::string::npos);
  EXPECT_NE(second.output.find("rank 1 of 2: stopped with rank 0 at iteration 5"),
            std::string::npos)
      << second.output;
  EXPECT_EQ(row_iterations(run), one_to(5));
  const ProcessResult resumed =
      run_process({kCli, "train", "--resume", run, "--set", "training.iterations=6"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_EQ(row_iterations(run), one_to(6));
}

// Pause, one step, a learning rate, another step, then stop: the requests reach both ranks at
// the same iteration, or their weights would differ at the end (the ranks compare them).
TEST(Distributed, ControlRequestsReachEveryRankAtTheSameIteration) {
  TempDir dir;
  const std::string run = dir.file("run");
  Process job(with(tiny_train(run, 1000), {"--nproc", "2", "--paused"}));
  ASSERT_TRUE(wait_for_path(run + "/control/status", kLimit));
  auto control = [&](std::vector<std::string> request) {
    std::vector<std::string> args = {kCli, "control", run};
    args.insert(args.end(), request.begin(), request.end());
    args.insert(args.end(), {"--wait", "60"});
    const ProcessResult result = run_process(args);
    EXPECT_EQ(result.exit_code, 0) << result.output;
  };
  control({"step"});
  control({"set", "training.learning_rate_d=0.002"});
  control({"step"});
  control({"step"});
  control({"stop"});
  const ProcessResult result = job.wait();
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("weights identical on all 2 ranks"), std::string::npos)
      << result.output;
  EXPECT_EQ(row_iterations(run), one_to(3));
  bool recorded = false;
  for (const SettingChange& change : read_changes(run)) {
    if (change.key == "training.learning_rate_d") {
      recorded = true;
      EXPECT_EQ(change.iteration, 2);
      EXPECT_EQ(change.value, "0.002");
    }
  }
  EXPECT_TRUE(recorded);
}

TEST(Distributed, AKilledRankEndsTheJobNamingItAndTheFolderResumes) {
  TempDir dir;
  const std::string run = dir.file("run");
  Process job(with(tiny_train(run, 1000000), {"--nproc", "2"}));
  ASSERT_TRUE(wait_for_path(RunDirectory::checkpoint_file(run, 4), kLimit));
  const std::vector<pid_t> ranks = children_of(job.pid());
  ASSERT_EQ(ranks.size(), 2u);
  ::kill(ranks[1], SIGKILL);  // spawned second: rank 1
  const ProcessResult result = job.wait();
  EXPECT_NE(result.exit_code, 0) << result.output;
  const std::string pid = std::to_string(ranks[1]);
  EXPECT_NE(result.output.find("rank 1 (pid " + pid + ") was killed by signal 9"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("rank 0 of 2: "), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("failed: rank 1 (pid " + pid + " on"), std::string::npos)
      << result.output;
  EXPECT_EQ(read_trainer_status(run)->state, RunState::Failed);
  // The newest checkpoint holds every row it covers; one process goes on from it.
  const auto checkpoints = RunDirectory::numbered_checkpoints(run);
  ASSERT_FALSE(checkpoints.empty());
  const int64_t newest = checkpoints.back().first;
  const ProcessResult resumed = run_process({kCli, "train", "--resume", run, "--set",
                                             "training.iterations=" + std::to_string(newest + 2)});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_EQ(row_iterations(run), one_to(newest + 2));
}

// Ctrl-C reaches the launcher (which forwards it) or one rank alone: every rank stops at the
// same iteration and rank 0 writes the checkpoint of the rows it wrote.
TEST(Distributed, CtrlCOnTheLauncherOrOnOneRankStopsAllWithACheckpoint) {
  for (const bool on_launcher : {true, false}) {
    TempDir dir;
    const std::string run = dir.file("run");
    Process job(with(tiny_train(run, 1000000), {"--nproc", "2"}));
    ASSERT_TRUE(wait_for_path(RunDirectory::sample_file(run, 3), kLimit));
    if (on_launcher) {
      job.signal(SIGINT);
    } else {
      const std::vector<pid_t> ranks = children_of(job.pid());
      ASSERT_EQ(ranks.size(), 2u);
      ::kill(ranks[1], SIGINT);
    }
    const ProcessResult result = job.wait();
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("interrupted at iteration"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("weights identical on all 2 ranks"), std::string::npos)
        << result.output;
    EXPECT_EQ(read_trainer_status(run)->state, RunState::Interrupted);
    const auto rows = row_iterations(run);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(RunDirectory::find_checkpoint(run), RunDirectory::checkpoint_file(run, rows.back()))
        << (on_launcher ? "launcher" : "rank 1");
  }
}

// The same seed and world give the same run: shards, per-rank streams and the sums are
// deterministic.
TEST(Distributed, TheSameSeedAndWorldGiveTheSameRun) {
  TempDir dir;
  std::vector<std::string> statistics;
  for (const char* name : {"first", "second"}) {
    const std::string run = dir.file(name);
    const ProcessResult result = run_process(with(tiny_train(run, 5), {"--nproc", "2"}));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    statistics.push_back(testing::metrics_without_clock(run + "/metrics.csv"));
  }
  EXPECT_EQ(statistics[0], statistics[1]);
}

// Every loop and loss the ranks may train: seed-exact, a conditional model, WGAN-GP's critic steps.
TEST(Distributed, TheSeedExactLoopAConditionalModelAndWganGpTrainOnTwoRanks) {
  TempDir dir;
  const std::string run = dir.file("run");
  const ProcessResult result = run_process(
      with(tiny_train(run, 4),
           {"--nproc", "2", "--set", "training.loop=seed-exact", "--set", "model.conditional=true",
            "--set", "training.loss=wgan-gp", "--set", "training.n_critic=2"}));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("weights identical on all 2 ranks"), std::string::npos)
      << result.output;
  EXPECT_EQ(row_iterations(run), one_to(4));
}

// A rank that hangs (stopped by SIGSTOP) is given up on after training.distributed_timeout.
TEST(Distributed, AHangingRankIsGivenUpOnAfterTheCollectiveTimeout) {
  TempDir dir;
  const std::string run = dir.file("run");
  const int port = free_loopback_port();
  const auto args = with(tiny_train(run, 1000000), {"--set", "training.distributed_timeout=5"});
  Process zero(args, rank_environment(0, 2, port));
  Process one(args, rank_environment(1, 2, port));
  ASSERT_TRUE(wait_for_path(RunDirectory::sample_file(run, 3), kLimit));
  one.signal(SIGSTOP);
  const ProcessResult result = zero.wait();
  one.signal(SIGKILL);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("did not answer within 5 s (training.distributed_timeout)"),
            std::string::npos)
      << result.output;
}

TEST(Distributed, MismatchedConfigurationsAndBadWorldsAreRefusedBeforeTraining) {
  TempDir dir;
  const std::string run = dir.file("run");
  const int port = free_loopback_port();
  Process zero(with(tiny_train(run, 5), {"--set", "training.seed=1"}),
               rank_environment(0, 2, port));
  Process one(with(tiny_train(run, 5), {"--set", "training.seed=2"}), rank_environment(1, 2, port));
  for (Process* rank : {&zero, &one}) {
    const ProcessResult result = rank->wait();
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("the configuration of rank 1 differs from rank 0's"),
              std::string::npos)
        << result.output;
  }
  EXPECT_FALSE(std::filesystem::exists(run));  // refused before a folder was made

  ProcessResult result = run_process(tiny_train(run, 5), {"RANK=0", "WORLD_SIZE=0"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("WORLD_SIZE is '0'"), std::string::npos) << result.output;
  result = run_process(tiny_train(run, 5), {"RANK=2", "WORLD_SIZE=2"});
  EXPECT_NE(result.output.find("RANK is '2'"), std::string::npos) << result.output;
  result = run_process(with(tiny_train(run, 5), {"--nproc", "0"}));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("--nproc"), std::string::npos) << result.output;

  // The master's port taken by another program.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ::listen(fd, 1);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const int taken = ntohs(address.sin_port);
  result = run_process(tiny_train(run, 5), rank_environment(0, 2, taken));
  ::close(fd);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("rank 0 cannot listen on port " + std::to_string(taken) +
                               " (MASTER_PORT): it is in use by another program"),
            std::string::npos)
      << result.output;

  // No master at all: said within the (collective) timeout.
  result = run_process(with(tiny_train(run, 5), {"--set", "training.distributed_timeout=5"}),
                       rank_environment(1, 2, free_loopback_port()));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("rank 1 of 2 cannot reach the master at 127.0.0.1:"),
            std::string::npos)
      << result.output;
  EXPECT_FALSE(std::filesystem::exists(run));
}

}  // namespace
}  // namespace gs
