// ganstudio-cli train: a headless training run into a run folder.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/progress_bar.h"
#include "model/config/config.h"
#include "model/io/error.h"
#include "model/runs/run_directory.h"
#include "model/training/trainer.h"

namespace gs::cli {

const char* const kTrainUsage =
    "usage: ganstudio-cli train [--config FILE] [--set key=value ...] [--out DIR]\n"
    "                           [--resume CHECKPOINT|RUN_DIR] [--quiet]\n"
    "\n"
    "Trains a GAN headless. Writes into the run folder (--out, else outputs.run_dir, else\n"
    "runs/<date>-<time>): config.yaml, metrics.csv, samples/iter_NNNNNNN.png (8x8 grid of a fixed\n"
    "latent batch) and checkpoints/iter_NNNNNNN.pt. Ctrl-C writes a checkpoint and exits 0.\n"
    "\n"
    "  --config FILE        run configuration (YAML; see README.md for the keys)\n"
    "  --set key=value      override one key, e.g. --set model.preset=compact (repeatable)\n"
    "  --out DIR            run folder\n"
    "  --resume PATH        continue from a checkpoint file, or the newest checkpoint of a run "
    "folder\n"
    "  --quiet              no progress line\n";

namespace {

struct RunPlan {
  RunConfig config;
  std::string run_path;
  std::string resume_checkpoint;  // empty for a fresh run
};

RunPlan plan_run(Arguments& args) {
  RunPlan plan;
  const auto config_path = args.take("config");
  const auto resume = args.take("resume");
  const auto out = args.take("out");
  const auto assignments = args.take_all("set");
  if (resume && config_path) {
    throw UsageError(
        "--resume takes the configuration stored in the checkpoint; use --set to change keys");
  }
  if (resume) {
    plan.resume_checkpoint = RunDirectory::find_checkpoint(*resume);
    plan.config = read_checkpoint_config(plan.resume_checkpoint);
    // runs/x/checkpoints/iter_N.pt belongs to runs/x.
    const auto folder = std::filesystem::path(plan.resume_checkpoint).parent_path();
    plan.run_path = folder.filename() == "checkpoints" ? folder.parent_path().string()
                                                       : plan.config.outputs.run_dir;
  } else if (config_path) {
    plan.config = load_config(*config_path);
  }
  for (const auto& assignment : assignments) apply_assignment(plan.config, assignment);
  if (out) {
    plan.run_path = *out;
  } else if (plan.run_path.empty()) {
    plan.run_path =
        plan.config.outputs.run_dir.empty() ? default_run_path() : plan.config.outputs.run_dir;
  }
  plan.config.outputs.run_dir = plan.run_path;
  return plan;
}

bool finite(const StepStats& s) { return std::isfinite(s.d_loss) && std::isfinite(s.g_loss); }

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

}  // namespace

int run_train(Arguments& args) {
  const bool quiet = args.take_flag("quiet");
  RunPlan plan = plan_run(args);
  args.expect_empty();

  std::fprintf(stderr, "loading data: %s\n", plan.config.data.path.c_str());
  Trainer trainer(plan.config);
  const bool resuming = !plan.resume_checkpoint.empty();
  if (resuming) trainer.load_checkpoint(plan.resume_checkpoint);
  RunDirectory run(plan.run_path, resuming);
  if (resuming) run.truncate_metrics_after(trainer.iteration());
  run.write_config(trainer.config());

  const RunConfig& config = trainer.config();
  const OutputConfig& outputs = config.outputs;
  std::fprintf(stderr, "%s %s on %s; data %s (%lld images), batch %d, %s loop, %s\n",
               resuming ? "resuming" : "training", architecture_summary(config.model).c_str(),
               trainer.device_description().c_str(), config.data.path.c_str(),
               static_cast<long long>(trainer.dataset_size()), config.training.batch_size,
               to_string(*config.training.loop).c_str(),
               to_string(*config.training.precision).c_str());
  if (resuming) {
    std::fprintf(stderr, "from %s at iteration %lld\n", plan.resume_checkpoint.c_str(),
                 static_cast<long long>(trainer.iteration()));
  }
  std::fprintf(stderr, "run folder: %s\n", run.path().c_str());

  install_interrupt_handler();
  const int64_t first = trainer.iteration();
  ProgressBar progress(first, trainer.total_iterations());
  std::vector<double> step_times;
  int64_t last_sample = -1;
  int64_t last_checkpoint = resuming ? first : -1;
  std::string last_checkpoint_path = plan.resume_checkpoint;
  bool diverged = false;
  while (trainer.iteration() < trainer.total_iterations() && !interrupt_requested()) {
    const StepStats stats = trainer.step();
    run.append_metrics(stats);
    step_times.push_back(stats.step_ms);
    if (!quiet) progress.update(stats);
    if (!finite(stats)) {
      diverged = true;
      break;
    }
    const int64_t i = stats.iteration;
    if (outputs.sample_every > 0 && i % outputs.sample_every == 0) {
      run.write_sample_grid(i, trainer.fixed_samples());
      last_sample = i;
    }
    if (outputs.checkpoint_every > 0 && i % outputs.checkpoint_every == 0) {
      last_checkpoint_path = run.write_checkpoint(trainer, outputs.keep_checkpoints);
      last_checkpoint = i;
    }
  }
  if (!quiet) progress.finish();
  run.flush_metrics();

  const int64_t done = trainer.iteration();
  if (diverged) {
    std::fprintf(stderr,
                 "error: training diverged at iteration %lld (a loss is NaN or infinite); no "
                 "checkpoint written over the good ones.%s%s\n",
                 static_cast<long long>(done),
                 last_checkpoint_path.empty() ? "" : " Last good checkpoint: ",
                 last_checkpoint_path.c_str());
    return 1;
  }
  std::string grid_path = last_sample == done ? run.sample_path(done) : std::string{};
  if (grid_path.empty() && done > first)
    grid_path = run.write_sample_grid(done, trainer.fixed_samples());
  if (last_checkpoint != done)
    last_checkpoint_path = run.write_checkpoint(trainer, outputs.keep_checkpoints);

  const double median_ms = median(step_times);
  std::fprintf(
      stderr,
      "%s at iteration %lld of %lld: %lld iterations, median %.1f ms per iteration (%.2f it/s)\n",
      interrupt_requested() ? "interrupted" : "finished", static_cast<long long>(done),
      static_cast<long long>(trainer.total_iterations()), static_cast<long long>(done - first),
      median_ms, median_ms > 0 ? 1000.0 / median_ms : 0.0);
  if (!grid_path.empty()) std::fprintf(stderr, "sample grid: %s\n", grid_path.c_str());
  std::fprintf(stderr, "checkpoint:  %s\n", last_checkpoint_path.c_str());
  if (done < trainer.total_iterations()) {
    std::fprintf(stderr, "resume with: ganstudio-cli train --resume %s\n", run.path().c_str());
  }
  return 0;
}

}  // namespace gs::cli
