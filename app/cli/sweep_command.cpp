// ganstudio-cli sweep: trials of a recipe over a space of settings, each a `ganstudio-cli train`
// process into its own run folder inside the sweep's, scored by the quality meter and ranked by
// its distance (model/sweeps/sweep.h holds the plan and the record, sweep.yaml). Resumes after
// Ctrl-C or a kill: finished trials stay, an interrupted one resumes from its checkpoint.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/cli/command_line.h"
#include "model/config/keys.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/runs/control_channel.h"
#include "model/runs/run_directory.h"
#include "model/runs/run_lock.h"
#include "model/sweeps/sweep.h"
#include "model/sweeps/sweep_catalog.h"
#include "model/sweeps/sweep_tensorboard.h"
#include "model/sweeps/trial_score.h"

namespace gs::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct SweepOptions {
  std::vector<std::string> sets;
  std::vector<std::string> fixed;
  std::string method = "grid";
  int trials = 8;
  uint64_t seed = 0;
  std::string budget = "10m";
  bool budget_default = true;  // --budget not given
  int parallel = 1;
  int samples = 500;
  std::string out;
  std::string status;
  std::string resume;
  bool json = false;
  bool quick = false;
};

std::atomic<int> g_signals{0};
std::atomic<int> g_last_signal{0};

extern "C" void on_sweep_signal(int signal_number) {
  g_last_signal.store(signal_number);
  g_signals.fetch_add(1);
}

std::string sweep_file(const std::string& folder) { return folder + "/" + kSweepFile; }

void save(const Sweep& sweep, const std::string& folder) {
  write_file_atomically(sweep_file(folder), to_yaml(sweep));
}

class SweepRunner {
 public:
  SweepRunner(Sweep& sweep, std::string folder) : sweep_(sweep), folder_(std::move(folder)) {}

