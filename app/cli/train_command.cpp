// ganstudio-cli train: a headless driver of gs::TrainingRun. It owns the loop, Ctrl-C and the
// progress line; the run core owns every decision about files, grids, checkpoints and divergence.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/cli/command_line.h"
#include "app/cli/interrupt.h"
#include "app/cli/progress_bar.h"
#include "app/cli/rank_launcher.h"
#include "app/cli/train_ranks.h"
#include "model/comms/world.h"
#include "model/config/config.h"
#include "model/config/keys.h"
#include "model/data/image_set.h"
#include "model/health/health_rules.h"
#include "model/io/error.h"
#include "model/quality/quality_meter.h"
#include "model/runs/lineage.h"
#include "model/runs/run_directory.h"
#include "model/training/rank_agreement.h"
#include "model/training/run_steering.h"
#include "model/training/training_run.h"

namespace gs::cli {

namespace {

struct TrainOptions {
  ConfigOptions config;
  std::string out;
  std::string resume;
  std::string branch;
  bool quiet = false;
  bool paused = false;      // start paused: nothing trains until a resume or a step
  double time_limit_s = 0;  // 0: none
  int nproc = 0;            // >0: start this many ranks of a data-parallel job here
};

// The progress line and the step times for the summary.
class ProgressReporter : public RunObserver {
 public:
  ProgressReporter(const TrainingRun& run, bool quiet)
      : run_(run), progress_(run.iteration(), run.total_iterations()), quiet_(quiet) {}

  void on_iteration(const StepStats& stats) override {
    step_times_.push_back(stats.step_ms);
    if (!quiet_) progress_.update(stats);
  }
  void on_live_change(const std::vector<SettingChange>&) override {
    progress_.set_total(run_.total_iterations());
  }
  void on_quality(const QualityScores& q) override {
    char line[320];
    if (q.labelled()) {
      std::snprintf(line, sizeof line,
                    "quality at iteration %lld: FD %.2f, %d of %d classes, confidence %.2f, "
                    "precision %.2f, recall %.2f, memorised %.3f (measured in %.2f s)",
                    static_cast<long long>(q.iteration), q.fd, q.classes_covered, q.classes,
                    q.confidence, q.precision, q.recall, q.memorised, measure_seconds_);
      if (std::isfinite(q.conditional_accuracy)) {
        const size_t length = std::strlen(line);
        std::snprintf(line + length, sizeof line - length, ", conditional accuracy %.1f%%",
                      100 * q.conditional_accuracy);
      }
    } else {
      std::snprintf(line, sizeof line,
                    "quality at iteration %lld: FD %.2f, memorised %.3f (measured in %.2f s)",
                    static_cast<long long>(q.iteration), q.fd, q.memorised, measure_seconds_);
    }
    progress_.print_line(line);
  }
  void set_measure_seconds(double seconds) { measure_seconds_ = seconds; }
  void on_health(const HealthWarning& w) override {
    const HealthAdvice advice = advice_for(w.rule);
    progress_.print_line("health at iteration " + std::to_string(w.iteration) + ": " +
                         advice.title + " (" + w.detail + "). " + advice.advice);
  }
  void finish() {
    if (!quiet_) progress_.finish();
  }
  // A sentence on its own line (steering requests), also when quiet.
  void say(const std::string& sentence) { progress_.print_line(sentence); }
  double median_ms() {
    if (step_times_.empty()) return 0;
    std::nth_element(step_times_.begin(), step_times_.begin() + step_times_.size() / 2,
                     step_times_.end());
    return step_times_[step_times_.size() / 2];
  }

