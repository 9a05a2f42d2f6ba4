// ganstudio-cli export: grids, training GIFs, samples, metrics and configurations from a run.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "app/cli/commands.h"
#include "model/io/error.h"
#include "model/io/exports.h"
#include "model/runs/run_directory.h"
#include "model/sampling/sampler.h"

namespace gs::cli {

const char* const kExportUsage =
    "usage: ganstudio-cli export --from RUN_DIR|CHECKPOINT [outputs...]\n"
    "\n"
    "outputs (any number of them in one call):\n"
    "  --grid FILE.png        the 8x8 grid of the run's fixed latent batch  [--scale 1-10] [--gap "
    "N]\n"
    "  --gif FILE.gif         every grid the run drew, animated  [--frame-step K] [--delay MS]\n"
    "  --samples FILE.idx     N samples as IDX unsigned bytes (N x 28 x 28)  [--count N] [--seed "
    "S]\n"
    "  --samples FOLDER       the same as PNG files in a new or empty folder\n"
    "  --metrics FILE.csv     the run's metrics, one row per iteration\n"
    "  --config FILE.yaml     the effective configuration\n"
    "\n"
    "--from a run folder uses its newest checkpoint; a checkpoint in RUN/checkpoints/ knows its "
    "run.\n";

namespace {

// The run folder a path belongs to ("" for a checkpoint outside any run folder).
std::string run_folder_of(const std::string& from) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(from, ec)) return from;
  const fs::path folder = fs::path(from).parent_path();
  if (folder.filename() == "checkpoints") return folder.parent_path().string();
  return {};
}

}  // namespace

int run_export(Arguments& args) {
  const auto from = args.take("from");
  const auto grid = args.take("grid");
  const auto gif = args.take("gif");
  const auto samples = args.take("samples");
  const auto metrics = args.take("metrics");
  const auto config = args.take("config");
  const int scale = static_cast<int>(args.take_integer("scale", 1, 10).value_or(4));
  const int gap = static_cast<int>(args.take_integer("gap", 0, 64).value_or(2));
  const int frame_step = static_cast<int>(args.take_integer("frame-step", 1, 1000000).value_or(1));
  const int delay = static_cast<int>(args.take_integer("delay", 10, 60000).value_or(100));
  const auto count = args.take_integer("count", 1, 1000000).value_or(1000);
  const auto seed = args.take_integer("seed", 0, 1LL << 62).value_or(0);
  args.expect_empty();
  if (!from) throw UsageError("--from is required");
  if (!grid && !gif && !samples && !metrics && !config) {
    throw UsageError("nothing to export: give --grid, --gif, --samples, --metrics or --config");
  }
  const std::string run = run_folder_of(*from);
  auto need_run = [&](const char* what) {
    if (run.empty()) {
      throw Error(*from + ": " + what + " needs a run folder; this checkpoint is not inside one");
    }
  };
  std::optional<Sampler> sampler;
  auto load_sampler = [&]() -> Sampler& {
    if (!sampler) sampler = Sampler::from_checkpoint(RunDirectory::find_checkpoint(*from));
    return *sampler;
  };

  if (grid) {
    Sampler& s = load_sampler();
    const ImageBatch cells = s.render(s.grid_latents());
    std::printf("%s\n", export_grid_png(cells, GridLayout{8, gap, scale, 96}, *grid).c_str());
  }
  if (gif) {
    need_run("--gif");
    std::printf("%s\n", export_training_gif(run, GifOptions{frame_step, delay}, *gif).c_str());
  }
  if (samples) {
    Sampler& s = load_sampler();
    const auto seed_value = static_cast<uint64_t>(seed);
    std::printf("%s\n", (ends_with(*samples, ".idx")
                             ? export_samples_idx(s, count, seed_value, *samples)
                             : export_samples_png_folder(s, count, seed_value, 1, *samples))
                            .c_str());
  }
  if (metrics) {
    need_run("--metrics");
    std::printf("%s\n", export_metrics_csv(run, *metrics).c_str());
  }
  if (config) {
    const RunConfig effective = read_checkpoint_config(RunDirectory::find_checkpoint(*from));
    std::printf("%s\n", export_config_yaml(effective, *config).c_str());
  }
  return 0;
}

}  // namespace gs::cli