  // Returns true when the sweep is complete, false when it was interrupted.
  bool run() {
    struct sigaction action {};
    action.sa_handler = on_sweep_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    fs::create_directories(folder_ + "/" + kTrialsFolder);
    fs::create_directories(folder_ + "/logs");
    const double before = sweep_.elapsed_s;
    const auto started = Clock::now();
    auto elapsed = [&] {
      return before + std::chrono::duration<double>(Clock::now() - started).count();
    };
    int forwarded = 0;
    for (;;) {
      const bool interrupted = g_signals.load() > 0;
      for (const int signals = g_signals.load(); forwarded < signals; ++forwarded) {
        for (const Child& child : children_) ::kill(child.pid, g_last_signal.load());
      }
      bool waiting = false;
      while (!interrupted && static_cast<int>(children_.size()) < sweep_.parallel) {
        const int next = next_trial();
        waiting = next == kWaiting;
        if (next < 0) break;
        launch(next, elapsed());
      }
      if (children_.empty() && !waiting) {
        if (interrupted) break;
        if (sweep_.method == SweepMethod::Halving && promote()) continue;
        break;
      }
      int status = 0;
      const pid_t pid = ::waitpid(-1, &status, WNOHANG);
      if (pid > 0) {
        finish(pid, status, interrupted);
        sweep_.elapsed_s = elapsed();
        save(sweep_, folder_);
        continue;
      }
      // The runner's only wait: a tenth of a second between looks at its trials.
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    sweep_.elapsed_s = elapsed();
    save(sweep_, folder_);
    return g_signals.load() == 0;
  }

 private:
  struct Child {
    pid_t pid = -1;
    size_t trial = 0;
    Clock::time_point started;
  };

  std::string trial_folder(const Trial& trial) const { return gs::trial_folder(folder_, trial); }

  bool running(size_t index) const {
    return std::any_of(children_.begin(), children_.end(),
                       [&](const Child& child) { return child.trial == index; });
  }

  // Whether another process still holds the trial's run folder (a trial of a killed sweep
  // finishing its checkpoint).
  bool locked(const Trial& trial) const {
    std::error_code ec;
    if (!fs::exists(trial_folder(trial) + "/" + kLockFile, ec)) return false;
    try {
      RunLock probe(trial_folder(trial));
      return false;
    } catch (const Error&) {
      return true;
    }
  }

  // A trial that has work to do: an interrupted one first, then the next pending one; -1 when
  // none has, kWaiting when those that have are still locked by another process.
  static constexpr int kWaiting = -2;
  int next_trial() const {
    bool waiting = false;
    for (const TrialState wanted : {TrialState::Running, TrialState::Pending}) {
      for (size_t i = 0; i < sweep_.trials.size(); ++i) {
        if (sweep_.trials[i].state != wanted || running(i)) continue;
        if (locked(sweep_.trials[i])) {
          waiting = true;
          continue;
        }
        return static_cast<int>(i);
      }
    }
    return waiting ? kWaiting : -1;
  }

  int trials_left() const {
    return static_cast<int>(std::count_if(sweep_.trials.begin(), sweep_.trials.end(), [](auto& t) {
      return t.state == TrialState::Pending || t.state == TrialState::Running;
    }));
  }

  // Seconds of training each trial of `trial`'s rung gets (time budgets): the rung's part of the
  // budget (all of it for grid and random, 1/rungs for halving, less the time already spent when
  // a sweep resumes) shared by its trials, less the time a trial spends outside training (start,
  // data, checkpoint, scoring: a guess of 2 s until one trial measured it). Decided once per rung,
  // when its first trial starts, so the trials it compares train for the same time.
  double seconds_for(const Trial& trial, double elapsed) {
    const auto decided = rung_seconds_.find(trial.rung);
    if (decided != rung_seconds_.end()) return decided->second;
    double share;
    if (sweep_.method == SweepMethod::Halving) {
      const std::vector<int> rungs = halving_rungs(static_cast<int>(sweep_.trials.size()));
      const int rung = std::min<int>(trial.rung, static_cast<int>(rungs.size()) - 1);
      const double rung_time =
          (sweep_.budget.amount - elapsed) / static_cast<double>(rungs.size() - rung);
      share = rung_time * std::min(sweep_.parallel, rungs[rung]) / rungs[rung];
    } else {
      const int waiting = std::max(1, trials_left());
      share = (sweep_.budget.amount - elapsed) * std::min(sweep_.parallel, waiting) / waiting;
    }
    return rung_seconds_[trial.rung] = std::max(2.0, share - overhead_s_);
  }

  void launch(int index, double elapsed) {
    Trial& trial = sweep_.trials[index];
    const std::string run = trial_folder(trial);
    std::vector<std::string> args = {"ganstudio-cli", "train", "--quiet"};
    std::error_code ec;
    if (fs::exists(run + "/config.yaml", ec)) {
      args.insert(args.end(), {"--resume", run});
    } else {
      fs::remove_all(run, ec);  // a folder a killed trial left before its configuration
      args.insert(args.end(), {"--out", run});
      for (const std::string& assignment : sweep_.fixed)
        args.insert(args.end(), {"--set", assignment});
      for (const auto& [key, value] : trial.settings) {
        args.insert(args.end(), {"--set", key + "=" + value});
      }
    }
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    args.insert(args.end(),
                {"--set", "quality.every=0", "--set",
                 "training.threads=" + std::to_string(std::max(1, cores / sweep_.parallel))});
    if (sweep_.budget.kind == Budget::Kind::Iterations) {
      args.insert(args.end(), {"--set", std::string(keys::kIterations) + "=" +
                                            std::to_string(std::max<int64_t>(1, trial.target))});
    } else {
      trial.seconds_left = seconds_for(trial, elapsed);
      char limit[32];
      std::snprintf(limit, sizeof limit, "%.1f", trial.seconds_left);
      args.insert(args.end(),
                  {"--set", std::string(keys::kIterations) + "=1000000000", "--time-limit", limit});
    }
    const std::string log = folder_ + "/logs/" + trial.name + ".log";
    // Built before fork(): the child only makes system calls until exec.
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& argument : args) argv.push_back(argument.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
      // The trial dies with the sweep (a kill -9 of the sweep interrupts it: it checkpoints).
      ::prctl(PR_SET_PDEATHSIG, SIGINT);
      ::setpgid(0, 0);  // Ctrl-C reaches it once, forwarded by the sweep
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
      if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
      }
      ::execv("/proc/self/exe", argv.data());
      ::_exit(127);
    }
    if (pid < 0) throw Error(system_error_message(run, "cannot start a trial for", errno));
    trial.state = TrialState::Running;
    children_.push_back({pid, static_cast<size_t>(index), Clock::now()});
    std::fprintf(stderr, "%s: %s %s\n", trial.name.c_str(),
                 args[3] == "--resume" ? "resuming" : "training", describe(trial).c_str());
    save(sweep_, folder_);
  }

  std::string describe(const Trial& trial) const {
    std::string text;
    for (const auto& [key, value] : trial.settings)
      text += (text.empty() ? "" : ", ") + key + "=" + value;
    if (sweep_.budget.kind == Budget::Kind::Iterations) {
      text += " to iteration " + std::to_string(trial.target);
    } else {
      char seconds[48];
      std::snprintf(seconds, sizeof seconds, " for %.0f s", trial.seconds_left);
      text += seconds;
    }
    if (sweep_.method == SweepMethod::Halving) text += " (rung " + std::to_string(trial.rung) + ")";
    return text;
  }

  void finish(pid_t pid, int status, bool interrupted) {
    const auto child = std::find_if(children_.begin(), children_.end(),
                                    [&](const Child& c) { return c.pid == pid; });
    if (child == children_.end()) return;
    Trial& trial = sweep_.trials[child->trial];
    const double wall = std::chrono::duration<double>(Clock::now() - child->started).count();
    children_.erase(child);
    const std::string run = trial_folder(trial);
    const std::string csv = run + "/metrics.csv";
    std::error_code ec;
    if (fs::exists(csv, ec)) {
      if (const auto last = read_last_metrics(csv)) trial.iterations = last->iteration;
      trial.seconds = training_seconds(csv);
    }
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (interrupted) return;  // stays running: the next session resumes it
    if (!ok) {
      std::optional<TrainerStatus> trainer;
      try {
        trainer = read_trainer_status(run);
      } catch (const Error&) {  // no readable status: the trial counts as failed, not diverged
      }
      trial.state = trainer && trainer->state == RunState::Diverged ? TrialState::Diverged
                                                                    : TrialState::Failed;
      trial.message = last_error(folder_ + "/logs/" + trial.name + ".log");
      std::fprintf(stderr, "%s: %s (%s)\n", trial.name.c_str(), to_string(trial.state).c_str(),
                   trial.message.c_str());
      return;
    }
    const auto scoring = Clock::now();
    try {
      QualityScores scores = scorer_.score(run, sweep_.samples);
      if (scores.iteration < 0) scores.iteration = trial.iterations;
      trial.fd = scores.fd;
      trial.classes_covered = scores.classes_covered;
      trial.classes = scores.classes;
      record_trial_score(run, scores);
    } catch (const Error& error) {
      trial.state = TrialState::Failed;
      trial.message = error.what();
      return;
    }
    trial.state = TrialState::Finished;
    // What a trial costs beyond its training time, for the next trials' time limits.
    const double outside =
        wall - trial.seconds_left + std::chrono::duration<double>(Clock::now() - scoring).count();
    if (sweep_.budget.kind == Budget::Kind::Seconds && trial.seconds_left > 0) {
      overhead_s_ = measured_ ? 0.5 * (overhead_s_ + outside) : std::max(0.0, outside);
      measured_ = true;
    }
    std::fprintf(stderr, "%s: FD %.2f, %d of %d classes at iteration %lld\n", trial.name.c_str(),
                 *trial.fd, trial.classes_covered, trial.classes,
                 static_cast<long long>(trial.iterations));
  }

  // Successive halving: when every trial of the newest rung is done, its better half (by the
  // quality meter's distance) goes on to the next rung with a larger budget; the others stop.
  bool promote() {
    const std::vector<int> rungs = halving_rungs(static_cast<int>(sweep_.trials.size()));
    int rung = 0;
    for (const Trial& trial : sweep_.trials) {
      if (trial.state == TrialState::Finished) rung = std::max(rung, trial.rung);
    }
    if (rung + 1 >= static_cast<int>(rungs.size())) return false;
    std::vector<Trial*> members;
    for (Trial& trial : sweep_.trials) {
      if (trial.rung == rung && trial.state == TrialState::Finished) members.push_back(&trial);
    }
    if (members.empty()) return false;
    std::stable_sort(members.begin(), members.end(), [](const Trial* a, const Trial* b) {
      if (*a->fd != *b->fd) return *a->fd < *b->fd;
      return a->classes_covered > b->classes_covered;
    });
    const int kept = rungs[rung + 1];
    for (size_t i = 0; i < members.size(); ++i) {
      Trial& trial = *members[i];
      if (static_cast<int>(i) < kept) {
        trial.rung = rung + 1;
        trial.state = TrialState::Pending;
        trial.target += rung_iterations(trial.rung, rungs);
      } else {
        trial.state = TrialState::Halted;
      }
    }
    std::fprintf(stderr, "halving: rung %d keeps %d of %zu trials\n", rung + 1,
                 std::min<int>(kept, static_cast<int>(members.size())), members.size());
    save(sweep_, folder_);
    return true;
  }

  int64_t rung_iterations(int rung, const std::vector<int>& rungs) const {
    const double per_rung = sweep_.budget.amount / static_cast<double>(rungs.size());
    return std::max<int64_t>(1, static_cast<int64_t>(per_rung / rungs[rung]));
  }

  static std::string last_error(const std::string& log) {
    std::ifstream in(log);
    std::string line;
    std::string error;
    while (std::getline(in, line)) {
      if (line.find("error") != std::string::npos) error = line;
    }
    return error.empty() ? std::string("see ") + log : error.substr(0, 300);
  }

 public:
  // The first rung's iterations for every trial (iteration budgets).
  static void assign_first_budgets(Sweep& sweep) {
    if (sweep.budget.kind != Budget::Kind::Iterations) return;
    const int count = static_cast<int>(sweep.trials.size());
    if (sweep.method == SweepMethod::Halving) {
      const std::vector<int> rungs = halving_rungs(count);
      const double per_rung = sweep.budget.amount / static_cast<double>(rungs.size());
      for (Trial& trial : sweep.trials) {
        trial.target = std::max<int64_t>(1, static_cast<int64_t>(per_rung / rungs[0]));
      }
    } else {
      for (Trial& trial : sweep.trials) {
        trial.target = std::max<int64_t>(1, static_cast<int64_t>(sweep.budget.amount / count));
      }
    }
  }

 private:
  Sweep& sweep_;
  std::string folder_;
  TrialScorer scorer_;
  std::vector<Child> children_;
  double overhead_s_ = 2;  // seconds, until measured (about 1 s for the CPU default here)
  bool measured_ = false;
  std::map<int, double> rung_seconds_;  // seconds of training per trial, by rung
};