 private:
  const TrainingRun& run_;
  ProgressBar progress_;
  bool quiet_;
  double measure_seconds_ = 0;
  std::vector<double> step_times_;
};

std::unique_ptr<TrainingRun> open_run(const TrainOptions& options) {
  if (!options.branch.empty()) {
    return TrainingRun::branch(options.branch, options.config.assignments, options.out);
  }
  if (!options.resume.empty()) {
    return TrainingRun::resume(options.resume, options.config.assignments, options.out);
  }
  const RunConfig config = options.config.load();
  const std::string path = !options.out.empty()              ? options.out
                           : !config.outputs.run_dir.empty() ? config.outputs.run_dir
                                                             : default_run_path();
  std::fprintf(stderr, "loading data: %s\n", config.data.path.c_str());
  return TrainingRun::start(config, path);
}

// The configuration this command line asks for, before any run is opened: what every rank of a
// data-parallel job compares, and where its timeouts and backend come from.
RunConfig requested_config(const TrainOptions& options) {
  if (!options.branch.empty()) {
    return TrainingRun::resumed_config(branch_checkpoint(options.branch),
                                       options.config.assignments);
  }
  if (!options.resume.empty()) {
    return TrainingRun::resumed_config(options.resume, options.config.assignments);
  }
  return options.config.load();
}

// A rank's action from what rank 0's steering says: Train only when the run will train (a
// complete or diverged run trains no more, and the others must not wait for it).
RankAgreement::Action rank_action(RunSteering::Next next, const TrainingRun& run) {
  switch (next) {
    case RunSteering::Next::Train:
      return run.complete() || run.diverged() ? RankAgreement::Action::Stop
                                              : RankAgreement::Action::Train;
    case RunSteering::Next::Wait:
      return RankAgreement::Action::Wait;
    case RunSteering::Next::Stop:
      break;
  }
  return RankAgreement::Action::Stop;
}

QualityMeter prepare_meter(const RunConfig& config) {
  MeterOptions options;
  options.progress = [](const std::string& what, double fraction) {
    std::fprintf(stderr, "\r%s: %3.0f%%%s", what.c_str(), 100 * fraction,
                 fraction >= 1 ? "\n" : "");
  };
  QualityMeter meter = QualityMeter::for_run(config, options);
  std::fprintf(stderr, "quality meter every %lld iterations, %d samples: %s\n",
               static_cast<long long>(config.quality.every), config.quality.samples,
               meter.description().c_str());
  return meter;
}

void print_header(const TrainingRun& run) {
  const RunConfig& config = run.config();
  const bool resuming = !run.resumed_from().empty();
  std::fprintf(stderr, "%s %s on %s; data %s (%lld images), batch %d, %s loop, %s\n",
               resuming ? "resuming" : "training", architecture_summary(config).c_str(),
               run.trainer().device_description().c_str(), config.data.path.c_str(),
               static_cast<long long>(run.trainer().dataset_size()), config.training.batch_size,
               to_string(*config.training.loop).c_str(),
               to_string(*config.training.precision).c_str());
  std::optional<BranchPoint> parent;
  try {
    parent = read_parent(run.path());
  } catch (const Error& error) {
    // Only the lineage is lost: the run itself resumes.
    std::fprintf(stderr, "%s (the run goes on; its parent is not shown)\n", error.what());
  }
  if (parent && resuming) {
    std::fprintf(stderr, "branch of %s at iteration %lld\n", parent->run.c_str(),
                 static_cast<long long>(parent->iteration));
  } else if (resuming) {
    std::fprintf(stderr, "from %s at iteration %lld\n", run.resumed_from().c_str(),
                 static_cast<long long>(run.iteration()));
  } else if (run.restarted()) {
    std::fprintf(stderr,
                 "the run folder holds no checkpoint: starting it again from iteration 0 with its "
                 "config.yaml (its rows are dropped)\n");
  }
  std::fprintf(stderr, "run folder: %s\n", run.path().c_str());
  for (const std::string& key : config_keys()) {
    const std::string warning = unusual_value(key, get_value(config, key));
    if (!warning.empty()) std::fprintf(stderr, "warning: %s\n", warning.c_str());
  }
}

int train(const TrainOptions& given) {
  if (given.nproc > 0) {
    const RunConfig requested = requested_config(given);  // refused here, before any rank starts
    return launch_ranks(given.nproc,
                        std::chrono::seconds(requested.training.distributed_timeout + 30));
  }
  install_interrupt_handler();  // before anything slow: Ctrl-C during start-up ends cleanly too
  TrainOptions options = given;
  std::shared_ptr<ProcessGroup> group;
  if (const std::optional<World> world = world_from_environment()) {
    const RunConfig requested = requested_config(options);
    group = join_job(*world, requested);
    if (world->rank != 0) return follow_rank_zero(group);
    const std::string device = rank_device(requested.training.device, *world);
    if (device != requested.training.device) {
      options.config.assignments.push_back(std::string(keys::kDevice) + "=" + device);
    }
  }
  std::unique_ptr<TrainingRun> run = open_run(options);
  const std::vector<std::string>& skipped = run->trainer().skipped_images();
  if (!skipped.empty()) {
    std::fprintf(stderr, "left out %zu image file(s) that could not be read:\n", skipped.size());
    for (size_t i = 0; i < skipped.size() && i < 20; ++i)
      std::fprintf(stderr, "  %s\n", skipped[i].c_str());
    if (skipped.size() > 20) std::fprintf(stderr, "  … and %zu more\n", skipped.size() - 20);
  }
  // The meter first: the other ranks wait for rank 0's state without a collective's timeout.
  std::optional<QualityMeter> meter;
  if (run->config().quality.every > 0) meter = prepare_meter(run->config());
  std::optional<RankAgreement> agreement;
  if (group) {
    group->share("configuration", to_yaml(run->config()));
    run->join(group);
    agreement.emplace(*group, run->config());
  }
  print_header(*run);
  ProgressReporter reporter(*run, options.quiet);
  run->add_observer(&reporter);
  if (meter) {
    run->set_quality_requester([&](const QualityRequest& request) {
      const auto start = std::chrono::steady_clock::now();
      const QualityScores scores = meter->measure(request);
      reporter.set_measure_seconds(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      run->record_quality(scores);
    });
  }

  StepResult result = StepResult::Trained;
  const auto started = std::chrono::steady_clock::now();
  auto out_of_time = [&] {
    return options.time_limit_s > 0 &&
           std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() >=
               options.time_limit_s;
  };
  bool timed_out = false;
  bool stopped = false;
  RunSteering steering(
      *run, [&](const std::string& sentence) { reporter.say(sentence); },
      options.paused ? RunState::Paused : RunState::Running);
  if (options.paused) {
    reporter.say("paused before the first iteration: ganstudio-cli control " + run->path() +
                 " resume (or step)");
  }
  bool interrupted = false;  // here, or on any rank of a data-parallel job
  try {
    while (result == StepResult::Trained) {
      interrupted = interrupted || interrupt_requested();
      RunSteering::Next next = RunSteering::Next::Stop;
      if (!interrupted) timed_out = out_of_time();
      if (!interrupted && !timed_out) {
        next = steering.next();
        stopped = next == RunSteering::Next::Stop;
      }
      if (agreement) {
        // Every rank does what is agreed here, at this iteration boundary.
        const RankAgreement::Decision decision =
            agreement->agree(rank_action(next, *run), run->config(), interrupted);
        interrupted = interrupted || decision.interrupted;
        if (decision.action == RankAgreement::Action::Stop) break;
        next = decision.action == RankAgreement::Action::Train ? RunSteering::Next::Train
                                                               : RunSteering::Next::Wait;
      }
      if (next == RunSteering::Next::Stop) break;
      if (next == RunSteering::Next::Wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        continue;
      }
      result = run->step();
    }
    // The other ranks stop with this one, whatever ended the loop (divergence, a health pause).
    if (agreement && !agreement->stopped()) {
      agreement->agree(RankAgreement::Action::Stop, run->config(), interrupted);
    }
    if (group) compare_weights(*group, run->trainer());
  } catch (const Error&) {
    // A failed step or write, a lost rank: watchers see the run failed; its rows up to the newest
    // checkpoint are on disk, and it resumes from there.
    reporter.finish();
    steering.finish(RunState::Failed);
    throw;
  }
  reporter.finish();
  if (result == StepResult::Paused) {
    std::fprintf(stderr, "paused by the health monitor (health.pause_on_*): stopping here\n");
  }

  const int64_t done = run->iteration();
  if (result == StepResult::Diverged) {
    run->flush();
    steering.finish(RunState::Diverged);
    std::fprintf(
        stderr,
        "error: training diverged at iteration %lld (a loss or gradient is NaN, infinite or "
        "exploded); no "
        "checkpoint written over the good ones.%s%s\n",
        static_cast<long long>(done),
        run->last_checkpoint().empty() ? "" : " Last good checkpoint: ",
        run->last_checkpoint().c_str());
    return 1;
  }
  const TrainingRun::Ending ending = run->finish();
  steering.finish(interrupted                   ? RunState::Interrupted
                  : !stopped && run->complete() ? RunState::Finished
                                                : RunState::Stopped);
  const int64_t trained = done - run->first_iteration();
  const double median_ms = reporter.median_ms();
  if (trained == 0 && interrupted) {
    std::fprintf(stderr, "interrupted before the first iteration: nothing trained yet\n");
  } else {
    std::fprintf(
        stderr,
        "%s at iteration %lld of %lld: %lld iterations, median %.1f ms per iteration (%.2f it/s)\n",
        interrupted ? "interrupted"
        : timed_out ? "time limit reached"
        : stopped   ? "stopped by a request"
                    : "finished",
        static_cast<long long>(done), static_cast<long long>(run->total_iterations()),
        static_cast<long long>(trained), median_ms, median_ms > 0 ? 1000.0 / median_ms : 0.0);
  }
  if (group && trained > 0) {
    std::fprintf(stderr, "%s\n", describe_traffic(*group, trained).c_str());
  }
  if (!ending.grid.empty()) std::fprintf(stderr, "sample grid: %s\n", ending.grid.c_str());
  if (!ending.checkpoint.empty()) {
    std::fprintf(stderr, "checkpoint:  %s\n", ending.checkpoint.c_str());
  }
  if (!run->complete()) {
    std::fprintf(stderr, "resume with: ganstudio-cli train --resume %s\n", run->path().c_str());
  }
  return 0;
}

}  // namespace

Command add_train_command(CLI::App& cli) {
  auto options = std::make_shared<TrainOptions>();
  CLI::App* command = cli.add_subcommand("train", "train a GAN headless into a run folder");
  command->footer(
      std::string("Trains a GAN headless. Writes into the run folder (--out, else ") +
      keys::kRunDir +
      ", else runs/<date>-<time>): config.yaml, metrics.csv, changes.csv, samples/iter_NNNNNNN.png "
      "(8x8 "
      "grid of a fixed latent batch) and checkpoints/iter_NNNNNNN.pt. Ctrl-C writes a checkpoint "
      "and exits 0.");
  options->config.add_to(*command);
  command->add_option("--out", options->out, "run folder");
  CLI::Option* resume = command->add_option(
      "--resume", options->resume,
      "continue from a checkpoint file, or the newest checkpoint of a run folder (the stored "
      "configuration; --set changes keys)");
  resume->excludes(command->get_option("--config"));
  CLI::Option* branch = command->add_option(
      "--branch", options->branch,
      "start a new run (--out, required) from RUN_DIR@ITERATION (that checkpoint), RUN_DIR (its "
      "newest) or a checkpoint file, with its configuration and --set changes; the parent is "
      "never written, the branch records it in parent.yaml");
  branch->excludes(command->get_option("--config"))->excludes(resume);
  command->add_flag("--quiet", options->quiet, "no progress line");
  command->add_flag("--paused", options->paused,
                    "start paused: the run folder and its control/ folder are ready, and training "
                    "begins with ganstudio-cli control RUN resume (or goes one iteration at a "
                    "time with step)");
  command
      ->add_option("--nproc", options->nproc,
                   "train data-parallel in N processes on this machine (one per GPU on CUDA; on "
                   "the CPU they share the cores), as torchrun would start them; "
                   "docs/DISTRIBUTED.md for several machines")
      ->check(CLI::Range(1, 1024));
  command
      ->add_option("--time-limit", options->time_limit_s,
                   "stop after this many seconds of training, as Ctrl-C does (a checkpoint is "
                   "written; --resume goes on)")
      ->check(CLI::PositiveNumber);
  return {command, [options] { return train(*options); }};
}

}  // namespace gs::cli
