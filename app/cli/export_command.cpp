// ganstudio-cli export: grids, training GIFs and videos, latent walks, samples, metrics and
// configurations from a run.
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/command_line.h"
#include "app/cli/interrupt.h"
#include "model/config/keys.h"
#include "model/core/grid.h"
#include "model/exports/exports.h"
#include "model/io/error.h"
#include "model/runs/run_directory.h"
#include "model/runs/tensorboard_log.h"
#include "model/sampling/sampler.h"
#include "model/training/trainer.h"
#include "model/video/video_export.h"

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
  std::string video;
  std::string walk;
  int fps = 0;  // 0: 10 for --video, 30 for --walk
  bool no_caption = false;
  std::vector<uint64_t> walk_seeds = {1, 2};
  std::vector<std::string> walk_classes;
  int walk_frames = 60;
  int walk_scale = 8;
  bool loop = false;
  bool linear = false;
  int scale = 4;
  bool scale_given = false;  // --video scales the saved grids, by 1 unless asked
  int gap = 2;
  int frame_step = 1;
  int delay = 100;
  int64_t count = 1000;
  int64_t seed = 0;
  int class_index = -1;
};

// "frame 12 / 60" on a terminal while a video is made; Ctrl-C cancels it (nothing is written).
VideoProgress video_progress(const char* what) {
  const bool terminal = ::isatty(::fileno(stderr)) != 0;
  return [what, terminal](int done, int total) {
    if (terminal) {
      std::fprintf(stderr, "\r%s: frame %d / %d", what, done, total);
      if (done == total) std::fprintf(stderr, "\n");
    }
    return !interrupt_requested();
  };
}

int run_export(const ExportOptions& o) {
  if (o.grid.empty() && o.gif.empty() && o.samples.empty() && o.metrics.empty() &&
      o.config.empty() && o.tensorboard.empty() && o.video.empty() && o.walk.empty()) {
    throw UsageError(
        "nothing to export: give --grid, --gif, --video, --walk, --samples, --metrics, --config "
        "or --tensorboard");
  }
  if (!o.video.empty() || !o.walk.empty()) install_interrupt_handler();
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
  if (!o.video.empty()) {
    need_run("--video");
    TimelapseOptions options;
    options.frame_step = o.frame_step;
    options.fps = o.fps > 0 ? o.fps : 10;
    options.scale = o.scale_given ? o.scale : 1;
    options.caption = !o.no_caption;
    std::printf("%s\n",
                export_training_video(run, options, o.video, video_progress("video")).c_str());
  }
  if (!o.walk.empty()) {
    Sampler& s = load_sampler();
    WalkOptions options;
    options.seeds = o.walk_seeds;
    for (const std::string& name : o.walk_classes) options.classes.push_back(s.class_of(name));
    options.loop = o.loop;
    options.spherical = !o.linear;
    options.frames = o.walk_frames;
    options.fps = o.fps > 0 ? o.fps : 30;
    options.scale = o.walk_scale;
    std::printf("%s\n", export_latent_walk(s, options, o.walk, video_progress("walk")).c_str());
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
      "export",
      "grids, training GIFs and videos, latent walks, samples, metrics and configurations from a "
      "run");
  command->footer(
      "Writes any number of outputs in one call. --from a run folder uses its newest checkpoint; a "
      "checkpoint in RUN/checkpoints/ knows its run.");
  command->add_option("--from", o->from, "a run folder or a checkpoint")->required();
  command->add_option("--grid", o->grid,
                      "the 8x8 grid of the run's fixed latent batch (PNG); a conditional run's "
                      "grid has a row per class");
  command->add_option("--gif", o->gif, "every grid the run drew, animated (GIF)");
  command->add_option("--video", o->video,
                      "every grid the run drew as a video: FILE.mp4 (H.264) or FILE.webm (VP9), "
                      "with the iteration and FD under each grid");
  command->add_option("--walk", o->walk,
                      "a walk through latent space as a video (FILE.mp4 or FILE.webm), from the "
                      "checkpoint's generator");
  command->add_option("--fps", o->fps, "videos: frames per second (default 10; a walk: 30)")
      ->check(CLI::Range(1, 120));
  command->add_flag("--no-caption", o->no_caption, "--video: no caption under the grids");
  command
      ->add_option("--walk-seeds", o->walk_seeds,
                   "--walk: the points, each the latent vector of a seed (as sample --seed draws)")
      ->delimiter(',')
      ->expected(2, 1000)
      ->capture_default_str();
  command
      ->add_option("--walk-classes", o->walk_classes,
                   "--walk: a conditional generator's class at each point, by name or number "
                   "(default: the classes in turn)")
      ->delimiter(',');
  command->add_option("--walk-frames", o->walk_frames, "--walk: frames in all")
      ->check(CLI::Range(2, 100000))
      ->capture_default_str();
  command->add_option("--walk-scale", o->walk_scale, "--walk: image magnification")
      ->check(CLI::Range(1, 16))
      ->capture_default_str();
  command->add_flag("--loop", o->loop, "--walk: from the last point back to the first");
  command->add_flag("--linear", o->linear, "--walk: straight lines instead of great circles");
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
  CLI::Option* scale =
      command
          ->add_option("--scale", o->scale,
                       "grid magnification (--grid: 1-10, default 4; --video: 1-8 times the "
                       "saved grids, default 1)")
          ->check(CLI::Range(1, 10));
  command->add_option("--gap", o->gap, "pixels between grid cells")
      ->check(CLI::Range(0, 64))
      ->capture_default_str();
  command->add_option("--frame-step", o->frame_step, "GIF and video: every k-th grid")
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
  return {command, [o, scale] {
            o->scale_given = scale->count() > 0;
            return run_export(*o);
          }};
}

}  // namespace gs::cli