int print_summary(const Sweep& sweep, bool json) {
  std::printf("%s", json ? summary_json(sweep).c_str() : summary_table(sweep).c_str());
  return 0;
}

int sweep_command(const SweepOptions& o) {
  if (!o.status.empty()) return print_summary(read_sweep(o.status), o.json);
  std::string folder = o.resume;
  Sweep sweep;
  if (!o.resume.empty()) {
    sweep = read_sweep(o.resume);
    std::fprintf(stderr, "resuming the sweep in %s: %zu trials\n", folder.c_str(),
                 sweep.trials.size());
  } else {
    if (o.out.empty()) throw UsageError("--out DIR is needed for a new sweep");
    folder = o.out;
    std::error_code ec;
    if (fs::exists(sweep_file(folder), ec)) {
      throw Error(folder + " already holds a sweep: resume it with ganstudio-cli sweep --resume " +
                  folder);
    }
    std::vector<std::string> sets = o.sets;
    if (o.quick) {
      // Its first trial holds the defaults themselves (below), so the best it finds is at least as
      // good as they are, by the meter.
      const std::vector<std::string> quick = quick_sweep_space();
      sets.insert(sets.begin(), quick.begin(), quick.end());
    }
    if (sets.empty()) throw UsageError("--set key=v1,v2 (or key=log:A..B) names what to sweep");
    for (const std::string& assignment : sets) {
      Dimension dimension = parse_dimension(assignment);
      if (dimension.kind == Dimension::Kind::List && dimension.values.size() == 1) {
        sweep.fixed.push_back(assignment);  // one value: the same for every trial
      } else {
        sweep.space.push_back(std::move(dimension));
      }
    }
    sweep.fixed.insert(sweep.fixed.end(), o.fixed.begin(), o.fixed.end());
    {
      RunConfig check;  // fixed assignments are checked before anything runs
      for (const std::string& assignment : sweep.fixed) apply_assignment(check, assignment);
    }
    if (sweep.space.empty()) throw UsageError("every --set has one value: nothing to sweep");
    sweep.method = parse_sweep_method(o.quick ? "halving" : o.method);
    sweep.budget = parse_budget(o.quick && o.budget_default ? kQuickSweepBudget : o.budget);
    sweep.trials_wanted = o.quick ? kQuickSweepTrials : o.trials;
    sweep.seed = o.seed;
    sweep.parallel = o.parallel;
    sweep.samples = o.samples;
    sweep.trials = plan_trials(sweep);
    if (o.quick) {
      // The first trial: the swept keys as the fixed settings resolve them (the defaults).
      RunConfig defaults;
      for (const std::string& assignment : sweep.fixed) apply_assignment(defaults, assignment);
      defaults = resolve(defaults, false);
      for (auto& [key, value] : sweep.trials.front().settings) value = get_value(defaults, key);
      std::fprintf(stderr, "%s holds the defaults\n", sweep.trials.front().name.c_str());
    }
    SweepRunner::assign_first_budgets(sweep);
    fs::create_directories(folder);
    save(sweep, folder);
    write_sweep_experiment(folder, sweep);  // TensorBoard's HParams tab: tensorboard --logdir DIR
    std::fprintf(stderr, "%s sweep of %zu trials, budget %s, %d at a time, in %s\n",
                 to_string(sweep.method).c_str(), sweep.trials.size(), sweep.budget.text().c_str(),
                 sweep.parallel, folder.c_str());
  }
  SweepRunner runner(sweep, folder);
  const bool complete = runner.run();
  print_summary(sweep, o.json);
  if (!complete) {
    std::fprintf(stderr, "interrupted: resume with ganstudio-cli sweep --resume %s\n",
                 folder.c_str());
  }
  return 0;
}

}  // namespace

