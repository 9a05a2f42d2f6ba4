// What a person takes away from a run: grids, digits, strips, training GIFs, samples, metrics and
// configurations. Shared by the window (File -> Export...) and `ganstudio-cli export`.
// Every export writes atomically (a failure leaves no half-written file or folder behind) and
// returns one sentence saying what it wrote where; failures throw Error naming the path and the
// cause.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/config/config.h"
#include "model/io/images.h"

namespace gs {

class Sampler;

// The images tiled as a grid (`layout`: columns, gap, scale 1..10).
std::string export_grid_png(const ImageBatch& cells, const GridLayout& layout,
                            const std::string& path);

// One image, magnified `scale` times (1..10).
std::string export_image_png(const Image& image, int scale, const std::string& path);

// Images side by side (an interpolation strip), with the layout's gap and scale.
std::string export_strip_png(const std::vector<Image>& frames, const GridLayout& layout,
                             const std::string& path);

struct GifOptions {
  int frame_step = 1;  // every k-th grid the run drew
  int delay_ms = 100;  // per frame
};
// The run's sample grids (samples/iter_*.png, in order) as an animated GIF.
std::string export_training_gif(const std::string& run_path, const GifOptions& options,
                                const std::string& path);

// `count` samples from `seed` as an IDX file of unsigned bytes (count x side x side; grayscale
// generators only). A conditional generator draws `class_index` (-1: the classes in turn).
std::string export_samples_idx(Sampler& sampler, int64_t count, uint64_t seed,
                               const std::string& path, int class_index = -1);
// The same as a folder of PNGs (sample_0000.png, ...; RGB too); the folder must not exist or be
// empty.
std::string export_samples_png_folder(Sampler& sampler, int64_t count, uint64_t seed, int scale,
                                      const std::string& folder, int class_index = -1);

// A copy of the run's metrics.csv.
std::string export_metrics_csv(const std::string& run_path, const std::string& path);
// The configuration as YAML.
std::string export_config_yaml(const RunConfig& config, const std::string& path);

}  // namespace gs
