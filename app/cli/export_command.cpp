// ganstudio-cli export: grids, training GIFs, samples, metrics and configurations from a run.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "app/cli/command_line.h"
#include "model/config/keys.h"
#include "model/core/grid.h"
#include "model/exports/exports.h"
#include "model/io/error.h"
#include "model/runs/run_directory.h"
#include "model/runs/tensorboard_log.h"
#include "model/sampling/sampler.h"
#include "model/training/trainer.h"

namespace gs::cli {

namespace {

struct ExportOptions {
  std::string from;
  std::string grid;
  std::string gif;
  std::string samples;
  std::string metrics;
  std::string config;
  std::string tensorboard;
  int scale = 4;
  int gap = 2;
  int frame_step = 1;
  int delay = 100;
  int64_t count = 1000;
  int64_t seed = 0;
  int class_index = -1;
};

int run_export(const ExportOptions& o) {
  if (o.grid.empty() && o.gif.empty() && o.samples.empty() && o.metrics.empty() &&
      o.config.empty() && o.tensorboard.empty()) {
    throw UsageError(
        "nothing to export: give --grid, --gif, --samples, --metrics, --config or --tensorboard");
  }
  const std::string run = RunDirectory::run_folder_of(o.from);
  auto need_run = [&](const char* what) {
    if (run.empty()) {
      throw Error(o.from + ": " + what + " needs a run folder; this checkpoint is not inside one");
    }
  };
  std::optional<Sampler> sampler;
  auto load_sampler = [&]() -> Sampler& {
    if (!sampler) sampler = Sampler::from_checkpoint(RunDirectory::find_checkpoint(o.from));
    return *sampler;
  };

  if (!o.grid.empty()) {
    Sampler& s = load_sampler();
    // A conditional generator's grid has a row per class.
    const ImageBatch cells = s.render(s.grid_latents(), s.grid_labels());
    std::printf(
        "%s\n",
        export_grid_png(cells, GridLayout{kGridColumns, o.gap, o.scale, 96}, o.grid).c_str());
  }
  if (!o.gif.empty()) {
    need_run("--gif");
    std::printf("%s\n", export_training_gif(run, GifOptions{o.frame_step, o.delay}, o.gif).c_str());
  }
  if (!o.samples.empty()) {
    Sampler& s = load_sampler();
    const auto seed = static_cast<uint64_t>(o.seed);
    std::printf("%s\n",
                (ends_with(o.samples, ".idx")
                     ? export_samples_idx(s, o.count, seed, o.samples, o.class_index)
                     : export_samples_png_folder(s, o.count, seed, 1, o.samples, o.class_index))
                    .c_str());
  }
  if (!o.metrics.empty()) {
    need_run("--metrics");
    std::printf("%s\n", export_metrics_csv(run, o.metrics).c_str());
  }
  if (!o.tensorboard.empty()) {
    need_run("--tensorboard");
    std::printf("%s\n", export_tensorboard(run, o.tensorboard).c_str());
  }
  if (!o.config.empty()) {
    const RunConfig effective = read_checkpoint_config(RunDirectory::find_checkpoint(o.from));
    std::printf("%s\n", export_config_yaml(effective, o.config).c_str());
  }
  return 0;
}

}  // namespace

Command add_export_command(CLI::App& cli) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* command = cli.add_subcommand(
      "export", "grids, training GIFs, samples, metrics and configurations from a run");
  command->footer(
      "Writes any number of outputs in one call. --from a run folder uses its newest checkpoint; a "
      "checkpoint in RUN/checkpoints/ knows its run.");
  command->add_option("--from", o->from, "a run folder or a checkpoint")->required();
  command->add_option("--grid", o->grid,
                      "the 8x8 grid of the run's fixed latent batch (PNG); a conditional run's "
                      "grid has a row per class");
  command->add_option("--gif", o->gif, "every grid the run drew, animated (GIF)");
  command->add_option("--samples", o->samples,
                      "N samples: FILE.idx (unsigned bytes, N x 28 x 28), or a new or empty "
                      "folder of PNG files");
  command->add_option("--metrics", o->metrics, "the run's metrics, one row per iteration (CSV)");
  command->add_option("--config", o->config, "the effective configuration (YAML)");
  command->add_option("--tensorboard", o->tensorboard,
                      std::string("a folder for TensorBoard: the run's statistics, quality, "
                                  "changes, grids and configuration as an event file (for runs "
                                  "trained without ") +
                          keys::kTensorboard + ")");
  command->add_option("--scale", o->scale, "grid magnification")
      ->check(CLI::Range(1, 10))
      ->capture_default_str();
  command->add_option("--gap", o->gap, "pixels between grid cells")
      ->check(CLI::Range(0, 64))
      ->capture_default_str();
  command->add_option("--frame-step", o->frame_step, "GIF: every k-th grid")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  command->add_option("--delay", o->delay, "GIF: milliseconds per frame")
      ->check(CLI::Range(10, 60000))
      ->capture_default_str();
  command->add_option("--count", o->count, "samples: how many")
      ->check(CLI::Range(int64_t{1}, int64_t{1000000}))
      ->capture_default_str();
  command->add_option("--seed", o->seed, "samples: random seed")
      ->check(CLI::Range(int64_t{0}, int64_t{1} << 62))
      ->capture_default_str();
  command
      ->add_option("--class", o->class_index,
                   "samples: only this class (a conditional generator; 0-based)")
      ->check(CLI::Range(0, 999));
  return {command, [o] { return run_export(*o); }};
}

}  // namespace gs::cli