Command add_sweep_command(CLI::App& cli) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* command = cli.add_subcommand(
      "sweep", "train trials over a space of settings and rank them by the quality meter");
  command->footer(
      "Each trial is a run folder in DIR/trials/, trained by ganstudio-cli train and scored by the "
      "quality meter (the distance of its samples to real images; lower is better). DIR/sweep.yaml "
      "records the space, the method, the budget and every trial. Ctrl-C stops the trials with a "
      "checkpoint; --resume DIR goes on without training finished trials again. Examples: sweep "
      "--set training.learning_rate_d=1e-4,4e-4,1.6e-3 --set training.loss=bce,hinge --budget 3m "
      "--out S; sweep --method halving --trials 8 --set training.learning_rate_g=log:1e-4..2e-3 "
      "--budget 20000i --out H; sweep --status S.");
  command->add_option("--set", options->sets,
                      "key=v1,v2,... (values), key=log:A..B or key=lin:A..B (a range); one value "
                      "is a setting every trial gets");
  command->add_option("--fixed", options->fixed, "key=value every trial gets (as train's --set)");
  command->add_option("--method", options->method, "grid, random or halving (successive halving)")
      ->check(CLI::IsMember({"grid", "random", "halving"}));
  command->add_option("--trials", options->trials, "trials of random and halving")
      ->check(CLI::Range(1, 10000));
  command->add_option("--seed", options->seed, "the random draws' seed");
  command->add_flag("--quick", options->quick,
                    "the quick sweep of the CPU default: learning rates of D and G (log 1e-4 to "
                    "2e-3), beta1 (0 to 0.9) and the loss, successive halving of 8 trials (the "
                    "first the defaults) in 10 minutes unless --budget says otherwise");
  command->add_option("--budget", options->budget,
                      "the whole sweep's wall-clock time (90s, 3m, 2h) or iterations of all "
                      "trials together (20000i)");
  command->add_option("--parallel", options->parallel, "trials at a time, each its own process")
      ->check(CLI::Range(1, 256));
  command->add_option("--samples", options->samples, "samples the quality meter scores per trial")
      ->check(CLI::Range(100, 100000));
  command->add_option("--out", options->out, "the sweep's folder (new)");
  CLI::Option* resume = command->add_option("--resume", options->resume, "go on with a sweep");
  CLI::Option* status =
      command->add_option("--status", options->status, "print a sweep's table and exit");
  resume->excludes(status);
  command->add_flag("--json", options->json, "the summary as JSON");
  return {command, [options, command] {
            options->budget_default = command->count("--budget") == 0;
            return sweep_command(*options);
          }};
}

}  // namespace gs::cli
