#include "model/exports/exports.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <vector>

#include "model/core/number_text.h"
#include "model/data/idx.h"
#include "model/io/error.h"
#include "model/io/file_io.h"
#include "model/io/gif.h"
#include "model/runs/run_directory.h"
#include "model/sampling/sampler.h"

namespace gs {

namespace fs = std::filesystem;

namespace {

std::string size_text(const Image& image) {
  return std::to_string(image.width) + "x" + std::to_string(image.height);
}

std::string write_png_reporting(const Image& image, const std::string& what,
                                const std::string& path) {
  const std::string bytes = encode_png(image);
  write_file_atomically(path, bytes);
  return "wrote " + what + " (" + size_text(image) + " PNG, " + bytes_text(bytes.size()) + ") to " +
         path;
}

}  // namespace

std::string export_grid_png(const ImageBatch& cells, const GridLayout& layout,
                            const std::string& path) {
  if (cells.count == 0) throw Error(path + ": there is no grid to export yet");
  return write_png_reporting(tile_grid(cells, layout),
                             "the " + std::to_string(cells.count) + "-digit grid", path);
}

std::string export_image_png(const Image& image, int scale, const std::string& path) {
  if (image.width == 0) throw Error(path + ": there is no image to export yet");
  return write_png_reporting(scale_nearest(image, std::clamp(scale, 1, 10)), "the image", path);
}

std::string export_strip_png(const std::vector<Image>& frames, const GridLayout& layout,
                             const std::string& path) {
  if (frames.empty()) throw Error(path + ": there is no interpolation strip to export yet");
  return write_png_reporting(tile_strip(frames, layout),
                             "the " + std::to_string(frames.size()) + "-frame interpolation strip",
                             path);
}

std::string export_training_gif(const std::string& run_path, const GifOptions& options,
                                const std::string& path) {
  const auto grids = RunDirectory::time_lapse_grids(run_path, options.frame_step);
  // An RGB run's grids stay in colour.
  const int channels = is_gray(read_png(grids.front().second, 3)) ? 1 : 3;
  std::vector<Image> frames;
  frames.reserve(grids.size());
  for (const auto& grid : grids) frames.push_back(read_png(grid.second, channels));
  const std::string bytes = encode_gif(frames, options.delay_ms);
  write_file_atomically(path, bytes);
  return "wrote a GIF of " + std::to_string(frames.size()) + " grids (iterations " +
         std::to_string(grids.front().first) + " to " + std::to_string(grids.back().first) + ", " +
         size_text(frames.front()) + ", " + std::to_string(options.delay_ms) + " ms per frame, " +
         bytes_text(bytes.size()) + ") to " + path;
}

namespace {

std::string class_text(int class_index) {
  return class_index >= 0 ? ", class " + std::to_string(class_index) : std::string{};
}

}  // namespace

std::string export_samples_idx(Sampler& sampler, int64_t count, uint64_t seed,
                               const std::string& path, int class_index) {
  const ImageBatch batch = sampler.generate(count, seed, class_index);
  if (batch.channels != 1) {
    throw Error(path + ": IDX holds grayscale images, and this generator draws RGB; export the " +
                "samples as a folder of PNG files instead");
  }
  const std::vector<uint32_t> dims = {static_cast<uint32_t>(batch.count),
                                      static_cast<uint32_t>(batch.side),
                                      static_cast<uint32_t>(batch.side)};
  const std::string bytes = encode_idx(dims, batch.pixels.data(), batch.pixels.size());
  write_file_atomically(path, bytes);
  const std::string side = std::to_string(batch.side);
  return "wrote " + std::to_string(batch.count) + " samples (seed " + std::to_string(seed) +
         class_text(class_index) + ", IDX unsigned bytes " + std::to_string(batch.count) + "x" +
         side + "x" + side + ", " + bytes_text(bytes.size()) + ") to " + path;
}

std::string export_samples_png_folder(Sampler& sampler, int64_t count, uint64_t seed, int scale,
                                      const std::string& folder, int class_index) {
  std::error_code ec;
  if (fs::exists(folder, ec) && !fs::is_empty(folder, ec)) {
    throw Error(folder + ": folder is not empty; choose a new or empty folder");
  }
  const ImageBatch batch = sampler.generate(count, seed, class_index);
  // Write everything into a hidden sibling, then rename it into place: all or nothing.
  const fs::path target(folder);
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  make_directories(parent.string());
  // mkdir (not mkdtemp, which makes it private): the folder gets the permissions the person's
  // umask gives every other export.
  std::string scratch;
  std::random_device random;
  for (int attempt = 0;; ++attempt) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%08x", static_cast<unsigned>(random()));
    scratch = (parent / ("." + target.filename().string() + ".partial-" + suffix)).string();
    if (::mkdir(scratch.c_str(), 0777) == 0) break;
    if (errno != EEXIST || attempt >= 100)
      throw Error(system_error_message(folder, "cannot create a folder beside it", errno));
  }
  try {
    for (int i = 0; i < batch.count; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "sample_%05d.png", i);
      write_png((fs::path(scratch) / name).string(),
                scale_nearest(batch.image(i), std::clamp(scale, 1, 10)));
    }
    fs::remove(folder, ec);  // an empty folder is replaced
    fs::rename(scratch, folder, ec);
    if (ec) throw Error(folder + ": cannot move the samples into place (" + ec.message() + ")");
  } catch (...) {
    fs::remove_all(scratch, ec);
    throw;
  }
  char last[16];
  std::snprintf(last, sizeof last, "%05d", batch.count - 1);
  return "wrote " + std::to_string(batch.count) + " samples (seed " + std::to_string(seed) +
         class_text(class_index) + ") as PNG files sample_00000.png to sample_" + last +
         ".png in " + folder;
}

std::string export_metrics_csv(const std::string& run_path, const std::string& path) {
  const std::string source = (fs::path(run_path) / kMetricsFile).string();
  // Checked before anything is written: a damaged file leaves no output behind.
  const size_t rows = read_metrics(source).size();
  const std::string bytes = read_file(source);
  write_file_atomically(path, bytes);
  return "wrote the metrics of " + std::to_string(rows) + " iterations (" +
         bytes_text(bytes.size()) + ") to " + path;
}

std::string export_config_yaml(const RunConfig& config, const std::string& path) {
  save_config(config, path);
  return "wrote the configuration to " + path;
}

}  // namespace gs
